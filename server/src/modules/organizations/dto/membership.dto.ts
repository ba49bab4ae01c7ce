import type { ListMembershipsParams, ListOrganizationsParams, QuarterParams, RegisterExportParams } from '@xjy/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CreateMembershipRequest, DeclineMembershipRequest, MEMBERSHIP_ROLES, MEMBERSHIP_STATUSES, MembershipRole, MembershipStatus } from '@xjy/shared';
import { ACTIVITY_NOTE_MAX, CreateOrganizationRequest, ORGANIZATION_NAME_MAX } from '@xjy/shared';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsPositive, IsString, Matches, MaxLength } from 'class-validator';
import { OptionalIdParam } from '../../../common/query-params';

export class CreateMembershipDto implements CreateMembershipRequest {
  @ApiProperty()
  @IsInt()
  @IsPositive()
  organizationId: number;

  @ApiProperty({ enum: MEMBERSHIP_ROLES })
  @IsIn(MEMBERSHIP_ROLES)
  role: MembershipRole;
}

export class CreateOrganizationDto implements CreateOrganizationRequest {
  @ApiProperty({ description: 'A community or grid in your scope' })
  @IsInt()
  @IsPositive()
  areaId: number;

  @ApiProperty({ maxLength: ORGANIZATION_NAME_MAX, example: '新华社区党委' })
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(ORGANIZATION_NAME_MAX)
  name: string;
}

export class DeclineMembershipDto implements DeclineMembershipRequest {
  @ApiProperty({ maxLength: ACTIVITY_NOTE_MAX, description: 'Why, shown to the member' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(ACTIVITY_NOTE_MAX)
  note: string;
}

export class ListMembershipsQuery implements ListMembershipsParams {
  @OptionalIdParam()
  organizationId?: number;

  @ApiPropertyOptional({ enum: MEMBERSHIP_STATUSES })
  @IsOptional()
  @IsIn(MEMBERSHIP_STATUSES)
  status?: MembershipStatus;
}

export class ListOrganizationsQuery implements ListOrganizationsParams {
  @OptionalIdParam('Organizations in this area subtree')
  areaId?: number;
}

export class QuarterQuery implements QuarterParams {
  @ApiPropertyOptional({ example: '2026Q4', description: 'Defaults to the current quarter (Asia/Shanghai)' })
  @IsOptional()
  @Matches(/^\d{4}Q[1-4]$/, { message: 'quarter must look like 2026Q4' })
  quarter?: string;
}

export class RegisterExportQuery extends QuarterQuery implements RegisterExportParams {
  @OptionalIdParam('Area subtree; defaults to everything in your scope')
  areaId?: number;
}
