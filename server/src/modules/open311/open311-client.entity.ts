import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../../database/columns';
import { User } from '../users/user.entity';

/**
 * An Open311 client an admin issued an API key to. Only the key's SHA-256 is kept (the key is 32 random bytes, so a
 * fast hash is enough); its reports are filed under the client's own user account, never a real person's.
 */
@Entity({ name: 'open311_client' })
export class Open311Client {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Index('uq_open311_client_key_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  keyHash: string;

  @Column({ type: 'varchar', length: 12 })
  keyPrefix: string;

  /** The account the client's reports are filed under (role worker, no login). */
  @Column({ type: 'int' })
  userId: number;

  @Column({ ...timestampColumn, nullable: true })
  revokedAt: Date | null;

  @Column({ ...timestampColumn, nullable: true })
  lastUsedAt: Date | null;

  @CreateDateColumn(timestampColumn)
  createdAt: Date;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'userId' })
  user?: User;
}
