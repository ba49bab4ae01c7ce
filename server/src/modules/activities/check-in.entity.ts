import { CHECK_IN_FLAGS, type CheckInFlag, type CheckInRefusal, type CheckInStatus, type HoursStatus, type ReviewStatus } from '@xjy/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type ValueTransformer } from 'typeorm';
import { coordinateColumn, timestampColumn } from '../../database/columns';
import { User } from '../users/user.entity';
import { Activity } from './activity.entity';

/** DECIMAL comes back from mysql2 as a string and from SQLite as a number: both read as a number. */
const decimalNumber: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => (v === null || v === undefined ? null : Number(v)),
};

/** The reasons for review as a comma list ("shared_client,activity_point"); none is NULL. */
const flagList: ValueTransformer = {
  to: (v: CheckInFlag[] | null | undefined) => (v === undefined ? undefined : v && v.length ? v.join(',') : null),
  from: (v: string | null) => (v ? v.split(',').filter((f): f is CheckInFlag => (CHECK_IN_FLAGS as readonly string[]).includes(f)) : []),
};

/**
 * A member's attempt to prove attendance. Refused attempts are kept with their reason. `attendanceKey` is
 * "<activityId>:<userId>" for an accepted or hand-approved check-in and NULL for a refusal: its unique index makes
 * one attendance per member per activity, whatever the retries or concurrency.
 */
@Entity({ name: 'check_in' })
@Index('idx_check_in_activity', ['activityId', 'status'])
@Index('idx_check_in_user_time', ['userId', 'createdAt'])
@Index('idx_check_in_review', ['reviewStatus', 'activityId'])
export class CheckIn {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  activityId: number;

  @Column({ type: 'int' })
  userId: number;

  @Column({ type: 'varchar', length: 16 })
  status: CheckInStatus;

  @Column({ type: 'varchar', length: 32, nullable: true })
  refusal: CheckInRefusal | null;

  @Index('uq_check_in_attendance', { unique: true })
  @Column({ type: 'varchar', length: 32, nullable: true })
  attendanceKey: string | null;

  @Column({ ...coordinateColumn, nullable: true })
  lat: number | null;

  @Column({ ...coordinateColumn, nullable: true })
  lng: number | null;

  @Column({ type: 'int', nullable: true })
  accuracyM: number | null;

  @Column({ type: 'int', nullable: true })
  distanceM: number | null;

  /** What the ledger awarded for this attendance (the activity's points, or less under the daily cap). */
  @Column({ type: 'int', default: 0 })
  pointsAwarded: number;

  @Column({ type: 'int', nullable: true })
  approvedBy: number | null;

  @Column({ ...timestampColumn, nullable: true })
  approvedAt: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;

  @CreateDateColumn(timestampColumn)
  createdAt: Date;

  // Hours (volunteer and training). Sign-in is createdAt.
  @Column({ ...timestampColumn, name: 'signed_out_at', nullable: true })
  signedOutAt: Date | null;

  @Column({ ...coordinateColumn, name: 'sign_out_lat', nullable: true })
  signOutLat: number | null;

  @Column({ ...coordinateColumn, name: 'sign_out_lng', nullable: true })
  signOutLng: number | null;

  @Column({ name: 'sign_out_distance_m', type: 'int', nullable: true })
  signOutDistanceM: number | null;

  /** sign-out − sign-in clipped to the activity's window, in hours. */
  @Column({ name: 'hours', type: 'decimal', precision: 6, scale: 2, nullable: true, transformer: decimalNumber })
  hours: number | null;

  @Column({ name: 'hours_status', type: 'varchar', length: 16, nullable: true })
  hoursStatus: HoursStatus | null;

  @Column({ ...timestampColumn, name: 'hours_confirmed_at', nullable: true })
  hoursConfirmedAt: Date | null;

  /** Staff who closed a forgotten sign-out by hand, and why. */
  @Column({ name: 'closed_by', type: 'int', nullable: true })
  closedBy: number | null;

  @Column({ name: 'close_note', type: 'varchar', length: 200, nullable: true })
  closeNote: string | null;

  // Proxy suspicion: the per-install id of the app that sent it, the reasons it waits for review, and the review.
  @Column({ name: 'client_id', type: 'varchar', length: 64, nullable: true })
  clientId: string | null;

  @Column({ name: 'flags', type: 'varchar', length: 120, nullable: true, transformer: flagList })
  flags: CheckInFlag[];

  @Column({ name: 'review_status', type: 'varchar', length: 16, nullable: true })
  reviewStatus: ReviewStatus | null;

  @Column({ name: 'reviewed_by', type: 'int', nullable: true })
  reviewedBy: number | null;

  @Column({ ...timestampColumn, name: 'reviewed_at', nullable: true })
  reviewedAt: Date | null;

  @Column({ name: 'review_note', type: 'varchar', length: 200, nullable: true })
  reviewNote: string | null;

  @ManyToOne(() => Activity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'activityId' })
  activity?: Activity;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'userId' })
  user?: User;
}
