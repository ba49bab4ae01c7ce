import type { Amenity, Closure, OpeningRange, StationKind, StationStatus } from '@xjy/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { coordinateColumn, jsonTransformer, timestampColumn } from '../../database/columns';
import { Area } from '../areas/area.entity';

/** A place a worker may rest: 爱心驿站, 党群服务中心 or 电商服务站. Coordinates are GCJ-02. */
@Entity({ name: 'station' })
export class Station {
  @PrimaryGeneratedColumn()
  id: number;

  /** External code from the unit's own register; imports are idempotent by it. */
  @Index('uq_station_code', { unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  code: string | null;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 24 })
  kind: StationKind;

  @Column({ type: 'varchar', length: 64, default: '' })
  hostUnit: string;

  @Column({ type: 'varchar', length: 128, default: '' })
  address: string;

  @Column(coordinateColumn)
  lat: number;

  @Column(coordinateColumn)
  lng: number;

  @Column({ type: 'text', transformer: jsonTransformer<Amenity[]>() })
  amenities: Amenity[];

  @Column({ type: 'text', transformer: jsonTransformer<OpeningRange[]>() })
  hours: OpeningRange[];

  @Column({ type: 'text', transformer: jsonTransformer<Closure[]>() })
  closures: Closure[];

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  /** Media ids in display order; the media rows are attached to this station. */
  @Column({ type: 'text', transformer: jsonTransformer<number[]>() })
  photoMediaIds: number[];

  @Index('idx_station_status')
  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: StationStatus;

  @Index('idx_station_area')
  @Column({ type: 'int' })
  areaId: number;

  @Column({ ...timestampColumn, nullable: true })
  lastConfirmedAt: Date | null;

  @CreateDateColumn(timestampColumn)
  createdAt: Date;

  /** Other instances poll this to keep their spatial index current. */
  @Index('idx_station_updated')
  @UpdateDateColumn(timestampColumn)
  updatedAt: Date;

  @ManyToOne(() => Area, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'areaId' })
  area?: Area;
}
