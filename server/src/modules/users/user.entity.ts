import type { Role, Trade } from '@xjy/shared';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { timestampColumn } from '../../database/columns';

@Entity({ name: 'user' })
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  /** WeChat openid, set only from the server's own jscode2session exchange. */
  @Index('uq_user_openid', { unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  openid: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  unionid: string | null;

  @Index('uq_user_username', { unique: true })
  @Column({ type: 'varchar', length: 32, nullable: true })
  username: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  passwordHash: string | null;

  @Column({ type: 'varchar', length: 32, default: '' })
  nickname: string;

  @Column({ type: 'varchar', length: 24, nullable: true })
  trade: Trade | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  /** Platform or employer (美团, 顺丰, 自营网店 …). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  employer: string | null;

  /** Kept equal to the sum of the user's points ledger entries, in the same transaction as each entry. */
  @Column({ type: 'int', default: 0 })
  pointsBalance: number;

  /** Demo account key, for the dev login only. */
  @Index('uq_user_demo_account', { unique: true })
  @Column({ type: 'varchar', length: 16, nullable: true })
  demoAccount: string | null;

  @Column({ ...timestampColumn, nullable: true })
  disabledAt: Date | null;

  /**
   * Carried in every session token; bumped on logout, disable/enable, role or scope change and password change,
   * which revokes every token issued before (the access policy compares them on each request).
   */
  @Column({ type: 'int', default: 0 })
  tokenVersion: number;

  /** A department handler's department (role department); null for everyone else. */
  @Index('idx_user_department')
  @Column({ type: 'int', nullable: true })
  departmentId: number | null;

  @CreateDateColumn(timestampColumn)
  createdAt: Date;

  @UpdateDateColumn(timestampColumn)
  updatedAt: Date;
}
