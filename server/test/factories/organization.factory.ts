import type { Area } from '../../src/modules/areas/area.entity';
import type { Membership } from '../../src/modules/organizations/membership.entity';
import type { MembershipWithOrg, OrganizationWithArea } from '../../src/modules/organizations/organizations.repository';
import { areaFactory } from './area.factory';
import { nextId } from './sequence';

/** An organization with its area (a fresh district unless given). */
export function organizationFactory(over: Partial<OrganizationWithArea> = {}): OrganizationWithArea {
  const id = over.id ?? nextId();
  const area: Area = over.area ?? areaFactory();
  return { id, areaId: area.id, name: `测试党支部${id}`, createdAt: new Date('2026-01-01T00:00:00Z'), ...over, area };
}

/** A pending residence membership of a user at an organization. */
export function membershipFactory(over: Partial<Membership> & { userId: number }, organization: OrganizationWithArea = organizationFactory()): MembershipWithOrg {
  const id = over.id ?? nextId();
  return {
    id,
    organizationId: organization.id,
    role: 'residence',
    status: 'pending',
    activeKey: `${over.userId}:${over.role ?? 'residence'}`,
    note: null,
    decidedBy: null,
    verifiedAt: null,
    endedAt: null,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-01T00:00:00Z'),
    ...over,
    organization,
  };
}
