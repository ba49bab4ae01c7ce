import type { MediaAttachType, MediaCheckStatus } from '@xjy/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../../database/columns';
import { User } from '../users/user.entity';

/** One uploaded photo, already re-encoded (no metadata) with its thumbnail; attached to at most one thing. */
@Entity({ name: 'media' })
@Index('idx_media_attached', ['attachedType', 'attachedId'])
export class Media {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_media_owner')
  @Column({ type: 'int' })
  ownerId: number;

  @Column({ type: 'varchar', length: 128 })
  fileKey: string;

  @Column({ type: 'varchar', length: 128 })
  thumbKey: string;

  @Column({ type: 'int' })
  width: number;

  @Column({ type: 'int' })
  height: number;

  @Column({ type: 'int' })
  bytes: number;

  @Column({ type: 'varchar', length: 24, nullable: true })
  attachedType: MediaAttachType | null;

  @Column({ type: 'int', nullable: true })
  attachedId: number | null;

  @Column({ type: 'varchar', length: 16, default: 'none' })
  checkStatus: MediaCheckStatus;

  @Index('idx_media_check_trace')
  @Column({ type: 'varchar', length: 64, nullable: true })
  checkTraceId: string | null;

  @CreateDateColumn(timestampColumn)
  createdAt: Date;

  // attachedType/attachedId point at a report, a report's resolution or a station: no single table, so no foreign key.

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ownerId' })
  owner?: User;
}
