import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The dashboard's roll-up of the report table: the counts of the dashboard's measures (all but `overdue`, which
 * depends on the moment asked) per China day or China week of receipt, per area and one dimension (`kind`: 0 by
 * category, 1 by department, 2 by status). Rebuilt a day at a time from the report table by the sweeper, never
 * edited in place; a day is trusted only while report_rollup_dirty holds no row for it.
 */
@Entity({ name: 'report_rollup' })
@Index('idx_report_rollup_span_day', ['span', 'day', 'areaPath'])
export class ReportRollup {
  @PrimaryGeneratedColumn()
  id: number;

  /** 1: one China day; 7: the China week starting on `day` (a Monday). */
  @Column({ type: 'int' })
  span: number;

  /** China days since 1970-01-01 (UTC+8). */
  @Column({ type: 'int' })
  day: number;

  @Column({ type: 'int' })
  kind: number;

  @Column({ type: 'varchar', length: 255 })
  areaPath: string;

  @Column({ type: 'int', nullable: true })
  categoryId: number | null;

  @Column({ type: 'int', nullable: true })
  departmentId: number | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  status: string | null;

  /** The smallest and largest report id counted here (the stage-median sample is spread over the window's ids). */
  @Column({ type: 'int' })
  minId: number;

  @Column({ type: 'int' })
  maxId: number;

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
