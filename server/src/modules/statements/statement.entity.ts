import type { PointsReason, StatementLineKind, StatementSourceType } from '@xjy/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../../database/columns';
import { User } from '../users/user.entity';

/**
 * A statement as issued: its header here, its lines in statement_line. Never updated: the digest (an HMAC over
 * header and lines under the server's key) is checked on every read, so a changed row shows as altered.
 */
@Entity({ name: 'statement' })
@Index('idx_statement_user', ['userId', 'issuedAt'])
export class Statement {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_statement_code', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'int' })
  userId: number;

  /** China dates, both ends included. */
  @Column({ type: 'varchar', length: 10 })
  fromDate: string;

  @Column({ type: 'varchar', length: 10 })
  toDate: string;

  /** The member's name masked when issued (李*). */
  @Column({ type: 'varchar', length: 40 })
  memberName: string;

  @Column({ type: 'int' })
  pointsTotal: number;

  @Column({ type: 'double' })
  hoursTotal: number;

  @Column({ type: 'varchar', length: 64 })
  digest: string;

  /** Set by the service (not the database) so the digest covers exactly what is stored. */
  @Column(timestampColumn)
  issuedAt: Date;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'userId' })
  user?: User;
}

/** One line of a statement, traceable to its ledger entry or check-in and to the report or activity behind it. */
@Entity({ name: 'statement_line' })
@Index('uq_statement_line_seq', ['statementId', 'seq'], { unique: true })
export class StatementLineRow {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  statementId: number;

  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'varchar', length: 8 })
  kind: StatementLineKind;

  @Column(timestampColumn)
  at: Date;

  @Column({ type: 'int', nullable: true })
  points: number | null;

  @Column({ type: 'double', nullable: true })
  hours: number | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  reason: PointsReason | null;

  @Column({ type: 'varchar', length: 16 })
  sourceType: StatementSourceType;

  @Column({ type: 'int' })
  sourceId: number;

  @Column({ type: 'varchar', length: 80 })
  label: string;

  /** The points entry (points lines) or the check-in (hours lines). */
  @Column({ type: 'int' })
  recordId: number;

  @ManyToOne(() => Statement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'statementId' })
  statement?: Statement;
}
