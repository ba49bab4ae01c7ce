import { ApiProperty } from '@nestjs/swagger';
import {
  AbsenteeResponse,
  MEMBERSHIP_ROLES,
  MEMBERSHIP_STATUSES,
  MembershipResponse,
  MembershipRole,
  MembershipStatus,
  OrganizationResponse,
  Trade,
  TRADES,
} from '@xjy/shared';
import { ListOf } from '../../../common/api-errors.decorator';

export class OrganizationResponseDto implements OrganizationResponse {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  areaId!: number;

  @ApiProperty()
  areaName!: string;

  @ApiProperty()
  areaLevel!: string;

  @ApiProperty({ type: 'integer' })
  memberCount!: number;
}

export class MembershipOrganizationDto {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  areaId!: number;
}

export class MemberDto {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  nickname!: string;

  @ApiProperty({ enum: TRADES, nullable: true })
  trade!: Trade | null;

  @ApiProperty({ type: String, nullable: true })
  phone!: string | null;
}

export class MembershipResponseDto implements MembershipResponse {
  @ApiProperty()
  id!: number;

  @ApiProperty({ enum: MEMBERSHIP_ROLES })
  role!: MembershipRole;

  @ApiProperty({ enum: MEMBERSHIP_STATUSES })
  status!: MembershipStatus;

  @ApiProperty({ type: MembershipOrganizationDto })
  organization!: MembershipOrganizationDto;

  @ApiProperty({ type: MemberDto })
  member!: MemberDto;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  verifiedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  endedAt!: string | null;
}

export class AbsenteeResponseDto implements AbsenteeResponse {
  @ApiProperty({ type: MemberDto })
  member!: MemberDto;

  @ApiProperty({ enum: MEMBERSHIP_ROLES })
  role!: MembershipRole;

  @ApiProperty({ type: 'integer' })
  meetingsAttended!: number;
}

export const AbsenteeListDto = ListOf(AbsenteeResponseDto, { quarter: { type: String, description: 'e.g. 2026Q4' } }, 'AbsenteeListDto');
export const OrganizationListDto = ListOf(OrganizationResponseDto);
export const MembershipListDto = ListOf(MembershipResponseDto);
