import type { MeetingKind } from '@xjy/shared';
import { activityFactory, checkInFactory } from '../../../test/factories/activity.factory';
import { membershipFactory, organizationFactory } from '../../../test/factories/organization.factory';
import { userFactory } from '../../../test/factories/user.factory';
import { FakeActivitiesRepository, FakeHoursRepository, FakeOrganizationsRepository } from '../../../test/fakes/activities.fakes';
import { MeetingsService } from './meetings.service';

describe(MeetingsService.name, () => {
  const home = organizationFactory();
  const work = organizationFactory();
  // 2026Q4 in China: October, November, December.
  const oct = Date.parse('2026-10-10T02:00:00Z');
  const nov = Date.parse('2026-11-10T02:00:00Z');
  const dec = Date.parse('2026-12-10T02:00:00Z');
  let orgs: FakeOrganizationsRepository;
  let activities: FakeActivitiesRepository;
  let service: MeetingsService;
  const member = userFactory({ nickname: '张骑手' });
  const idle = userFactory({ nickname: '李快递' });

  beforeEach(() => {
    orgs = new FakeOrganizationsRepository();
    orgs.add(home, work);
    orgs.memberships.push(
      Object.assign(membershipFactory({ userId: member.id, status: 'verified', role: 'residence' }, home), { user: member }),
      Object.assign(membershipFactory({ userId: member.id, status: 'verified', role: 'workplace' }, work), { user: member }),
      Object.assign(membershipFactory({ userId: idle.id, status: 'verified', role: 'residence' }, home), { user: idle }),
    );
    Object.assign(orgs, { findVerifiedMembers: async (ids: number[]) => orgs.memberships.filter((m) => ids.includes(m.organizationId) && m.status === 'verified') });
    activities = new FakeActivitiesRepository(orgs);
    service = new MeetingsService(orgs.asRepository(), new FakeHoursRepository(activities).asRepository());
  });

  const attend = (userId: number, org: typeof home, kind: MeetingKind, at: number) => {
    const a = activityFactory({ type: 'meeting', meetingKind: kind, startsAt: new Date(at), endsAt: new Date(at + 3600_000) }, at, org);
    activities.add(a);
    activities.checkIns.push(checkInFactory({ activityId: a.id, userId }));
  };

  it('meets the rules with a 党员大会 and a 党课 in the quarter and a 党小组会 each month, at either organization', async () => {
    attend(member.id, work, 'party_congress', oct);
    attend(member.id, home, 'party_lecture', nov);
    for (const [org, at] of [[home, oct], [work, nov], [home, dec]] as const) attend(member.id, org, 'group_meeting', at);
    const r = await service.quarter(home.id, '2026Q4');
    const mine = r.items.find((i) => i.member.id === member.id)!;
    expect(mine.met).toBe(true);
    expect(mine.rules.map((x) => [x.kind, x.attended])).toEqual([
      ['party_congress', [1]],
      ['party_lecture', [1]],
      ['group_meeting', [1, 1, 1]],
    ]);
    expect(r.items.find((i) => i.member.id === idle.id)).toMatchObject({ met: false, rules: [{ attended: [0] }, { attended: [0] }, { attended: [0, 0, 0] }] });
  });

  it('misses the monthly rule when a month has no 党小组会, and ignores other quarters and untyped meetings', async () => {
    attend(member.id, home, 'group_meeting', oct);
    attend(member.id, home, 'group_meeting', oct + 86_400_000);
    attend(member.id, home, 'group_meeting', Date.parse('2027-01-10T02:00:00Z'));
    const r = await service.quarter(work.id, '2026Q4', [{ kind: 'group_meeting', per: 'month', min: 1 }]);
    expect(r.items[0].rules[0]).toMatchObject({ attended: [2, 0, 0], met: false });
  });

  it('refuses an unknown organization', async () => {
    await expect(service.quarter(99_999, '2026Q4')).rejects.toMatchObject({ code: 'organization_not_found' });
  });
});
