import type { StationServiceKind } from '@xjy/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../../database/columns';
import { User } from '../users/user.entity';
import { Station } from './station.entity';

/** A service session staff bring into a station (法律咨询, 心理辅导, 政策宣讲…) at a time, with a host. */
@Entity({ name: 'station_service' })
@Index('idx_station_service_station', ['stationId', 'startsAt'])
export class StationServiceSession {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  stationId: number;

  @Column({ type: 'varchar', length: 24 })
  kind: StationServiceKind;

  @Column(timestampColumn)
  startsAt: Date;

  @Column(timestampColumn)
  endsAt: Date;

  @Column({ type: 'varchar', length: 64 })
  host: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  note: string;

  @Column({ type: 'int', nullable: true })
  capacity: number | null;

  @Column({ type: 'int' })
  createdById: number;

  @Column({ ...timestampColumn, nullable: true })
  cancelledAt: Date | null;

  @CreateDateColumn(timestampColumn)
  createdAt: Date;

  @ManyToOne(() => Station, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'stationId' })
  station?: Station;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'createdById' })
  createdBy?: User;
}

/** A worker's sign-up for a service session; once per worker per session. */
@Entity({ name: 'station_service_signup' })
@Index('uq_station_service_signup', ['serviceId', 'userId'], { unique: true })
@Index('idx_station_service_signup_user', ['userId'])
export class StationServiceSignup {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  serviceId: number;

  @Column({ type: 'int' })
  userId: number;

  @CreateDateColumn(timestampColumn)
  createdAt: Date;

  @ManyToOne(() => StationServiceSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'serviceId' })
  service?: StationServiceSession;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;
}
