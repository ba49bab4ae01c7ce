import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ListResponse, MembershipResponse, OrganizationResponse } from '@xjy/shared';
import type { FastifyReply } from 'fastify';
import { Access, ANY_USER, CurrentAuth, STAFF } from '../../common/auth/access.decorator';
import type { AuthContext } from '../../common/auth/auth-context';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { CreateMembershipDto, CreateOrganizationDto, DeclineMembershipDto, ListMembershipsQuery, ListOrganizationsQuery } from './dto/membership.dto';
import { OrganizationsService } from './organizations.service';
import { ApiAuthErrors, ApiErrors } from '../../common/api-errors.decorator';
import { MembershipListDto, MembershipResponseDto, OrganizationListDto, OrganizationResponseDto } from './dto/membership.response';

@ApiTags('organizations')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller()
export class OrganizationsController {
  constructor(private readonly orgs: OrganizationsService) {}

  @Get('organizations')
  @Access(ANY_USER)
  @ApiOkResponse({ type: OrganizationListDto })
  @ApiErrors(400, 404)
  @ApiOperation({ summary: 'Organizations (one per grid and community) in an area subtree' })
  list(@Query() q: ListOrganizationsQuery): Promise<ListResponse<OrganizationResponse>> {
    return this.orgs.list(q.areaId);
  }

  @Post('organizations')
  @Access(STAFF, { resource: 'area', from: 'body', key: 'areaId' })
  @ApiCreatedResponse({ type: OrganizationResponseDto })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: 'Create the organization of a community or grid in your scope (one per area)' })
  create(@Body() dto: CreateOrganizationDto): Promise<OrganizationResponse> {
    return this.orgs.create(dto.areaId, dto.name);
  }

  @Get('memberships/mine')
  @Access(ANY_USER)
  @ApiOkResponse({ type: MembershipListDto })
  @ApiOperation({ summary: 'My memberships, current and past' })
  mine(@CurrentAuth() auth: AuthContext): Promise<ListResponse<MembershipResponse>> {
    return this.orgs.mine(auth);
  }

  @Post('memberships')
  @Access(ANY_USER)
  @ApiCreatedResponse({ type: MembershipResponseDto })
  @ApiOkResponse({ type: MembershipResponseDto, description: 'The same request again: the existing membership' })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: 'Ask to join an organization as residence or workplace; an active one of that role is ended (a move)' })
  async request(@CurrentAuth() auth: AuthContext, @Body() dto: CreateMembershipDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<MembershipResponse> {
    const { membership, created } = await this.orgs.request(auth, dto.organizationId, dto.role);
    void reply.status(created ? 201 : 200);
    return membership;
  }

  @Get('memberships')
  @Access(STAFF, { resource: 'organization', from: 'query', key: 'organizationId', optional: true })
  @ApiOkResponse({ type: MembershipListDto })
  @ApiErrors(400, 404)
  @ApiOperation({ summary: 'Memberships to review in your scope' })
  review(@CurrentAuth() auth: AuthContext, @Query() q: ListMembershipsQuery): Promise<ListResponse<MembershipResponse>> {
    return this.orgs.listForReview(auth, q);
  }

  @Post('memberships/:id/verify')
  @HttpCode(200)
  @Access(STAFF, { resource: 'membership', from: 'param', key: 'id' })
  @ApiOkResponse({ type: MembershipResponseDto })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: 'Verify a pending membership' })
  verify(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<MembershipResponse> {
    return this.orgs.decide(auth, id, 'verified', null);
  }

  @Post('memberships/:id/decline')
  @HttpCode(200)
  @Access(STAFF, { resource: 'membership', from: 'param', key: 'id' })
  @ApiOkResponse({ type: MembershipResponseDto })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: 'Decline a pending membership with a note' })
  decline(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: DeclineMembershipDto): Promise<MembershipResponse> {
    return this.orgs.decide(auth, id, 'declined', dto.note.trim());
  }

  @Post('memberships/:id/end')
  @HttpCode(200)
  @Access(ANY_USER)
  @ApiOkResponse({ type: MembershipResponseDto })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: 'Leave an organization (my own membership)' })
  end(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<MembershipResponse> {
    return this.orgs.endMine(auth, id);
  }
}
