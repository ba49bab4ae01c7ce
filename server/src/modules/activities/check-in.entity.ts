import type { CheckInRefusal, CheckInStatus } from '@xjy/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { coordinateColumn, timestampColumn } from '../../database/columns';
import { User } from '../users/user.entity';
import { Activity } from './activity.entity';

/**
 * A member's attempt to prove attendance. Refused attempts are kept with their reason. `attendanceKey` is
 * "<activityId>:<userId>" for an accepted or hand-approved check-in and NULL for a refusal: its unique index makes
 * one attendance per member per activity, whatever the retries or concurrency.
 */
@Entity({ name: 'check_in' })
@Index('idx_check_in_activity', ['activityId', 'status'])
@Index('idx_check_in_user_time', ['userId', 'createdAt'])
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

  @ManyToOne(() => Activity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'activityId' })
  activity?: Activity;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'userId' })
  user?: User;
}
