import type { StationFeedbackPriority, StationFeedbackResolution, StationFeedbackStatus, StationFeedbackType } from '@xjy/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../../database/columns';
import { User } from '../users/user.entity';
import { Station } from './station.entity';

/** A worker's report that a station is wrong (or praise); staff resolve it. It never changes the station itself. */
@Entity({ name: 'station_feedback' })
@Index('idx_station_feedback_status', ['status', 'createdAt'])
export class StationFeedback {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_station_feedback_station')
  @Column({ type: 'int' })
  stationId: number;

  @Column({ type: 'int' })
  userId: number;

  @Column({ type: 'varchar', length: 24 })
  type: StationFeedbackType;

  @Column({ type: 'varchar', length: 300, default: '' })
  note: string;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: StationFeedbackStatus;

  @Column({ type: 'varchar', length: 24, nullable: true })
  resolution: StationFeedbackResolution | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  resolutionNote: string | null;

  @Column({ type: 'int', nullable: true })
  resolvedById: number | null;

  @Column({ ...timestampColumn, nullable: true })
  resolvedAt: Date | null;

  /** high: raised by riders' confirmations (closed when it should be open); listed first. */
  @Column({ type: 'varchar', length: 8, default: 'normal' })
  priority: StationFeedbackPriority;

  @CreateDateColumn(timestampColumn)
  createdAt: Date;

  @ManyToOne(() => Station, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'stationId' })
  station?: Station;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'userId' })
  user?: User;
}
