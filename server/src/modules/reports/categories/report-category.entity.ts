import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { timestampColumn } from '../../../database/columns';

/** A kind of 随手拍 problem, with its points range (within 5–10) and its deadlines. */
@Entity({ name: 'report_category' })
export class ReportCategory {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_report_category_key', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  key: string;

  @Column({ type: 'varchar', length: 32 })
  label: string;

  @Column({ type: 'int' })
  pointsMin: number;

  @Column({ type: 'int' })
  pointsMax: number;

  /** Hours staff have to accept or reject a new report. */
  @Column({ type: 'int' })
  acceptHours: number;

  /** Hours from submission until an accepted report must be resolved. */
  @Column({ type: 'int' })
  resolveHours: number;

  @Column({ type: 'int', default: 0 })
  sortOrder: number;

  /** Set when the category is retired: no new reports, old ones keep it. */
  @Column({ ...timestampColumn, nullable: true })
  archivedAt: Date | null;

  @CreateDateColumn(timestampColumn)
  createdAt: Date;

  @UpdateDateColumn(timestampColumn)
  updatedAt: Date;
}
