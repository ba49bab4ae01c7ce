import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { columns } from './migration-columns';

/** The append-only points ledger. */
export class PointsLedger1763856000000 implements MigrationInterface {
  name = 'PointsLedger1763856000000';

  async up(q: QueryRunner): Promise<void> {
    const col = columns(q);
    await q.createTable(
      new Table({
        name: 'points_entry',
        columns: [
          col.id(),
          col.int('userId'),
          col.int('delta'),
          col.varchar('reason', 32),
          col.varchar('sourceType', 16),
          col.int('sourceId'),
          col.int('actorId', { nullable: true }),
          col.createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'uq_points_event', columnNames: ['reason', 'sourceType', 'sourceId', 'userId'], isUnique: true }),
          new TableIndex({ name: 'idx_points_user_time', columnNames: ['userId', 'createdAt'] }),
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ['userId'], referencedTableName: 'user', referencedColumnNames: ['id'], onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('points_entry');
  }
}
