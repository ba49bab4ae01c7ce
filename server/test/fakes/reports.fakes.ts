import type { AreasRepository } from '../../src/modules/areas/areas.repository';
import type { Area } from '../../src/modules/areas/area.entity';
import type { ReportRoutingRepository } from '../../src/modules/reports/report-routing.repository';
import type { ReportCategoriesRepository } from '../../src/modules/reports/categories/report-categories.repository';
import type { ReportCategory } from '../../src/modules/reports/categories/report-category.entity';
import type { Message } from '../../src/modules/reports/messages/message.entity';
import type { MessagesRepository } from '../../src/modules/reports/messages/messages.repository';
import { categoryFactory } from '../factories/entities';
import { FACTORY_NOW, nextId } from '../factories/sequence';
import { duplicateKey } from './activities.fakes';

/** Report categories in memory, with the unique key the table has. */
export class FakeReportCategoriesRepository {
  readonly rows = new Map<number, ReportCategory>();
  add(...rows: ReportCategory[]): void {
    for (const r of rows) this.rows.set(r.id, r);
  }
  async listAll() {
    return [...this.rows.values()].sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id).map((c) => ({ ...c }));
  }
  async findById(id: number) {
    const c = this.rows.get(id);
    return c ? { ...c } : null;
  }
  async findByKey(key: string) {
    return (await this.listAll()).find((c) => c.key === key) ?? null;
  }
  async findByIds(ids: number[]) {
    return (await this.listAll()).filter((c) => ids.includes(c.id));
  }
  async create(fields: Pick<ReportCategory, 'key' | 'label' | 'pointsMin' | 'pointsMax' | 'acceptHours' | 'resolveHours' | 'signHours' | 'verifyHours' | 'sortOrder'>) {
    if ([...this.rows.values()].some((c) => c.key === fields.key)) throw duplicateKey();
    const row = categoryFactory({ ...fields, id: nextId('category') });
    this.add(row);
    return { ...row };
  }
  async update(id: number, patch: Partial<ReportCategory>) {
    const row = this.rows.get(id);
    if (row) Object.assign(row, patch, { updatedAt: new Date() });
  }
  asRepository(): ReportCategoriesRepository {
    return this as unknown as ReportCategoriesRepository;
  }
}

/** In-app messages and one-time subscribe consents in memory. */
export class FakeMessagesRepository {
  readonly messages: Message[] = [];
  /** Credits left per `${userId}:${templateId}`. */
  readonly consents = new Map<string, number>();
  readonly cleared: string[] = [];

  async insert(_m: unknown, fields: Pick<Message, 'userId' | 'kind' | 'title' | 'body' | 'reportId'>) {
    this.messages.push({ ...fields, id: nextId('message'), readAt: null, createdAt: FACTORY_NOW } as Message);
  }
  async pageForUser(userId: number, beforeId: number | null, limit: number) {
    return this.messages
      .filter((m) => m.userId === userId && (beforeId === null || m.id < beforeId))
      .sort((a, b) => b.id - a.id)
      .slice(0, limit);
  }
  async countUnread(userId: number) {
    return this.messages.filter((m) => m.userId === userId && m.readAt === null).length;
  }
  async markAllRead(userId: number) {
    for (const m of this.messages) if (m.userId === userId && m.readAt === null) m.readAt = new Date();
  }
  async addConsent(userId: number, templateId: string) {
    const k = `${userId}:${templateId}`;
    this.consents.set(k, (this.consents.get(k) ?? 0) + 1);
  }
  async takeConsent(userId: number, templateId: string) {
    const k = `${userId}:${templateId}`;
    const left = this.consents.get(k) ?? 0;
    if (left <= 0) return false;
    this.consents.set(k, left - 1);
    return true;
  }
  async clearConsent(userId: number, templateId: string) {
    const k = `${userId}:${templateId}`;
    this.cleared.push(k);
    if (this.consents.has(k)) this.consents.set(k, 0);
  }
  credits(userId: number, templateId: string): number {
    return this.consents.get(`${userId}:${templateId}`) ?? 0;
  }
  asRepository(): MessagesRepository {
    return this as unknown as MessagesRepository;
  }
}

/** The routing repository's area look-ups over a list of areas. */
export class FakeReportRoutingRepository {
  constructor(readonly areas: Area[] = []) {}
  async findArea(id: number) {
    return this.areas.find((a) => a.id === id) ?? null;
  }
  async findAreas(ids: number[]) {
    return this.areas.filter((a) => ids.includes(a.id)).map((a) => ({ id: a.id, name: a.name }));
  }
  asRepository(): ReportRoutingRepository {
    return this as unknown as ReportRoutingRepository;
  }
  /** The same areas as the areas repository's path look-up. */
  asAreasRepository(): AreasRepository {
    return { findPathById: async (id: number) => this.areas.find((a) => a.id === id)?.path ?? null } as unknown as AreasRepository;
  }
}
