import type { MessageKind } from '@xjy/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../../../database/columns';
import { User } from '../../users/user.entity';
import { Report } from '../report.entity';

/** An in-app message to one user (a status change of their report). */
@Entity({ name: 'message' })
@Index('idx_message_user', ['userId', 'id'])
export class Message {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  userId: number;

  @Column({ type: 'varchar', length: 24 })
  kind: MessageKind;

  @Column({ type: 'varchar', length: 64 })
  title: string;

  @Column({ type: 'varchar', length: 255 })
  body: string;

  @Column({ type: 'int', nullable: true })
  reportId: number | null;

  @Column({ ...timestampColumn, nullable: true })
  readAt: Date | null;

  @CreateDateColumn(timestampColumn)
  createdAt: Date;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  @ManyToOne(() => Report, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reportId' })
  report?: Report | null;
}
