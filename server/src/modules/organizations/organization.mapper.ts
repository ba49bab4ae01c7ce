import type { MembershipResponse, OrganizationResponse } from '@xjy/shared';
import type { MembershipWithOrg, OrganizationWithArea } from './organizations.repository';
import type { User } from '../users/user.entity';

export function mapOrganization(o: OrganizationWithArea, memberCount: number): OrganizationResponse {
  return { id: o.id, name: o.name, areaId: o.areaId, areaName: o.area.name, areaLevel: o.area.level, memberCount };
}

export function mapMembership(m: MembershipWithOrg & { user?: User }, member?: User): MembershipResponse {
  const u = member ?? m.user;
  return {
    id: m.id,
    role: m.role,
    status: m.status,
    organization: { id: m.organization.id, name: m.organization.name, areaId: m.organization.areaId },
    member: { id: m.userId, nickname: u?.nickname ?? '', trade: u?.trade ?? null, phone: u?.phone ?? null },
    note: m.note,
    createdAt: m.createdAt.toISOString(),
    verifiedAt: m.verifiedAt?.toISOString() ?? null,
    endedAt: m.endedAt?.toISOString() ?? null,
  };
}
