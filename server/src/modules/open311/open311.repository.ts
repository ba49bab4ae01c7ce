import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ReportStatus } from '@xjy/shared';
import { DataSource, In, IsNull } from 'typeorm';
import { mapInSlices } from '../../common/slices';
import { TransactionRunner } from '../../database/transaction.runner';
import { Area } from '../areas/area.entity';
import { ReportCategory } from '../reports/categories/report-category.entity';
import { Department } from '../reports/departments/department.entity';
import { Report } from '../reports/report.entity';
import { User } from '../users/user.entity';
import { Open311Client } from './open311-client.entity';

/** The columns a public request shows: never the reporter, never internal notes. */
export type Open311ReportRow = Pick<Report, 'id' | 'categoryId' | 'description' | 'status' | 'lat' | 'lng' | 'areaId' | 'departmentId' | 'resolveDueAt' | 'createdAt' | 'updatedAt'>;

export interface Open311RequestFilter {
  from: Date;
  to: Date;
  categoryId?: number;
  statuses?: ReportStatus[];
  ids?: number[];
}

const PUBLIC_COLUMNS: Array<keyof Open311ReportRow> = ['id', 'categoryId', 'description', 'status', 'lat', 'lng', 'areaId', 'departmentId', 'resolveDueAt', 'createdAt', 'updatedAt'];

@Injectable()
export class Open311Repository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  allCategories(): Promise<ReportCategory[]> {
    return this.ds.getRepository(ReportCategory).find({ order: { sortOrder: 'ASC', id: 'ASC' } });
  }

  allDepartments(): Promise<Department[]> {
    return this.ds.getRepository(Department).find();
  }

  areasByIds(ids: number[]): Promise<Array<Pick<Area, 'id' | 'name'>>> {
    return ids.length ? this.ds.getRepository(Area).find({ where: { id: In(ids) }, select: { id: true, name: true } }) : Promise.resolve([]);
  }

  /** Public requests (not flagged by content security) received in [from, to), newest first, capped. */
  async findRequests(f: Open311RequestFilter, limit: number): Promise<Open311ReportRow[]> {
    const qb = this.ds
      .getRepository(Report)
      .createQueryBuilder('r')
      .select(PUBLIC_COLUMNS.map((c) => `r.${c}`))
      .where('r.flaggedAt IS NULL')
      .andWhere('r.createdAt >= :from AND r.createdAt < :to', { from: f.from, to: f.to });
    if (f.categoryId !== undefined) {
      // (categoryId, createdAt) read backwards gives the newest of the category in order, so the scan stops at the
      // `limit`-th match; left to itself MariaDB picks the status index and sorts every open case of the category
      // in the window (12,000 rows at 200,000 reports). The hint is MySQL's; SQLite ignores it.
      qb.andWhere('r.categoryId = :categoryId', { categoryId: f.categoryId }).useIndex('idx_report_category_created');
    }
    if (f.statuses) qb.andWhere('r.status IN (:...statuses)', { statuses: f.statuses });
    if (f.ids) qb.andWhere('r.id IN (:...ids)', { ids: f.ids });
    // Newest first by time alone: the (createdAt, areaPath) index gives that order, so the first `limit` entries of
    // its range are read and nothing is sorted (requests with the same microsecond come in either order).
    return this.hydrate(await qb.orderBy('r.createdAt', 'DESC').limit(limit).getRawMany<Record<string, unknown>>());
  }

  /**
   * Raw rows to plain objects, each value converted as the driver converts an entity's (dates from SQLite's text):
   * up to 1,000 rows per poll, without building entities nobody keeps.
   */
  private hydrate(raws: Array<Record<string, unknown>>): Promise<Open311ReportRow[]> {
    const meta = this.ds.getMetadata(Report);
    const columns = PUBLIC_COLUMNS.map((c) => ({ key: c, alias: `r_${meta.findColumnWithPropertyName(c)!.databaseName}`, column: meta.findColumnWithPropertyName(c)! }));
    return mapInSlices(raws, (raw) => {
      const row: Record<string, unknown> = {};
      for (const c of columns) row[c.key] = this.ds.driver.prepareHydratedValue(raw[c.alias], c.column);
      return row as Open311ReportRow;
    });
  }

  findRequest(id: number): Promise<Open311ReportRow | null> {
    return this.ds.getRepository(Report).findOne({ where: { id, flaggedAt: IsNull() }, select: Object.fromEntries(PUBLIC_COLUMNS.map((c) => [c, true])) as Record<keyof Open311ReportRow, true> });
  }

  // API keys

  listClients(): Promise<Open311Client[]> {
    return this.ds.getRepository(Open311Client).find({ order: { id: 'ASC' } });
  }

  findClient(id: number): Promise<Open311Client | null> {
    return this.ds.getRepository(Open311Client).findOneBy({ id });
  }

  findClientByHash(keyHash: string): Promise<Open311Client | null> {
    return this.ds.getRepository(Open311Client).findOneBy({ keyHash });
  }

  /** The client and the account its reports are filed under, together. */
  createClient(fields: { name: string; keyHash: string; keyPrefix: string }): Promise<Open311Client> {
    return this.tx.run(async (m) => {
      const user = await m.getRepository(User).save(m.getRepository(User).create({ role: 'worker', nickname: fields.name.slice(0, 32) }));
      return m.getRepository(Open311Client).save(m.getRepository(Open311Client).create({ ...fields, userId: user.id }));
    });
  }

  /** Revokes the key and disables its account (which also ends any use of the account); false when already revoked. */
  revokeClient(id: number, at: Date): Promise<boolean> {
    return this.tx.run(async (m) => {
      const r = await m.getRepository(Open311Client).update({ id, revokedAt: IsNull() }, { revokedAt: at });
      if ((r.affected ?? 0) !== 1) return false;
      const client = await m.getRepository(Open311Client).findOneByOrFail({ id });
      await m.getRepository(User).update({ id: client.userId }, { disabledAt: at });
      return true;
    });
  }

  async touchClient(id: number, at: Date): Promise<void> {
    await this.ds.getRepository(Open311Client).update({ id }, { lastUsedAt: at });
  }
}
