import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { columns } from './migration-columns';

/**
 * 一办到底, the closed loop: departments sign, handle and report back; staff verify, approve extensions and
 * deferrals; reporters confirm and rate; overdue stages are escalated. Report columns for each stage, the status
 * after each timeline event, the department stages' deadlines per category, and a department handler's department.
 */
export class ClosedLoop1764460800000 implements MigrationInterface {
  name = 'ClosedLoop1764460800000';

  async up(q: QueryRunner): Promise<void> {
    const col = columns(q);
    await q.addColumns('report', [
      new TableColumn(col.int('dispatchedById', { nullable: true })),
      new TableColumn(col.datetime('stageDeadlineAt', { nullable: true })),
      new TableColumn(col.int('reworkCount', { default: 0 })),
      new TableColumn(col.int('extensionCount', { default: 0 })),
      new TableColumn(col.datetime('deferredAt', { nullable: true })),
      new TableColumn(col.varchar('outcome', 16, { nullable: true })),
      new TableColumn(col.datetime('closedAt', { nullable: true })),
      new TableColumn(col.int('reporterFixed', { nullable: true })),
      new TableColumn(col.varchar('rating', 16, { nullable: true })),
      new TableColumn(col.text('ratingNote', { nullable: true })),
      new TableColumn(col.datetime('ratedAt', { nullable: true })),
      new TableColumn(col.int('escalationLevel', { default: 0 })),
      new TableColumn(col.datetime('escalatedAt', { nullable: true })),
      new TableColumn(col.int('escalationAreaId', { nullable: true })),
      new TableColumn(col.varchar('escalationPath', 255, { nullable: true })),
      new TableColumn(col.varchar('pendingRequest', 16, { nullable: true })),
      new TableColumn(col.int('pendingHours', { nullable: true })),
      new TableColumn(col.text('pendingReason', { nullable: true })),
    ]);
    // A case dispatched before the loop was dispatched by the staff member its last dispatch event names.
    await q.query(
      `UPDATE report SET dispatchedById = (SELECT MAX(e.actorId) FROM report_event e WHERE e.reportId = report.id AND e.type = 'dispatched') WHERE departmentId IS NOT NULL`,
    );
    // A case dispatched before the loop keeps the deadline it ran under as its sign deadline.
    await q.manager.createQueryBuilder().update('report').set({ stageDeadlineAt: () => 'resolveDueAt' }).where('status = :s', { s: 'dispatched' }).execute();
    // Reports resolved before the loop were closed as fixed.
    await q.manager.createQueryBuilder().update('report').set({ outcome: 'fixed' }).where('status = :s', { s: 'resolved' }).execute();
    await q.manager.createQueryBuilder().update('report').set({ closedAt: () => 'finishedAt' }).where('status = :s', { s: 'resolved' }).execute();
    await q.createIndices('report', [
      new TableIndex({ name: 'idx_report_stage_deadline', columnNames: ['stageDeadlineAt'] }),
      new TableIndex({ name: 'idx_report_escalation_path', columnNames: ['escalationPath'] }),
    ]);
    await q.addColumns('report_event', [new TableColumn(col.varchar('status', 16, { nullable: true })), new TableColumn(col.datetime('dueAt', { nullable: true }))]);
    // Null: the shared defaults (4 hours to sign, 24 to verify).
    await q.addColumns('report_category', [new TableColumn(col.int('signHours', { nullable: true })), new TableColumn(col.int('verifyHours', { nullable: true }))]);
    await q.addColumn('user', new TableColumn(col.int('departmentId', { nullable: true })));
    await q.createIndex('user', new TableIndex({ name: 'idx_user_department', columnNames: ['departmentId'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('user', 'idx_user_department');
    await q.dropColumn('user', 'departmentId');
    await q.dropColumns('report_category', ['signHours', 'verifyHours']);
    await q.dropColumns('report_event', ['status', 'dueAt']);
    for (const name of ['idx_report_stage_deadline', 'idx_report_escalation_path']) await q.dropIndex('report', name);
    await q.dropColumns('report', [
      'dispatchedById',
      'stageDeadlineAt',
      'reworkCount',
      'extensionCount',
      'deferredAt',
      'outcome',
      'closedAt',
      'reporterFixed',
      'rating',
      'ratingNote',
      'ratedAt',
      'escalationLevel',
      'escalatedAt',
      'escalationAreaId',
      'escalationPath',
      'pendingRequest',
      'pendingHours',
      'pendingReason',
    ]);
  }
}
