import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Column } from 'typeorm';
import { timestampColumn } from '../../database/columns';
import { User } from '../users/user.entity';
import { Station } from './station.entity';

/** A station a rider starred; starred stations come first in their nearby list. */
@Entity({ name: 'station_favorite' })
@Index('uq_station_favorite', ['userId', 'stationId'], { unique: true })
export class StationFavorite {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  userId: number;

  @Column({ type: 'int' })
  stationId: number;

  @CreateDateColumn(timestampColumn)
  createdAt: Date;

  @ManyToOne(() => Station, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'stationId' })
  station?: Station;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;
}
