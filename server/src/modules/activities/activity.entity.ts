import type { ActivityStatus, ActivityType, MeetingKind } from '@xjy/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { coordinateColumn, timestampColumn } from '../../database/columns';
import { Organization } from '../organizations/organization.entity';

/** 组织生活 / 主题党日 / 志愿服务 / 学习培训 at one organization, with a time window and a geofence. */
@Entity({ name: 'activity' })
@Index('idx_activity_org_start', ['organizationId', 'startsAt'])
export class Activity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  organizationId: number;

  @Column({ type: 'varchar', length: 16 })
  type: ActivityType;

  @Column({ type: 'varchar', length: 60 })
  title: string;

  @Column({ type: 'varchar', length: 120, nullable: true })
  address: string | null;

  @Column(timestampColumn)
  startsAt: Date;

  @Column(timestampColumn)
  endsAt: Date;

  @Column(coordinateColumn)
  lat: number;

  @Column(coordinateColumn)
  lng: number;

  @Column({ type: 'int' })
  radiusM: number;

  /** Volunteer points per attendee; 0 for other types. */
  @Column({ type: 'int', default: 0 })
  points: number;

  @Column({ type: 'int', nullable: true })
  capacity: number | null;

  @Column({ type: 'varchar', length: 16 })
  status: ActivityStatus;

  @Column({ type: 'int' })
  createdBy: number;

  /** Volunteer and training: the share of the activity (percent) a session must cover for its hours to count. */
  @Column({ name: 'hours_threshold_pct', type: 'int', default: 60 })
  hoursThresholdPct: number;

  /** Meetings: which of 三会一课. */
  @Column({ name: 'meeting_kind', type: 'varchar', length: 24, nullable: true })
  meetingKind: MeetingKind | null;

  /** When staff last confirmed the hours (the action may repeat for sessions closed later). */
  @Column({ ...timestampColumn, name: 'hours_confirmed_at', nullable: true })
  hoursConfirmedAt: Date | null;

  @Column({ name: 'hours_confirmed_by', type: 'int', nullable: true })
  hoursConfirmedBy: number | null;

  @CreateDateColumn(timestampColumn)
  createdAt: Date;

  @UpdateDateColumn(timestampColumn)
  updatedAt: Date;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organizationId' })
  organization?: Organization;
}
