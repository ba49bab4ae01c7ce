import type { HoursSourceRow, PointsSourceRow, StatementHeader, StatementLineFields, StatementsRepository } from '../../src/modules/statements/statements.repository';
import { Statement, StatementLineRow } from '../../src/modules/statements/statement.entity';
import { duplicateKey } from './activities.fakes';

type StatementsPort = Pick<StatementsRepository, 'findMemberName' | 'findPointsSources' | 'findConfirmedHours' | 'countByUser' | 'insert' | 'findByCode' | 'findByUser'>;

/** Statements, ledger entries and confirmed hours in memory, with the code's uniqueness. */
export class InMemoryStatementsRepository implements StatementsPort {
  readonly names = new Map<number, string>();
  points: Array<PointsSourceRow & { userId: number }> = [];
  hours: Array<HoursSourceRow & { userId: number }> = [];
  readonly statements: Statement[] = [];
  readonly lines: StatementLineRow[] = [];
  /** Codes that collide once, as if another statement held them. */
  readonly collideOnce = new Set<string>();

  async findMemberName(userId: number) {
    return this.names.get(userId) ?? null;
  }
  async findPointsSources(userId: number, since: Date, until: Date, limit: number) {
    return this.points.filter((p) => p.userId === userId && p.at >= since && p.at < until && p.delta !== 0).slice(0, limit);
  }
  async findConfirmedHours(userId: number, since: Date, until: Date, limit: number) {
    return this.hours.filter((h) => h.userId === userId && h.startsAt >= since && h.startsAt < until).slice(0, limit);
  }
  async countByUser(userId: number) {
    return this.statements.filter((s) => s.userId === userId).length;
  }
  async insert(_m: unknown, header: StatementHeader, lines: StatementLineFields[]) {
    if (this.collideOnce.delete(header.code) || this.statements.some((s) => s.code === header.code)) throw duplicateKey();
    const s = Object.assign(new Statement(), header, { id: this.statements.length + 1 });
    this.statements.push(s);
    lines.forEach((l, i) => this.lines.push(Object.assign(new StatementLineRow(), l, { id: this.lines.length + i + 1, statementId: s.id })));
    return s;
  }
  async findByCode(code: string) {
    const statement = this.statements.find((s) => s.code === code);
    return statement ? { statement, lines: this.lines.filter((l) => l.statementId === statement.id) } : null;
  }
  async findByUser(userId: number) {
    return this.statements.filter((s) => s.userId === userId).reverse();
  }
}
