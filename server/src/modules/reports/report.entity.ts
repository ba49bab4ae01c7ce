import type { ReportOutcome, ReportPendingRequest, ReportRating, ReportStatus } from '@xjy/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { coordinateColumn, timestampColumn } from '../../database/columns';
import { Area } from '../areas/area.entity';
import { Station } from '../stations/station.entity';
import { User } from '../users/user.entity';
import { ReportCategory } from './categories/report-category.entity';
import { Department } from './departments/department.entity';

/** 随手拍: a photographed problem at a place, routed to the area that contains it, followed to an outcome. */
@Entity({ name: 'report' })
@Index('uq_report_idempotency', ['reporterId', 'idempotencyKey'], { unique: true })
@Index('idx_report_category_created', ['categoryId', 'createdAt'])
@Index('idx_report_dashboard', ['createdAt', 'areaPath', 'status', 'categoryId', 'departmentId', 'acceptedAt', 'outcome', 'escalatedAt', 'dispatchedById', 'reworkCount', 'extensionCount', 'rating', 'acceptDueAt', 'resolveDueAt', 'stageDeadlineAt'])
@Index('idx_report_queue', ['priority', 'id'])
@Index('idx_report_queue_due', ['queueDueAt', 'id', 'areaPath', 'status'])
export class Report {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  reporterId: number;

  /** The client's Idempotency-Key: the same key from the same user is the same report. */
  @Column({ type: 'varchar', length: 64 })
  idempotencyKey: string;

  @Column({ type: 'int' })
  categoryId: number;

  @Column({ type: 'text' })
  description: string;

  @Index('idx_report_status')
  @Column({ type: 'varchar', length: 16 })
  status: ReportStatus;

  @Index('idx_report_lat')
  @Column(coordinateColumn)
  lat: number;

  @Column(coordinateColumn)
  lng: number;

  @Column({ type: 'int' })
  areaId: number;

  /** The area's materialized path, copied so scope filters are one indexed prefix match. */
  @Index('idx_report_area_path')
  @Column({ type: 'varchar', length: 255 })
  areaPath: string;

  @Column({ type: 'int', nullable: true })
  stationId: number | null;

  /** Raised by every "我也看到". */
  @Column({ type: 'int', default: 0 })
  priority: number;

  @Column({ type: 'int', default: 0 })
  witnessCount: number;

  /** Points the reporter holds for this report now (0 after a reversal). */
  @Column({ type: 'int', default: 0 })
  pointsAwarded: number;

  /** Set when content security flagged the text or a photo: hidden from others until staff review it. */
  @Column({ ...timestampColumn, nullable: true })
  flaggedAt: Date | null;

  @Column({ type: 'int', nullable: true })
  departmentId: number | null;

  @Column({ type: 'int', nullable: true })
  duplicateOfId: number | null;

  @Column(timestampColumn)
  acceptDueAt: Date;

  @Column(timestampColumn)
  resolveDueAt: Date;

  /** First decision (accept, reject or duplicate). */
  @Column({ ...timestampColumn, nullable: true })
  reviewedAt: Date | null;

  @Column({ ...timestampColumn, nullable: true })
  acceptedAt: Date | null;

  /** When it last reached an outcome (resolved, rejected, duplicate); cleared by reopen. */
  @Column({ ...timestampColumn, nullable: true })
  finishedAt: Date | null;

  // The closed loop (一办到底). departmentId names the department holding the case while dispatched, handling,
  // verifying or deferred (and the last one that held it afterwards).

  /** The staff member who dispatched it (verification goes back to staff in scope). A user id; no foreign key. */
  @Column({ type: 'int', nullable: true })
  dispatchedById: number | null;

  /** The deadline of the current department stage (sign, handle, verify); null when none runs. */
  @Index('idx_report_stage_deadline')
  @Column({ ...timestampColumn, nullable: true })
  stageDeadlineAt: Date | null;

  /** 返工: how many times verification failed. */
  @Column({ type: 'int', default: 0 })
  reworkCount: number;

  /** 延期: how many extensions staff approved. */
  @Column({ type: 'int', default: 0 })
  extensionCount: number;

  /** 缓办: set while deferred (and kept as when it was last deferred). */
  @Column({ ...timestampColumn, nullable: true })
  deferredAt: Date | null;

  /** How it ended: fixed, or closed not fixed with the reason kind; null while open. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  outcome: ReportOutcome | null;

  @Column({ ...timestampColumn, nullable: true })
  closedAt: Date | null;

  /** The reporter's confirmation after closure (stored 1/0). */
  @Column({ type: 'int', nullable: true, transformer: { to: (v?: boolean | null) => (v === undefined ? undefined : v === null ? null : v ? 1 : 0), from: (v: number | null) => (v === null || v === undefined ? null : v === 1) } })
  reporterFixed: boolean | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  rating: ReportRating | null;

  @Column({ type: 'text', nullable: true })
  ratingNote: string | null;

  @Column({ ...timestampColumn, nullable: true })
  ratedAt: Date | null;

  /** 督办 in the current stage: 0 none; 1 raised to the street above the community; 2 to the district. */
  @Column({ type: 'int', default: 0 })
  escalationLevel: number;

  @Column({ ...timestampColumn, nullable: true })
  escalatedAt: Date | null;

  /** The area it was raised to, and that area's path (staff whose scope holds it see the case in their 督办 queue). */
  @Column({ type: 'int', nullable: true })
  escalationAreaId: number | null;

  @Index('idx_report_escalation_path')
  @Column({ type: 'varchar', length: 255, nullable: true })
  escalationPath: string | null;

  /** A department's ask waiting for staff: an extension (with hours) or a deferral. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  pendingRequest: ReportPendingRequest | null;

  @Column({ type: 'int', nullable: true })
  pendingHours: number | null;

  @Column({ type: 'text', nullable: true })
  pendingReason: string | null;

  /**
   * The open queue's order key, kept by ReportsRepository with every change of status or deadline: the running
   * deadline; QUEUE_DUE_NEVER for an open case without one (deferred); null once finished. Indexed with the id (the
   * cursor's tie-break) and the columns the queue filters on, so a page is read in order from the index.
   */
  @Column({ ...timestampColumn, nullable: true })
  queueDueAt: Date | null;

  @CreateDateColumn(timestampColumn)
  createdAt: Date;

  @UpdateDateColumn(timestampColumn)
  updatedAt: Date;

  // Foreign keys (loaded only when asked for). Reports are never deleted, nor are users, categories, departments or
  // stations (they are archived or closed); an area with reports cannot be deleted.

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reporterId' })
  reporter?: User;

  @ManyToOne(() => ReportCategory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'categoryId' })
  category?: ReportCategory;

  @ManyToOne(() => Area, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'areaId' })
  area?: Area;

  @ManyToOne(() => Station, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'stationId' })
  station?: Station | null;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'departmentId' })
  department?: Department | null;

  @ManyToOne(() => Report, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'duplicateOfId' })
  duplicateOf?: Report | null;
}
