import type { ActivityType, MembershipRole, Trade } from '@xjy/shared';
import { EntityManager, In } from 'typeorm';
import { Activity } from '../../modules/activities/activity.entity';
import { CheckIn } from '../../modules/activities/check-in.entity';
import { Area } from '../../modules/areas/area.entity';
import { Membership } from '../../modules/organizations/membership.entity';
import { Organization } from '../../modules/organizations/organization.entity';
import { User } from '../../modules/users/user.entity';

/** Demo workers beyond the one-tap accounts, so the register and the attendance lists have people in them. */
const EXTRA_WORKERS: Array<{ nickname: string; trade: Trade; employer: string; phone: string; residence: string; workplace: string }> = [
  { nickname: '赵强', trade: 'rider', employer: '美团', phone: '13803110001', residence: '13018400100102', workplace: '130184001001' },
  { nickname: '钱磊', trade: 'courier', employer: '顺丰速运', phone: '13803110002', residence: '13018400100201', workplace: '130184001002' },
  { nickname: '孙静', trade: 'streamer', employer: '自营直播间', phone: '13803110003', residence: '13018400100301', workplace: '130184001003' },
  { nickname: '李娜', trade: 'ecommerce', employer: '新乐梨电商合作社', phone: '13803110004', residence: '13018400100104', workplace: '130184001001' },
  { nickname: '周勇', trade: 'ride_hailing_driver', employer: '滴滴出行', phone: '13803110005', residence: '13018400100203', workplace: '130184001002' },
  { nickname: '吴敏', trade: 'courier', employer: '中通快递', phone: '13803110006', residence: '37172100100101', workplace: '371721001001' },
  { nickname: '郑浩', trade: 'rider', employer: '饿了么', phone: '13803110007', residence: '37172100100201', workplace: '371721001002' },
];

/** The demo accounts' two organizations: the rider's both verified; the streamer's workplace still pending. */
const DEMO_MEMBERSHIPS: Array<{ account: string; role: MembershipRole; areaCode: string; verified: boolean }> = [
  { account: 'rider', role: 'residence', areaCode: '13018400100101', verified: true },
  { account: 'rider', role: 'workplace', areaCode: '130184001003', verified: true },
  { account: 'streamer', role: 'residence', areaCode: '13018400100201', verified: true },
  { account: 'streamer', role: 'workplace', areaCode: '130184001001', verified: false },
];

const HOUR = 3600_000;

/** One organization per community (社区党委) and per grid (网格党支部), members, and activities around now. */
export async function seedOrganizations(m: EntityManager, now = new Date()): Promise<{ organizations: number; activities: number }> {
  const areas = await m.getRepository(Area).find({ where: { level: In(['community', 'grid']) }, order: { code: 'ASC' } });
  const orgRepo = m.getRepository(Organization);
  const byArea = new Map<string, Organization>();
  for (const a of areas) {
    const org = await orgRepo.save(orgRepo.create({ areaId: a.id, name: a.level === 'community' ? `${a.name}党委` : `${a.name}党支部` }));
    byArea.set(a.code, org);
  }
  const staff = await m.getRepository(User).findOneByOrFail({ demoAccount: 'staff' });
  const memberships = m.getRepository(Membership);
  const join = async (user: User, role: MembershipRole, areaCode: string, verified: boolean) => {
    const org = byArea.get(areaCode)!;
    await memberships.save(
      memberships.create({
        userId: user.id,
        organizationId: org.id,
        role,
        status: verified ? 'verified' : 'pending',
        activeKey: `${user.id}:${role}`,
        decidedBy: verified ? staff.id : null,
        verifiedAt: verified ? new Date(now.getTime() - 30 * 24 * HOUR) : null,
      }),
    );
  };
  for (const d of DEMO_MEMBERSHIPS) await join(await m.getRepository(User).findOneByOrFail({ demoAccount: d.account }), d.role, d.areaCode, d.verified);
  const extras: User[] = [];
  for (const w of EXTRA_WORKERS) {
    const user = await m.getRepository(User).save(m.getRepository(User).create({ role: 'worker', nickname: w.nickname, trade: w.trade, employer: w.employer, phone: w.phone }));
    extras.push(user);
    await join(user, 'residence', w.residence, true);
    await join(user, 'workplace', w.workplace, true);
  }

  const activity = (orgCode: string, type: ActivityType, title: string, startOffsetH: number, hours: number, extra: Partial<Activity> = {}) => {
    const org = byArea.get(orgCode)!;
    const area = areas.find((a) => a.id === org.areaId)!;
    return m.getRepository(Activity).save(
      m.getRepository(Activity).create({
        organizationId: org.id,
        type,
        title,
        address: `${area.name}党群服务站`,
        startsAt: new Date(now.getTime() + startOffsetH * HOUR),
        endsAt: new Date(now.getTime() + (startOffsetH + hours) * HOUR),
        lat: area.centerLat!,
        lng: area.centerLng!,
        radiusM: 300,
        points: type === 'volunteer' ? 5 : 0,
        capacity: null,
        status: 'scheduled',
        createdBy: staff.id,
        ...extra,
      }),
    );
  };
  const past = await activity('130184001001', 'meeting', '新就业群体党员组织生活会', -24 * 20, 2);
  await activity('13018400100101', 'theme_day', '“红色骑手”主题党日', 0.25, 2);
  await activity('13018400100101', 'meeting', '网格党支部“三会一课”', 24 * 3, 1.5);
  await activity('130184001003', 'volunteer', '文明交通劝导志愿服务', 24, 3, { capacity: 30 });
  await activity('371721001001', 'training', '电商直播技能培训', 24 * 5, 3);
  // Last meeting: two of the extra workers attended, so the others show as not yet attended this quarter.
  for (const u of extras.slice(0, 2)) {
    await m.getRepository(CheckIn).save(
      m.getRepository(CheckIn).create({ activityId: past.id, userId: u.id, status: 'accepted', attendanceKey: `${past.id}:${u.id}`, lat: past.lat, lng: past.lng, accuracyM: 15, distanceM: 12 }),
    );
  }
  return { organizations: byArea.size, activities: 5 };
}
