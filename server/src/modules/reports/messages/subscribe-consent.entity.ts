import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { timestampColumn } from '../../../database/columns';

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
}
