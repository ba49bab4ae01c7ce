import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { columns } from './migration-columns';

/** The open queue by deadline (written out as of this migration; the repository keeps it with every change). */
// NEVER (open without a running deadline) as both drivers store a UTC datetime.
const NEVER = "'9999-12-31 23:59:59.999'";
const QUEUE_DUE =
  `CASE WHEN status = 'submitted' THEN COALESCE(acceptDueAt, ${NEVER}) WHEN status = 'accepted' THEN COALESCE(resolveDueAt, ${NEVER}) ` +
  `WHEN status IN ('dispatched', 'handling', 'verifying') THEN COALESCE(stageDeadlineAt, ${NEVER}) WHEN status = 'deferred' THEN ${NEVER} ELSE NULL END`;

/** report.queueDueAt, the staff queue's order key (the running deadline), filled for every report, and its index. */
export class ReportQueueDue1765152000000 implements MigrationInterface {
  name = 'ReportQueueDue1765152000000';

  async up(q: QueryRunner): Promise<void> {
    const col = columns(q);
    await q.addColumn('report', new TableColumn(col.datetime('queueDueAt', { nullable: true })));
    // Open reports only: finished ones keep null, the column's default.
    await q.query(`UPDATE report SET queueDueAt = ${QUEUE_DUE} WHERE status IN ('submitted', 'accepted', 'dispatched', 'handling', 'verifying', 'deferred')`);
    await q.createIndex('report', new TableIndex({ name: 'idx_report_queue_due', columnNames: ['queueDueAt', 'id', 'areaPath', 'status'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('report', 'idx_report_queue_due');
    await q.dropColumn('report', 'queueDueAt');
  }
}
