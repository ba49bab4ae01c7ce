import type { Area } from '../../src/modules/areas/area.entity';
import { Open311Client } from '../../src/modules/open311/open311-client.entity';
import type { Open311ReportRow, Open311Repository, Open311RequestFilter } from '../../src/modules/open311/open311.repository';
import type { ReportCategory } from '../../src/modules/reports/categories/report-category.entity';
import type { Department } from '../../src/modules/reports/departments/department.entity';
import type { Report } from '../../src/modules/reports/report.entity';
import { nextId } from '../factories/sequence';

/** Open311's reads and API keys in memory: the same filters and order the SQL applies. */
export class FakeOpen311Repository {
  categories: ReportCategory[] = [];
  departments: Department[] = [];
  areas: Area[] = [];
  reports: Report[] = [];
  readonly clients = new Map<number, Open311Client>();
  readonly disabledUsers = new Set<number>();

  async allCategories() {
    return [...this.categories].sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
  }
  async allDepartments() {
    return [...this.departments];
  }
  async areasByIds(ids: number[]) {
    return this.areas.filter((a) => ids.includes(a.id));
  }
  async findRequests(f: Open311RequestFilter, limit: number): Promise<Open311ReportRow[]> {
    return this.reports
      .filter((r) => r.flaggedAt === null && r.createdAt >= f.from && r.createdAt < f.to)
      .filter((r) => (f.categoryId === undefined || r.categoryId === f.categoryId) && (!f.statuses || f.statuses.includes(r.status)) && (!f.ids || f.ids.includes(r.id)))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id)
      .slice(0, limit);
  }
  async findRequest(id: number) {
    return this.reports.find((r) => r.id === id && r.flaggedAt === null) ?? null;
  }
  async listClients() {
    return [...this.clients.values()];
  }
  async findClient(id: number) {
    return this.clients.get(id) ?? null;
  }
  async findClientByHash(keyHash: string) {
    return [...this.clients.values()].find((c) => c.keyHash === keyHash) ?? null;
  }
  async createClient(fields: { name: string; keyHash: string; keyPrefix: string }) {
    const c = Object.assign(new Open311Client(), { id: nextId('open311'), ...fields, userId: nextId('user'), revokedAt: null, lastUsedAt: null, createdAt: new Date() });
    this.clients.set(c.id, c);
    return c;
  }
  async revokeClient(id: number, at: Date) {
    const c = this.clients.get(id);
    if (!c || c.revokedAt) return false;
    c.revokedAt = at;
    this.disabledUsers.add(c.userId);
    return true;
  }
  async touchClient(id: number, at: Date) {
    const c = this.clients.get(id);
    if (c) c.lastUsedAt = at;
  }
  asRepository(): Open311Repository {
    return this as unknown as Open311Repository;
  }
}
