import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { DEFAULT_DEPARTMENTS, DEFAULT_REPORT_CATEGORIES } from '../../modules/reports/categories/default-categories';
import { columns } from './migration-columns';

/** Photos, 随手拍 reports with their timeline and witnesses, categories, departments, in-app messages and subscribe consents. */
export class ReportsMedia1764028800000 implements MigrationInterface {
  name = 'ReportsMedia1764028800000';

  async up(q: QueryRunner): Promise<void> {
    const col = columns(q);
    await q.createTable(
      new Table({
        name: 'media',
        columns: [
          col.id(),
          col.int('ownerId'),
          col.varchar('fileKey', 128),
          col.varchar('thumbKey', 128),
          col.int('width'),
          col.int('height'),
          col.int('bytes'),
          col.varchar('attachedType', 24, { nullable: true }),
          col.int('attachedId', { nullable: true }),
          col.varchar('checkStatus', 16, { default: "'none'" }),
          col.varchar('checkTraceId', 64, { nullable: true }),
          col.createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'idx_media_owner', columnNames: ['ownerId'] }),
          new TableIndex({ name: 'idx_media_attached', columnNames: ['attachedType', 'attachedId'] }),
          new TableIndex({ name: 'idx_media_check_trace', columnNames: ['checkTraceId'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'report_category',
        columns: [
          col.id(),
          col.varchar('key', 32),
          col.varchar('label', 32),
          col.int('pointsMin'),
          col.int('pointsMax'),
          col.int('acceptHours'),
          col.int('resolveHours'),
          col.int('sortOrder', { default: 0 }),
          col.datetime('archivedAt', { nullable: true }),
          col.createdAt(),
          col.updatedAt(),
        ],
        indices: [new TableIndex({ name: 'uq_report_category_key', columnNames: ['key'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'department',
        columns: [col.id(), col.varchar('name', 32), col.varchar('phone', 20, { nullable: true }), col.datetime('archivedAt', { nullable: true }), col.createdAt(), col.updatedAt()],
        indices: [new TableIndex({ name: 'uq_department_name', columnNames: ['name'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'report',
        columns: [
          col.id(),
          col.int('reporterId'),
          col.varchar('idempotencyKey', 64),
          col.int('categoryId'),
          col.text('description'),
          col.varchar('status', 16),
          col.double('lat'),
          col.double('lng'),
          col.int('areaId'),
          col.varchar('areaPath', 255),
          col.int('stationId', { nullable: true }),
          col.int('priority', { default: 0 }),
          col.int('witnessCount', { default: 0 }),
          col.int('pointsAwarded', { default: 0 }),
          col.datetime('flaggedAt', { nullable: true }),
          col.int('departmentId', { nullable: true }),
          col.int('duplicateOfId', { nullable: true }),
          col.datetime('acceptDueAt'),
          col.datetime('resolveDueAt'),
          col.datetime('reviewedAt', { nullable: true }),
          col.datetime('acceptedAt', { nullable: true }),
          col.datetime('finishedAt', { nullable: true }),
          col.createdAt(),
          col.updatedAt(),
        ],
        indices: [
          new TableIndex({ name: 'uq_report_idempotency', columnNames: ['reporterId', 'idempotencyKey'], isUnique: true }),
          new TableIndex({ name: 'idx_report_category_created', columnNames: ['categoryId', 'createdAt'] }),
          new TableIndex({ name: 'idx_report_status', columnNames: ['status'] }),
          new TableIndex({ name: 'idx_report_lat', columnNames: ['lat'] }),
          new TableIndex({ name: 'idx_report_area_path', columnNames: ['areaPath'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'report_event',
        columns: [col.id(), col.int('reportId'), col.varchar('type', 24), col.int('actorId', { nullable: true }), col.text('note', { nullable: true }), col.text('data', { nullable: true }), col.createdAt()],
        indices: [new TableIndex({ name: 'idx_report_event_report', columnNames: ['reportId'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'report_witness',
        columns: [col.int('reportId', { isPrimary: true }), col.int('userId', { isPrimary: true }), col.createdAt()],
      }),
    );
    await q.createTable(
      new Table({
        name: 'message',
        columns: [
          col.id(),
          col.int('userId'),
          col.varchar('kind', 24),
          col.varchar('title', 64),
          col.varchar('body', 255),
          col.int('reportId', { nullable: true }),
          col.datetime('readAt', { nullable: true }),
          col.createdAt(),
        ],
        indices: [new TableIndex({ name: 'idx_message_user', columnNames: ['userId', 'id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'subscribe_consent',
        columns: [col.int('userId', { isPrimary: true }), col.varchar('templateId', 64, { isPrimary: true }), col.int('credits', { default: 0 }), col.updatedAt()],
      }),
    );
    // Reference data every installation needs before anyone can report (query builder, not raw SQL).
    await q.manager.createQueryBuilder().insert().into('report_category').values(DEFAULT_REPORT_CATEGORIES.map((c) => ({ ...c }))).execute();
    await q.manager.createQueryBuilder().insert().into('department').values(DEFAULT_DEPARTMENTS.map((name) => ({ name }))).execute();
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['subscribe_consent', 'message', 'report_witness', 'report_event', 'report', 'department', 'report_category', 'media']) await q.dropTable(t);
  }
}
