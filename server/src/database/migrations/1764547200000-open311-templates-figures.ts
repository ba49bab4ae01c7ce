import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { columns } from './migration-columns';

const restrict = (column: string, references: string) =>
  new TableForeignKey({ columnNames: [column], referencedTableName: references, referencedColumnNames: ['id'], onDelete: 'RESTRICT', onUpdate: 'NO ACTION' });

/** Report indexes for the scale the closed loop is built for (a county's year: 1,000,000 reports). */
export const FIGURES_REPORT_INDEXES: Array<{ name: string; columns: string[] }> = [
  // Dashboard and export: a date range within an area, with every column the figures read, so a district's quarter
  // is counted from the index alone (no row lookups). Open311 requests.json reads its newest-first range too.
  {
    name: 'idx_report_dashboard',
    columns: ['createdAt', 'areaPath', 'status', 'categoryId', 'departmentId', 'acceptedAt', 'outcome', 'escalatedAt', 'dispatchedById', 'reworkCount', 'extensionCount', 'rating', 'acceptDueAt', 'resolveDueAt', 'stageDeadlineAt'],
  },
  // The staff queue (highest priority, then newest): read in index order, stopping at the page, instead of sorting
  // every open case of the scope.
  { name: 'idx_report_queue', columns: ['priority', 'id'] },
];

/** Open311 clients (API keys, stored as hashes), response templates per category and action, and report indexes. */
export class Open311TemplatesFigures1764547200000 implements MigrationInterface {
  name = 'Open311TemplatesFigures1764547200000';

  async up(q: QueryRunner): Promise<void> {
    const col = columns(q);
    await q.createTable(
      new Table({
        name: 'open311_client',
        columns: [
          col.id(),
          col.varchar('name', 64),
          col.varchar('keyHash', 64),
          col.varchar('keyPrefix', 12),
          col.int('userId'),
          col.datetime('revokedAt', { nullable: true }),
          col.datetime('lastUsedAt', { nullable: true }),
          col.createdAt(),
        ],
        indices: [new TableIndex({ name: 'uq_open311_client_key_hash', columnNames: ['keyHash'], isUnique: true })],
        foreignKeys: [restrict('userId', 'user')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'report_template',
        columns: [
          col.id(),
          col.int('categoryId', { nullable: true }),
          col.varchar('action', 16),
          col.varchar('title', 32),
          col.text('body'),
          col.int('sortOrder', { default: 0 }),
          col.datetime('archivedAt', { nullable: true }),
          col.createdAt(),
          col.updatedAt(),
        ],
        indices: [new TableIndex({ name: 'idx_report_template_action', columnNames: ['action', 'categoryId'] })],
        foreignKeys: [restrict('categoryId', 'report_category')],
      }),
    );
    for (const ix of FIGURES_REPORT_INDEXES) await q.createIndex('report', new TableIndex({ name: ix.name, columnNames: ix.columns }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const ix of [...FIGURES_REPORT_INDEXES].reverse()) await q.dropIndex('report', ix.name);
    await q.dropTable('report_template', true, true);
    await q.dropTable('open311_client', true, true);
  }
}
