import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../../database/columns';
import { Area } from '../areas/area.entity';

/** The Party organization of one grid or community (网格党支部 / 社区党委). */
@Entity({ name: 'organization' })
export class Organization {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_organization_area', { unique: true })
  @Column({ type: 'int' })
  areaId: number;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @CreateDateColumn(timestampColumn)
  createdAt: Date;

  @ManyToOne(() => Area, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'areaId' })
  area?: Area;
}
