import { Injectable, OnModuleInit } from '@nestjs/common';
import { ListResponse, MEMBERSHIP_STATUS_LABELS, MembershipResponse, MembershipStatus, OrganizationResponse, quarterOf, quarterRange } from '@xjy/shared';
import { AppException, fieldError } from '../../common/app.exception';
import { AuthContext, isAdmin } from '../../common/auth/auth-context';
import { ScopeRegistry } from '../../common/auth/scope-registry';
import { AreasRepository } from '../areas/areas.repository';
import { mapMembership, mapOrganization } from './organization.mapper';
import { OrganizationsRepository } from './organizations.repository';

const LIST_LIMIT = 200;

export function resolveQuarter(quarter: string | undefined): { quarter: string; from: Date; to: Date } {
  const q = quarter ?? quarterOf(new Date());
  const range = quarterRange(q);
  if (!range) throw fieldError('validation_failed', 'quarter', '季度格式应如 2026Q4');
  return { quarter: q, ...range };
}

@Injectable()
export class OrganizationsService implements OnModuleInit {
  constructor(
    private readonly orgs: OrganizationsRepository,
    private readonly areas: AreasRepository,
    private readonly scopes: ScopeRegistry,
  ) {}

  onModuleInit(): void {
    this.scopes.register('organization', (id) => this.orgs.findAreaPath(id));
    this.scopes.register('membership', async (id) => (await this.orgs.findMembership(id))?.organization.area.path ?? null);
  }

  async list(areaId: number | undefined): Promise<ListResponse<OrganizationResponse>> {
    let path: string | null = null;
    if (areaId) {
      path = await this.areas.findPathById(areaId);
      if (!path) throw new AppException('area_not_found');
    }
    const items = await this.orgs.findInSubtree(path, LIST_LIMIT);
    const counts = await this.orgs.countVerifiedMembers(items.map((o) => o.id));
    return { items: items.map((o) => mapOrganization(o, counts.get(o.id) ?? 0)) };
  }

  /** The organization of a community (社区党委) or grid (网格党支部): one per area. */
  async create(areaId: number, name: string): Promise<OrganizationResponse> {
    const area = await this.areas.findById(areaId);
    if (!area) throw fieldError('area_not_found', 'areaId', '区域不存在');
    if (area.level !== 'community' && area.level !== 'grid') throw fieldError('organization_level_invalid', 'areaId', '组织只能建在社区或网格');
    const created = await this.orgs.create(areaId, name.trim());
    if (!created) throw new AppException('organization_exists');
    return mapOrganization(created, 0);
  }

  async mine(auth: AuthContext): Promise<ListResponse<MembershipResponse>> {
    return { items: (await this.orgs.findMembershipsOfUser(auth.userId)).map((m) => mapMembership(m)) };
  }

  async request(auth: AuthContext, organizationId: number, role: 'residence' | 'workplace'): Promise<{ membership: MembershipResponse; created: boolean }> {
    if (!(await this.orgs.findById(organizationId))) throw new AppException('organization_not_found');
    const { membership, created } = await this.orgs.requestMembership(auth.userId, organizationId, role);
    const full = await this.orgs.findMembership(membership.id);
    return { membership: mapMembership(full!), created };
  }

  async listForReview(auth: AuthContext, filter: { organizationId?: number; status?: MembershipStatus }): Promise<ListResponse<MembershipResponse>> {
    const items = await this.orgs.findMembershipsForReview({ ...filter, scopePaths: isAdmin(auth) ? null : auth.scopePaths, limit: LIST_LIMIT });
    return { items: items.map((m) => mapMembership(m)) };
  }

  async decide(auth: AuthContext, id: number, decision: 'verified' | 'declined', note: string | null): Promise<MembershipResponse> {
    const current = await this.orgs.findMembership(id);
    if (!current) throw new AppException('membership_not_found');
    // Staff can be members too; whether they belong is for a colleague to judge.
    if (current.userId === auth.userId) throw new AppException('own_membership');
    if (!(await this.orgs.decide(id, decision, auth.userId, note))) {
      throw new AppException('illegal_state', { status: current.status }, `只有待审核的成员身份可以${decision === 'verified' ? '认证' : '拒绝'}，这条是${MEMBERSHIP_STATUS_LABELS[current.status]}`);
    }
    return mapMembership((await this.orgs.findMembership(id))!);
  }

  async endMine(auth: AuthContext, id: number): Promise<MembershipResponse> {
    const current = await this.orgs.findMembership(id);
    if (!current || current.userId !== auth.userId) throw new AppException('membership_not_found');
    if (!(await this.orgs.end(id))) throw new AppException('illegal_state', { status: current.status }, `该成员身份已是${MEMBERSHIP_STATUS_LABELS[current.status]}`);
    return mapMembership((await this.orgs.findMembership(id))!);
  }
}
