import type { MembershipRole, MembershipStatus } from '@xjy/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { timestampColumn } from '../../database/columns';
import { User } from '../users/user.entity';
import { Organization } from './organization.entity';

/**
 * 一方隶属、双重组织生活: a member belongs where they live (residence) and where they work (workplace).
 * `activeKey` is "<userId>:<role>" while the membership is pending or verified and NULL once declined or ended;
 * its unique index allows at most one active membership per role (NULLs never collide).
 */
@Entity({ name: 'membership' })
@Index('idx_membership_org_status', ['organizationId', 'status'])
@Index('idx_membership_user', ['userId'])
export class Membership {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  userId: number;

  @Column({ type: 'int' })
  organizationId: number;

  @Column({ type: 'varchar', length: 16 })
  role: MembershipRole;

  @Column({ type: 'varchar', length: 16 })
  status: MembershipStatus;

  @Index('uq_membership_active', { unique: true })
  @Column({ type: 'varchar', length: 32, nullable: true })
  activeKey: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;

  @Column({ type: 'int', nullable: true })
  decidedBy: number | null;

  @Column({ ...timestampColumn, nullable: true })
  verifiedAt: Date | null;

  @Column({ ...timestampColumn, nullable: true })
  endedAt: Date | null;

  @CreateDateColumn(timestampColumn)
  createdAt: Date;

  @UpdateDateColumn(timestampColumn)
  updatedAt: Date;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organizationId' })
  organization?: Organization;
}
