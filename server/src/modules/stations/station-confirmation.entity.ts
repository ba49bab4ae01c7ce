import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { coordinateColumn, timestampColumn } from '../../database/columns';
import { User } from '../users/user.entity';
import { Station } from './station.entity';

/**
 * A rider's three-tap check of a station (open now? water? charging?), from within 100 m of it. One per worker per
 * station per 6 hours; the check and the insert run under the worker's balance lock, so two taps at once store one.
 */
@Entity({ name: 'station_confirmation' })
@Index('idx_station_confirmation_user', ['userId', 'stationId', 'createdAt'])
@Index('idx_station_confirmation_station', ['stationId', 'createdAt'])
export class StationConfirmation {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  stationId: number;

  @Column({ type: 'int' })
  userId: number;

  /** Where the rider said they were (GCJ-02), and how far that is from the station. */
  @Column(coordinateColumn)
  lat: number;

  @Column(coordinateColumn)
  lng: number;

  @Column({ type: 'int' })
  distanceM: number;

  @Column({ type: 'boolean' })
  open: boolean;

  @Column({ type: 'boolean' })
  water: boolean;

  @Column({ type: 'boolean' })
  charging: boolean;

  /** Reported closed while its hours say open: two of these from different workers within a day alert staff. */
  @Column({ type: 'boolean', default: false })
  closedWhenOpen: boolean;

  @Column({ type: 'int', default: 0 })
  pointsAwarded: number;

  @CreateDateColumn(timestampColumn)
  createdAt: Date;

  @ManyToOne(() => Station, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'stationId' })
  station?: Station;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'userId' })
  user?: User;
}
