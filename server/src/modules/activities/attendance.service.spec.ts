import { quarterOf } from '@xjy/shared';
import type { AuthContext } from '../../common/auth/auth-context';
import { membershipFactory, organizationFactory } from '../../../test/factories/organization.factory';
import { userFactory } from '../../../test/factories/user.factory';
import { FakeActivitiesRepository, FakeHoursRepository, FakeLedger, FakeOrganizationsRepository } from '../../../test/fakes/activities.fakes';
import type { ActivitiesRepository } from './activities.repository';
import { AttendanceService } from './attendance.service';

describe(AttendanceService.name, () => {
  const home = organizationFactory();
  const work = organizationFactory();
  let orgs: FakeOrganizationsRepository;
  let ledger: FakeLedger;
  /** Meetings attended per user in the asked quarter. */
  let meetings: Map<number, number>;
  let service: AttendanceService;

  beforeEach(() => {
    orgs = new FakeOrganizationsRepository();
    orgs.add(home, work);
    ledger = new FakeLedger();
    meetings = new Map();
    const activities = Object.assign(new FakeActivitiesRepository(orgs), {
      countAttendedBetween: async (userIds: number[], types: string[]) => new Map(userIds.map((id) => [id, types.includes('meeting') ? (meetings.get(id) ?? 0) : 0])),
    });
    Object.assign(orgs, {
      findVerifiedMembers: async (ids: number[]) => orgs.memberships.filter((m) => ids.includes(m.organizationId) && m.status === 'verified'),
    });
    service = new AttendanceService(activities as unknown as ActivitiesRepository, orgs.asRepository(), ledger.asLedger(), new FakeHoursRepository(activities).asRepository());
  });

  const verified = (userId: number, org: typeof home, role: 'residence' | 'workplace' = 'residence') =>
    orgs.memberships.push(membershipFactory({ userId, role, status: 'verified', user: userFactory({ id: userId }) }, org));

  it('lists verified members who attended no meeting this quarter, each once', async () => {
    verified(501, home);
    verified(502, home);
    verified(502, home, 'workplace');
    meetings.set(501, 1);
    const r = await service.absentees(home.id, '2026Q2');
    expect(r.quarter).toBe('2026Q2');
    expect(r.items.map((x) => x.member.id)).toEqual([502]);
  });

  it('counts a meeting at either of the member’s organizations', async () => {
    verified(503, home);
    verified(503, work, 'workplace');
    meetings.set(503, 1); // attended at the workplace organization
    expect((await service.absentees(home.id, '2026Q2')).items).toEqual([]);
  });

  it('refuses an unknown organization and a malformed quarter', async () => {
    await expect(service.absentees(999_999, '2026Q2')).rejects.toMatchObject({ code: 'organization_not_found', status: 404 });
    await expect(service.absentees(home.id, '2026-05')).rejects.toMatchObject({ code: 'validation_failed', status: 400 });
  });

  it("sums a member's volunteer points of the quarter from the ledger, reversals included", async () => {
    const me: AuthContext = { userId: 504, role: 'worker', scopePaths: [], scopeAreaIds: [] };
    await ledger.record(null, { userId: 504, delta: 20, reason: 'volunteer_check_in', sourceType: 'check_in', sourceId: 1, actorId: null });
    await ledger.record(null, { userId: 504, delta: -20, reason: 'volunteer_check_in_reversed', sourceType: 'check_in', sourceId: 1, actorId: 9 });
    await ledger.record(null, { userId: 504, delta: 7, reason: 'volunteer_check_in', sourceType: 'check_in', sourceId: 2, actorId: null });
    meetings.set(504, 2);
    const quarter = quarterOf(new Date());
    expect(await service.mine(me, quarter)).toEqual({ quarter, meetingsAttended: 2, activitiesAttended: 2, volunteerPoints: 7, confirmedHours: 0 });
  });
});
