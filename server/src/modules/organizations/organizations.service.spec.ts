import { ScopeRegistry } from '../../common/auth/scope-registry';
import type { AuthContext } from '../../common/auth/auth-context';
import { membershipFactory, organizationFactory } from '../../../test/factories/organization.factory';
import { FakeOrganizationsRepository } from '../../../test/fakes/activities.fakes';
import type { AreasRepository } from '../areas/areas.repository';
import { OrganizationsService, resolveQuarter } from './organizations.service';

const staff = (userId: number): AuthContext => ({ userId, role: 'staff', scopePaths: ['/'], scopeAreaIds: [] });

describe(OrganizationsService.name, () => {
  let orgs: FakeOrganizationsRepository;
  let service: OrganizationsService;
  const org = organizationFactory();

  beforeEach(() => {
    orgs = new FakeOrganizationsRepository();
    orgs.add(org);
    service = new OrganizationsService(orgs.asRepository(), {} as AreasRepository, new ScopeRegistry());
  });

  const failure = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string; status?: number }) => ({ code: e.code, status: e.status }));
  const pending = (userId: number) => {
    const m = membershipFactory({ userId }, org);
    orgs.memberships.push(m);
    return m;
  };

  describe('creating the organization of an area', () => {
    const areasWith = (level: string | null) => ({ findById: async (id: number) => (level ? { id, level } : null) }) as unknown as AreasRepository;

    it('creates one for a community or grid, and refuses a second for the same area', async () => {
      service = new OrganizationsService(orgs.asRepository(), areasWith('community'), new ScopeRegistry());
      const made = await service.create(900, '  新华社区党委 ');
      expect(made).toMatchObject({ areaId: 900, name: '新华社区党委', memberCount: 0 });
      expect(await failure(service.create(900, '另一个党委'))).toEqual({ code: 'organization_exists', status: 409 });
    });

    it('refuses a street or district, and an unknown area, creating nothing', async () => {
      const before = orgs.organizations.size;
      service = new OrganizationsService(orgs.asRepository(), areasWith('street'), new ScopeRegistry());
      expect(await failure(service.create(901, '街道党工委'))).toEqual({ code: 'organization_level_invalid', status: 400 });
      service = new OrganizationsService(orgs.asRepository(), areasWith(null), new ScopeRegistry());
      expect(await failure(service.create(902, '不存在'))).toEqual({ code: 'area_not_found', status: 404 });
      expect(orgs.organizations.size).toBe(before);
    });
  });

  it('verifies a pending membership, recording who decided', async () => {
    const m = pending(20);
    expect((await service.decide(staff(7), m.id, 'verified', null)).status).toBe('verified');
    expect(orgs.decided).toEqual([{ id: m.id, decision: 'verified', actorId: 7 }]);
  });

  it('refuses deciding a membership that is no longer pending', async () => {
    const m = pending(21);
    await service.decide(staff(7), m.id, 'declined', '不在本社区');
    expect(await failure(service.decide(staff(7), m.id, 'verified', null))).toEqual({ code: 'illegal_state', status: 409 });
  });

  it('refuses staff verifying or declining their own membership, and changes nothing', async () => {
    const m = pending(7);
    expect(await failure(service.decide(staff(7), m.id, 'verified', null))).toEqual({ code: 'own_membership', status: 403 });
    expect(await failure(service.decide(staff(7), m.id, 'declined', 'x'))).toEqual({ code: 'own_membership', status: 403 });
    expect(m.status).toBe('pending');
    expect(orgs.decided).toEqual([]);
    expect((await service.decide(staff(8), m.id, 'verified', null)).status).toBe('verified');
  });

  it("answers not found for ending someone else's membership", async () => {
    const m = pending(22);
    expect(await failure(service.endMine({ userId: 23, role: 'worker', scopePaths: [], scopeAreaIds: [] }, m.id))).toEqual({ code: 'membership_not_found', status: 404 });
    expect((await service.endMine({ userId: 22, role: 'worker', scopePaths: [], scopeAreaIds: [] }, m.id)).status).toBe('ended');
  });

  it('reads quarters like 2026Q4 and refuses anything else, naming the field', () => {
    expect(resolveQuarter('2026Q4')).toMatchObject({ quarter: '2026Q4', from: new Date('2026-09-30T16:00:00Z') });
    expect(() => resolveQuarter('2026-10')).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });
});
