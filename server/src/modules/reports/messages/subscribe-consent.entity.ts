import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { timestampColumn } from '../../../database/columns';
import { User } from '../../users/user.entity';

/** One-time subscribe-message consents a user gave for a template: each allows exactly one message. */
@Entity({ name: 'subscribe_consent' })
export class SubscribeConsent {
  @PrimaryColumn({ type: 'int' })
  userId: number;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  templateId: string;

  @Column({ type: 'int', default: 0 })
  credits: number;

  @UpdateDateColumn(timestampColumn)
  updatedAt: Date;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'userId' })
  user?: User;
}
