import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { columns } from './migration-columns';

/** 积分与志愿服务时长证明: statements as issued, with their lines, checked by code. */
export class Statements1764806400000 implements MigrationInterface {
  name = 'Statements1764806400000';

  async up(q: QueryRunner): Promise<void> {
    const col = columns(q);
    await q.createTable(
      new Table({
        name: 'statement',
        columns: [
          col.id(),
          col.varchar('code', 32),
          col.int('userId'),
          col.varchar('fromDate', 10),
          col.varchar('toDate', 10),
          col.varchar('memberName', 40),
          col.int('pointsTotal'),
          col.double('hoursTotal'),
          col.varchar('digest', 64),
          col.datetime('issuedAt'),
        ],
        indices: [
          new TableIndex({ name: 'uq_statement_code', columnNames: ['code'], isUnique: true }),
          new TableIndex({ name: 'idx_statement_user', columnNames: ['userId', 'issuedAt'] }),
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ['userId'], referencedTableName: 'user', referencedColumnNames: ['id'], onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'statement_line',
        columns: [
          col.id(),
          col.int('statementId'),
          col.int('seq'),
          col.varchar('kind', 8),
          col.datetime('at'),
          col.int('points', { nullable: true }),
          col.double('hours', { nullable: true }),
          col.varchar('reason', 32, { nullable: true }),
          col.varchar('sourceType', 16),
          col.int('sourceId'),
          col.varchar('label', 80),
          col.int('recordId'),
        ],
        indices: [new TableIndex({ name: 'uq_statement_line_seq', columnNames: ['statementId', 'seq'], isUnique: true })],
        foreignKeys: [new TableForeignKey({ columnNames: ['statementId'], referencedTableName: 'statement', referencedColumnNames: ['id'], onDelete: 'CASCADE', onUpdate: 'NO ACTION' })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('statement_line');
    await q.dropTable('statement');
  }
}
