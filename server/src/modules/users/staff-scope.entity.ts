import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Area } from '../areas/area.entity';
import { User } from './user.entity';
import { timestampColumn } from '../../database/columns';

/** A staff account may act in the subtree under each of its scope areas. */
@Entity({ name: 'staff_scope' })
@Index('idx_staff_scope_area', ['areaId'])
export class StaffScope {
  @PrimaryColumn({ type: 'int' })
  userId: number;

  @PrimaryColumn({ type: 'int' })
  areaId: number;

  @CreateDateColumn(timestampColumn)
  createdAt: Date;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  @ManyToOne(() => Area, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'areaId' })
  area?: Area;
}
