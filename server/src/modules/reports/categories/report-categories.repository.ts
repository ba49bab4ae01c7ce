import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TransactionRunner } from '../../../database/transaction.runner';
import { ReportCategory } from './report-category.entity';

const CACHE_MS = 10_000;

@Injectable()
export class ReportCategoriesRepository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  /**
   * A handful of rows read on every report request: kept in memory for a short while and dropped on every write
   * through this repository, so an admin's change shows at once in this process and within seconds elsewhere.
   */
  private cache: { rows: Promise<ReportCategory[]>; at: number } | null = null;

  listAll(): Promise<ReportCategory[]> {
    if (!this.cache || Date.now() - this.cache.at > CACHE_MS) {
      const rows = this.ds.getRepository(ReportCategory).find({ order: { sortOrder: 'ASC', id: 'ASC' } });
      this.cache = { rows, at: Date.now() };
      rows.catch(() => (this.cache = null));
    }
    return this.cache.rows;
  }

  async findById(id: number): Promise<ReportCategory | null> {
    return (await this.listAll()).find((c) => c.id === id) ?? null;
  }

  async findByKey(key: string): Promise<ReportCategory | null> {
    return (await this.listAll()).find((c) => c.key === key) ?? null;
  }

  async findByIds(ids: number[]): Promise<ReportCategory[]> {
    return (await this.listAll()).filter((c) => ids.includes(c.id));
  }

  async create(fields: Pick<ReportCategory, 'key' | 'label' | 'pointsMin' | 'pointsMax' | 'acceptHours' | 'resolveHours' | 'signHours' | 'verifyHours' | 'sortOrder'>): Promise<ReportCategory> {
    try {
      // The stage hours are not insertable (see the entity): written in the same transaction right after.
      return await this.tx.run(async (m) => {
        const { signHours, verifyHours, ...rest } = fields;
        const row = await m.getRepository(ReportCategory).save(m.getRepository(ReportCategory).create(rest));
        await m.getRepository(ReportCategory).update({ id: row.id }, { signHours, verifyHours });
        return Object.assign(row, { signHours, verifyHours });
      });
    } finally {
      this.cache = null;
    }
  }

  async update(id: number, patch: Partial<ReportCategory>): Promise<void> {
    if (!Object.keys(patch).length) return;
    try {
      await this.tx.run((m) => m.getRepository(ReportCategory).update({ id }, patch));
    } finally {
      this.cache = null;
    }
  }
}
