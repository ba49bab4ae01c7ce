import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { columns } from './migration-columns';

/** Areas, users and staff scopes. Schema-builder API only, so it runs on MySQL and the embedded SQLite alike. */
export class Foundation1763769600000 implements MigrationInterface {
  name = 'Foundation1763769600000';

  async up(q: QueryRunner): Promise<void> {
    const col = columns(q);
    await q.createTable(
      new Table({
        name: 'area',
        columns: [
          col.id(),
          col.int('parentId', { nullable: true }),
          col.varchar('level', 16),
          col.varchar('name', 64),
          col.varchar('code', 32),
          col.varchar('path', 255, { default: "''" }),
          col.double('centerLat', { nullable: true }),
          col.double('centerLng', { nullable: true }),
          col.text('boundary', { nullable: true }),
          col.createdAt(),
          col.updatedAt(),
        ],
        indices: [
          new TableIndex({ name: 'idx_area_parent', columnNames: ['parentId'] }),
          new TableIndex({ name: 'uq_area_code', columnNames: ['code'], isUnique: true }),
          new TableIndex({ name: 'idx_area_path', columnNames: ['path'] }),
        ],
      }),
    );
    await q.createForeignKey(
      'area',
      new TableForeignKey({ columnNames: ['parentId'], referencedTableName: 'area', referencedColumnNames: ['id'], onDelete: 'RESTRICT', onUpdate: 'NO ACTION' }),
    );

    await q.createTable(
      new Table({
        name: 'user',
        columns: [
          col.id(),
          col.varchar('role', 16),
          col.varchar('openid', 64, { nullable: true }),
          col.varchar('unionid', 64, { nullable: true }),
          col.varchar('username', 32, { nullable: true }),
          col.varchar('passwordHash', 255, { nullable: true }),
          col.varchar('nickname', 32, { default: "''" }),
          col.varchar('trade', 24, { nullable: true }),
          col.varchar('phone', 20, { nullable: true }),
          col.int('pointsBalance', { default: 0 }),
          col.varchar('demoAccount', 16, { nullable: true }),
          col.datetime('disabledAt', { nullable: true }),
          col.createdAt(),
          col.updatedAt(),
        ],
        indices: [
          new TableIndex({ name: 'uq_user_openid', columnNames: ['openid'], isUnique: true }),
          new TableIndex({ name: 'uq_user_username', columnNames: ['username'], isUnique: true }),
          new TableIndex({ name: 'uq_user_demo_account', columnNames: ['demoAccount'], isUnique: true }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'staff_scope',
        columns: [col.int('userId', { isPrimary: true }), col.int('areaId', { isPrimary: true }), col.createdAt()],
        indices: [new TableIndex({ name: 'idx_staff_scope_area', columnNames: ['areaId'] })],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['userId'], referencedTableName: 'user', referencedColumnNames: ['id'], onDelete: 'CASCADE', onUpdate: 'NO ACTION' }),
          new TableForeignKey({ columnNames: ['areaId'], referencedTableName: 'area', referencedColumnNames: ['id'], onDelete: 'CASCADE', onUpdate: 'NO ACTION' }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('staff_scope');
    await q.dropTable('user');
    await q.dropTable('area');
  }
}
