import type { AreaLevel } from '@xjy/shared';
import type { Ring } from '@xjy/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { coordinateColumn, jsonTransformer, timestampColumn } from '../../database/columns';

/** One node of the district > street > community > grid tree; `path` is the materialized path of ids. */
@Entity({ name: 'area' })
export class Area {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_area_parent')
  @Column({ type: 'int', nullable: true })
  parentId: number | null;

  @Column({ type: 'varchar', length: 16 })
  level: AreaLevel;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Index('uq_area_code', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Index('idx_area_path')
  @Column({ type: 'varchar', length: 255, default: '' })
  path: string;

  @Column({ ...coordinateColumn, nullable: true })
  centerLat: number | null;

  @Column({ ...coordinateColumn, nullable: true })
  centerLng: number | null;

  @Column({ type: 'text', nullable: true, transformer: jsonTransformer<Ring>() })
  boundary: Ring | null;

  @CreateDateColumn(timestampColumn)
  createdAt: Date;

  @UpdateDateColumn(timestampColumn)
  updatedAt: Date;

  @ManyToOne(() => Area, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parentId' })
  parent?: Area | null;
}
