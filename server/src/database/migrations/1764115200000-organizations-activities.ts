import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';
import { columns } from './migration-columns';

/** Organizations, dual memberships, activities and check-ins; the worker's employer. */
export class OrganizationsActivities1764115200000 implements MigrationInterface {
  name = 'OrganizationsActivities1764115200000';

  async up(q: QueryRunner): Promise<void> {
    const col = columns(q);
    const fk = (column: string, table: string) =>
      new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete: 'RESTRICT', onUpdate: 'NO ACTION' });

    await q.addColumn('user', new TableColumn(col.varchar('employer', 64, { nullable: true })));

    await q.createTable(
      new Table({
        name: 'organization',
        columns: [col.id(), col.int('areaId'), col.varchar('name', 64), col.createdAt()],
        indices: [new TableIndex({ name: 'uq_organization_area', columnNames: ['areaId'], isUnique: true })],
        foreignKeys: [fk('areaId', 'area')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'membership',
        columns: [
          col.id(),
          col.int('userId'),
          col.int('organizationId'),
          col.varchar('role', 16),
          col.varchar('status', 16),
          col.varchar('activeKey', 32, { nullable: true }),
          col.varchar('note', 200, { nullable: true }),
          col.int('decidedBy', { nullable: true }),
          col.datetime('verifiedAt', { nullable: true }),
          col.datetime('endedAt', { nullable: true }),
          col.createdAt(),
          col.updatedAt(),
        ],
        indices: [
          new TableIndex({ name: 'uq_membership_active', columnNames: ['activeKey'], isUnique: true }),
          new TableIndex({ name: 'idx_membership_org_status', columnNames: ['organizationId', 'status'] }),
          new TableIndex({ name: 'idx_membership_user', columnNames: ['userId'] }),
        ],
        foreignKeys: [fk('userId', 'user'), fk('organizationId', 'organization')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'activity',
        columns: [
          col.id(),
          col.int('organizationId'),
          col.varchar('type', 16),
          col.varchar('title', 60),
          col.varchar('address', 120, { nullable: true }),
          col.datetime('startsAt'),
          col.datetime('endsAt'),
          col.double('lat'),
          col.double('lng'),
          col.int('radiusM'),
          col.int('points', { default: 0 }),
          col.int('capacity', { nullable: true }),
          col.varchar('status', 16),
          col.int('createdBy'),
          col.createdAt(),
          col.updatedAt(),
        ],
        indices: [new TableIndex({ name: 'idx_activity_org_start', columnNames: ['organizationId', 'startsAt'] })],
        foreignKeys: [fk('organizationId', 'organization')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'check_in',
        columns: [
          col.id(),
          col.int('activityId'),
          col.int('userId'),
          col.varchar('status', 16),
          col.varchar('refusal', 32, { nullable: true }),
          col.varchar('attendanceKey', 32, { nullable: true }),
          col.double('lat', { nullable: true }),
          col.double('lng', { nullable: true }),
          col.int('accuracyM', { nullable: true }),
          col.int('distanceM', { nullable: true }),
          col.int('approvedBy', { nullable: true }),
          col.datetime('approvedAt', { nullable: true }),
          col.varchar('note', 200, { nullable: true }),
          col.createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'uq_check_in_attendance', columnNames: ['attendanceKey'], isUnique: true }),
          new TableIndex({ name: 'idx_check_in_activity', columnNames: ['activityId', 'status'] }),
          new TableIndex({ name: 'idx_check_in_user_time', columnNames: ['userId', 'createdAt'] }),
        ],
        foreignKeys: [fk('activityId', 'activity'), fk('userId', 'user')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('check_in');
    await q.dropTable('activity');
    await q.dropTable('membership');
    await q.dropTable('organization');
    await q.dropColumn('user', 'employer');
  }
}
