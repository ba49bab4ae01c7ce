import type { ReportEventType, ReportRejectReason } from '@xjy/shared';
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

  @CreateDateColumn(timestampColumn)
  createdAt: Date;

  @ManyToOne(() => Report, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reportId' })
  report?: Report;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actorId' })
  actor?: User | null;
}
