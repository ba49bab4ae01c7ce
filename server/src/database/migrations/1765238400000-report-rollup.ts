import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columns } from './migration-columns';

const MEASURES = ['received', 'filed', 'deferred', 'closedFixed', 'closedOnTime', 'closedNotFixed', 'dispatched', 'handled', 'reworked', 'extended', 'rated', 'satisfied', 'basic', 'unsatisfied', 'overdue'];
const TRIGGERS = ['trg_report_rollup_insert', 'trg_report_rollup_update', 'trg_report_rollup_delete'];

/**
 * The dashboard's roll-up (issue 12): report_rollup holds its counts per China day and week (clustered by span and
 * day), report_rollup_dirty the days written since. Triggers on `report` log every write in the writing transaction,
 * whatever wrote it (the API, seeds, the release tools, a bulk LOAD DATA, a hand-made fix), so the roll-up cannot
 * drift; every existing day starts dirty and the sweeper builds it.
 */
export class ReportRollup1765238400000 implements MigrationInterface {
  name = 'ReportRollup1765238400000';

  async up(q: QueryRunner): Promise<void> {
    const col = columns(q);
    const mysql = ['mysql', 'mariadb'].includes(q.connection.driver.options.type);
    await q.createTable(
      new Table({
        name: 'report_rollup',
        columns: [
          col.int('span', { isPrimary: true }),
          col.int('day', { isPrimary: true }),
          col.int('kind', { isPrimary: true }),
          col.varchar('areaPath', 255, { isPrimary: true }),
          col.varchar('dim', 16, { isPrimary: true }),
          col.int('minId'),
          col.int('maxId'),
          col.datetime('asOf', { nullable: true }),
          col.datetime('nextDeadline', { nullable: true }),
          ...MEASURES.map((m) => col.int(m)),
        ],
        // The all-areas rows (kind 3) alone: the dashboard's plan and the sweeper's look for aged days read only them.
        indices: [new TableIndex({ name: 'idx_report_rollup_kind', columnNames: ['kind', 'span', 'day'] })],
      }),
    );
    await q.createTable(
      new Table({ name: 'report_rollup_dirty', columns: [col.id(), col.int('day')], indices: [new TableIndex({ name: 'idx_report_rollup_dirty_day', columnNames: ['day'] })] }),
    );
    // The China day (UTC+8) a report was received on, as days since 1970-01-01.
    const day = (row: string) =>
      mysql ? `((TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', ${row}.createdAt) + 28800) DIV 86400)` : `((CAST(strftime('%s', ${row}.createdAt) AS INTEGER) + 28800) / 86400)`;
    const mark = (row: string) => `INSERT INTO report_rollup_dirty (day) VALUES (${day(row)});`;
    if (mysql) {
      await q.query(`CREATE TRIGGER trg_report_rollup_insert AFTER INSERT ON report FOR EACH ROW ${mark('NEW').slice(0, -1)}`);
      await q.query(`CREATE TRIGGER trg_report_rollup_update AFTER UPDATE ON report FOR EACH ROW BEGIN ${mark('OLD')} IF ${day('NEW')} <> ${day('OLD')} THEN ${mark('NEW')} END IF; END`);
      await q.query(`CREATE TRIGGER trg_report_rollup_delete AFTER DELETE ON report FOR EACH ROW ${mark('OLD').slice(0, -1)}`);
    } else {
      await q.query(`CREATE TRIGGER trg_report_rollup_insert AFTER INSERT ON report BEGIN ${mark('NEW')} END`);
      await q.query(`CREATE TRIGGER trg_report_rollup_update AFTER UPDATE ON report BEGIN ${mark('OLD')} INSERT INTO report_rollup_dirty (day) SELECT ${day('NEW')} WHERE ${day('NEW')} <> ${day('OLD')}; END`);
      await q.query(`CREATE TRIGGER trg_report_rollup_delete AFTER DELETE ON report BEGIN ${mark('OLD')} END`);
    }
    // Every day already received is built by the sweeper (the dashboard counts it directly until then).
    await q.query(`INSERT INTO report_rollup_dirty (day) SELECT DISTINCT ${day('r')} FROM report r`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of TRIGGERS) await q.query(`DROP TRIGGER IF EXISTS ${t}`);
    await q.dropTable('report_rollup_dirty');
    await q.dropTable('report_rollup');
  }
}
