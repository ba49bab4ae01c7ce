import { ApiProperty } from '@nestjs/swagger';
import {
  POINTS_REASONS,
  PointsReason,
  STATEMENT_LINE_KINDS,
  STATEMENT_SOURCE_TYPES,
  StatementLine,
  StatementLineKind,
  StatementListResponse,
  StatementResponse,
  StatementSourceType,
  StatementSummary,
} from '@xjy/shared';
import type { Statement, StatementLineRow } from './statement.entity';

type LineLike = Pick<StatementLineRow, 'seq' | 'kind' | 'at' | 'points' | 'hours' | 'reason' | 'sourceType' | 'sourceId' | 'label' | 'recordId'>;

export function mapStatement(s: Omit<Statement, 'id' | 'user'>, lines: readonly LineLike[]): StatementResponse {
  return {
    code: s.code,
    issuedAt: s.issuedAt.toISOString(),
    from: s.fromDate,
    to: s.toDate,
    memberName: s.memberName,
    pointsTotal: s.pointsTotal,
    hoursTotal: s.hoursTotal,
    lines: [...lines]
      .sort((a, b) => a.seq - b.seq)
      .map((l) => ({ kind: l.kind, at: l.at.toISOString(), points: l.points, hours: l.hours, reason: l.reason, sourceType: l.sourceType, sourceId: l.sourceId, label: l.label, recordId: l.recordId })),
    digest: s.digest,
  };
}

export function mapStatementSummary(s: Statement): StatementSummary {
  return { code: s.code, issuedAt: s.issuedAt.toISOString(), from: s.fromDate, to: s.toDate, pointsTotal: s.pointsTotal, hoursTotal: s.hoursTotal };
}

export class StatementLineDto implements StatementLine {
  @ApiProperty({ enum: STATEMENT_LINE_KINDS })
  kind!: StatementLineKind;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ type: 'integer', nullable: true })
  points!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  hours!: number | null;

  @ApiProperty({ enum: POINTS_REASONS, nullable: true })
  reason!: PointsReason | null;

  @ApiProperty({ enum: STATEMENT_SOURCE_TYPES })
  sourceType!: StatementSourceType;

  @ApiProperty({ description: 'The report or activity number' })
  sourceId!: number;

  @ApiProperty()
  label!: string;

  @ApiProperty({ description: 'The points entry or check-in the line was read from' })
  recordId!: number;
}

export class StatementResponseDto implements StatementResponse {
  @ApiProperty()
  code!: string;

  @ApiProperty({ format: 'date-time' })
  issuedAt!: string;

  @ApiProperty({ format: 'date' })
  from!: string;

  @ApiProperty({ format: 'date' })
  to!: string;

  @ApiProperty({ description: 'Masked, e.g. 李*' })
  memberName!: string;

  @ApiProperty({ type: 'integer' })
  pointsTotal!: number;

  @ApiProperty()
  hoursTotal!: number;

  @ApiProperty({ type: [StatementLineDto] })
  lines!: StatementLine[];

  @ApiProperty()
  digest!: string;
}

export class StatementSummaryDto implements StatementSummary {
  @ApiProperty()
  code!: string;

  @ApiProperty({ format: 'date-time' })
  issuedAt!: string;

  @ApiProperty({ format: 'date' })
  from!: string;

  @ApiProperty({ format: 'date' })
  to!: string;

  @ApiProperty({ type: 'integer' })
  pointsTotal!: number;

  @ApiProperty()
  hoursTotal!: number;
}

export class StatementListResponseDto implements StatementListResponse {
  @ApiProperty({ type: [StatementSummaryDto] })
  items!: StatementSummary[];
}
