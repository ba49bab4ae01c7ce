import type { ReportTemplateAction } from '@xjy/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { timestampColumn } from '../../../database/columns';
import { ReportCategory } from '../categories/report-category.entity';

/** 回复模板: a canned note for one action, for one category or (categoryId null) for all of them. */
@Entity({ name: 'report_template' })
@Index('idx_report_template_action', ['action', 'categoryId'])
export class ReportTemplate {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', nullable: true })
  categoryId: number | null;

  @Column({ type: 'varchar', length: 16 })
  action: ReportTemplateAction;

  @Column({ type: 'varchar', length: 32 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'int', default: 0 })
  sortOrder: number;

  @Column({ ...timestampColumn, nullable: true })
  archivedAt: Date | null;

  @CreateDateColumn(timestampColumn)
  createdAt: Date;

  @UpdateDateColumn(timestampColumn)
  updatedAt: Date;

  @ManyToOne(() => ReportCategory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'categoryId' })
  category?: ReportCategory | null;
}
