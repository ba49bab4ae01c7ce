import type { PointsReason, PointsSourceType } from '@xjy/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../../database/columns';
import { User } from '../users/user.entity';

/**
 * One movement of points. Append-only: a mistake is undone by a reversing entry, never by an update or delete.
 * The unique key makes "the same event twice" impossible whatever the concurrency or retries.
 */
@Entity({ name: 'points_entry' })
@Index('uq_points_event', ['reason', 'sourceType', 'sourceId', 'userId'], { unique: true })
@Index('idx_points_user_time', ['userId', 'createdAt'])
export class PointsEntry {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  userId: number;

  @Column({ type: 'int' })
  delta: number;

  @Column({ type: 'varchar', length: 32 })
  reason: PointsReason;

  @Column({ type: 'varchar', length: 16 })
  sourceType: PointsSourceType;

  @Column({ type: 'int' })
  sourceId: number;

  /** Who caused it (the accepting staff member); null for the system. */
  @Column({ type: 'int', nullable: true })
  actorId: number | null;

  @CreateDateColumn(timestampColumn)
  createdAt: Date;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actorId' })
  actor?: User | null;
}
