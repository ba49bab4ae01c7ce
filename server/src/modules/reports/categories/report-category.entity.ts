import { REPORT_SIGN_HOURS_DEFAULT, REPORT_VERIFY_HOURS_DEFAULT } from '@xjy/shared';
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

  // The closed loop's stage hours; null means the shared default (4 to sign, 24 to verify). Nullable, without a
  // column default and never part of an INSERT (insert: false), because the first migration inserts the default
  // categories through this entity's metadata before these columns exist; the repository writes them right after.

  /** Hours a department has to sign for (签收) or return a dispatched case. */
  @Column({ type: 'int', nullable: true, insert: false })
  signHours: number | null;

  /** Hours staff have to verify (核查) a case the department reported handled. */
  @Column({ type: 'int', nullable: true, insert: false })
  verifyHours: number | null;

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

/** The hours a category gives each department stage, defaults filled in. */
export function stageHours(c: Pick<ReportCategory, 'signHours' | 'verifyHours'>): { sign: number; verify: number } {
  return { sign: c.signHours ?? REPORT_SIGN_HOURS_DEFAULT, verify: c.verifyHours ?? REPORT_VERIFY_HOURS_DEFAULT };
}
