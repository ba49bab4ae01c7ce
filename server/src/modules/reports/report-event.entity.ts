import type { ReportCloseOutcome, ReportEventType, ReportRating, ReportRejectReason, ReportStatus } from '@xjy/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { jsonTransformer, timestampColumn } from '../../database/columns';
import { User } from '../users/user.entity';
import { Report } from './report.entity';

export interface ReportEventData {
  points?: number;
  reason?: ReportRejectReason;
  departmentId?: number;
  ofReportId?: number;
  mediaIds?: number[];
  /** The department stage (sign, handle, verify) this event ended ran past its deadline. */
  late?: boolean;
  outcome?: ReportCloseOutcome | 'fixed';
  rating?: ReportRating;
  /** Extension hours asked or granted. */
  hours?: number;
  /** The reporter's confirmation. */
  fixed?: boolean;
  /** Where a follow-up photo was taken (GCJ-02) and how far from the report's point. */
  lat?: number;
  lng?: number;
  distanceM?: number;
  escalationLevel?: number;
  areaId?: number;
}

/** One step of a report's timeline: who did what, when, and why. Append-only. */
@Entity({ name: 'report_event' })
export class ReportEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_report_event_report')
  @Column({ type: 'int' })
  reportId: number;

  @Column({ type: 'varchar', length: 24 })
  type: ReportEventType;

  @Column({ type: 'int', nullable: true })
  actorId: number | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'text', nullable: true, transformer: jsonTransformer<ReportEventData>() })
  data: ReportEventData | null;

  /** The report's status after the event (null on events recorded before the closed loop). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  status: ReportStatus | null;

  /** The deadline of the stage this event started (a dispatch's sign deadline, a signing's handle deadline …). */
  @Column({ ...timestampColumn, nullable: true })
  dueAt: Date | null;

  @CreateDateColumn(timestampColumn)
  createdAt: Date;

  @ManyToOne(() => Report, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reportId' })
  report?: Report;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actorId' })
  actor?: User | null;
}
