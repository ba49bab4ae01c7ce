import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../../../database/columns';

/**
 * The dashboard's roll-up of the report table: the counts of the dashboard's measures per China day or China week
 * of receipt, per area and one dimension (`kind`: 0 by category, 1 by department, 2 by status, `dim` its value as
 * text, '' for none; 3 one row for the day over every area). Rebuilt a day at a time from `report` by the sweeper,
 * never edited in place; a day is trusted only while report_rollup_dirty holds no row for it. The primary key
 * clusters a week's rows together, so the dashboard reads them in one short range.
 */
@Entity({ name: 'report_rollup' })
@Index('idx_report_rollup_kind', ['kind', 'span', 'day'])
export class ReportRollup {
  /** 1: one China day; 7: the China week starting on `day` (a Monday). */
  @PrimaryColumn({ type: 'int' })
  span: number;

  /** China days since 1970-01-01 (UTC+8). */
  @PrimaryColumn({ type: 'int' })
  day: number;

  @PrimaryColumn({ type: 'int' })
  kind: number;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  areaPath: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  dim: string;

  /** The smallest and largest report id counted here (the stage-median sample is spread over the window's ids). */
  @Column({ type: 'int' })
  minId: number;

  @Column({ type: 'int' })
  maxId: number;

  /**
   * Kind 3: when `overdue` was counted, and the first deadline then still ahead among the open cases counted: the
   * overdue count holds from asOf until nextDeadline (null: none ahead), as long as the day is not written.
   */
  @Column({ ...timestampColumn, nullable: true })
  asOf: Date | null;

  @Column({ ...timestampColumn, nullable: true })
  nextDeadline: Date | null;

  @Column({ type: 'int' }) received: number;
  @Column({ type: 'int' }) filed: number;
  @Column({ type: 'int' }) deferred: number;
  @Column({ type: 'int' }) closedFixed: number;
  @Column({ type: 'int' }) closedOnTime: number;
  @Column({ type: 'int' }) closedNotFixed: number;
  @Column({ type: 'int' }) dispatched: number;
  @Column({ type: 'int' }) handled: number;
  @Column({ type: 'int' }) reworked: number;
  @Column({ type: 'int' }) extended: number;
  @Column({ type: 'int' }) rated: number;
  @Column({ type: 'int' }) satisfied: number;
  @Column({ type: 'int' }) basic: number;
  @Column({ type: 'int' }) unsatisfied: number;
  @Column({ type: 'int' }) overdue: number;
}

/**
 * Append-only: a row per write to a report, naming the China day the report was received on (database triggers on
 * `report` add them in the writing transaction, whatever wrote: the API, a seed, a bulk load). The sweeper deletes
 * exactly the rows it consumed.
 */
@Entity({ name: 'report_rollup_dirty' })
@Index('idx_report_rollup_dirty_day', ['day'])
export class ReportRollupDirty {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  day: number;
}
