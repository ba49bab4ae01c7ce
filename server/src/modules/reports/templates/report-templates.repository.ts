import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ReportTemplateAction } from '@xjy/shared';
import { DataSource } from 'typeorm';
import { TransactionRunner } from '../../../database/transaction.runner';
import { ReportCategory } from '../categories/report-category.entity';
import { ReportTemplate } from './report-template.entity';

export type ReportTemplateFields = Pick<ReportTemplate, 'categoryId' | 'action' | 'title' | 'body' | 'sortOrder'>;

@Injectable()
export class ReportTemplatesRepository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  private get repo() {
    return this.ds.getRepository(ReportTemplate);
  }

  listAll(): Promise<ReportTemplate[]> {
    return this.repo.find({ order: { action: 'ASC', sortOrder: 'ASC', id: 'ASC' } });
  }

  /** Active templates for an action (or all actions): the category's own and the general ones (categoryId null). */
  findActive(action: ReportTemplateAction | undefined, categoryId: number | undefined): Promise<ReportTemplate[]> {
    const qb = this.repo.createQueryBuilder('t').where('t.archivedAt IS NULL');
    if (action) qb.andWhere('t.action = :action', { action });
    if (categoryId !== undefined) qb.andWhere('(t.categoryId = :categoryId OR t.categoryId IS NULL)', { categoryId });
    else qb.andWhere('t.categoryId IS NULL');
    return qb.orderBy('t.sortOrder', 'ASC').addOrderBy('t.id', 'ASC').getMany();
  }

  findById(id: number): Promise<ReportTemplate | null> {
    return this.repo.findOneBy({ id });
  }

  categoryExists(id: number): Promise<boolean> {
    return this.ds.getRepository(ReportCategory).existsBy({ id });
  }

  create(fields: ReportTemplateFields): Promise<ReportTemplate> {
    return this.tx.run((m) => m.getRepository(ReportTemplate).save(m.getRepository(ReportTemplate).create({ ...fields, archivedAt: null })));
  }

  async update(id: number, patch: Partial<ReportTemplate>): Promise<void> {
    if (Object.keys(patch).length) await this.tx.run((m) => m.getRepository(ReportTemplate).update({ id }, patch));
  }

  async delete(id: number): Promise<boolean> {
    const r = await this.tx.run((m) => m.getRepository(ReportTemplate).delete({ id }));
    return (r.affected ?? 0) === 1;
  }
}
