import ExcelJS from 'exceljs';
import type { MembershipRole, MembershipStatus } from '@xjy/shared';
import type { Area } from '../areas/area.entity';
import type { MembershipWithOrg, OrganizationWithArea } from '../organizations/organizations.repository';
import type { User } from '../users/user.entity';
import { activityFactory, checkInFactory } from '../../../test/factories/activity.factory';
import { areaFactory } from '../../../test/factories/area.factory';
import { adminAuth, staffAuth } from '../../../test/factories/auth';
import { membershipFactory, organizationFactory } from '../../../test/factories/organization.factory';
import { userFactory } from '../../../test/factories/user.factory';
import { FakeActivitiesRepository, FakeHoursRepository, FakeOrganizationsRepository } from '../../../test/fakes/activities.fakes';
import { FakeAreasRepository } from '../../../test/fakes/users-areas.fakes';
import { RegisterService } from './register.service';

/** 2026Q4 in China time runs from 2026-09-30T16:00Z to 2026-12-31T16:00Z. */
const QUARTER = '2026Q4';
const IN_QUARTER = Date.parse('2026-11-10T02:00:00Z');
const LAST_QUARTER = Date.parse('2026-09-20T02:00:00Z');

/** The sheet's rows below the header, as plain values. */
async function readSheets(buffer: Buffer): Promise<Record<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const out: Record<string, unknown[][]> = {};
  wb.eachSheet((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    out[ws.name] = rows;
  });
  return out;
}

const failure = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string; status?: number }) => ({ code: e.code, status: e.status }));

describe(RegisterService.name, () => {
  let orgs: FakeOrganizationsRepository;
  let areas: FakeAreasRepository;
  let activities: FakeActivitiesRepository;
  let service: RegisterService;

  // 新乐 (district) ⊃ 长寿街道 (street); 行唐 is another district.
  let xinle: Area;
  let changshou: Area;
  let xingtang: Area;
  let streetOrg: OrganizationWithArea;
  let districtOrg: OrganizationWithArea;
  let otherOrg: OrganizationWithArea;
  let both: User;
  let workplaceOnly: User;
  let outOfScope: User;
  let ended: User;

  const member = (user: User, organization: OrganizationWithArea, role: MembershipRole, status: MembershipStatus): MembershipWithOrg =>
    Object.assign(membershipFactory({ userId: user.id, role, status }, organization), { user });

  beforeEach(() => {
    xinle = areaFactory({ name: '新乐市', code: '130184000000' });
    changshou = areaFactory({ name: '长寿街道', code: '130184001000' }, xinle);
    xingtang = areaFactory({ name: '行唐县', code: '130125000000' });
    areas = new FakeAreasRepository();
    areas.add(xinle, changshou, xingtang);

    streetOrg = organizationFactory({ name: '长寿街道骑手党支部', area: changshou });
    districtOrg = organizationFactory({ name: '新乐市快递行业党支部', area: xinle });
    otherOrg = organizationFactory({ name: '行唐县网约车党支部', area: xingtang });
    orgs = new FakeOrganizationsRepository();
    orgs.add(streetOrg, districtOrg, otherOrg);

    both = userFactory({ nickname: '张骑手', phone: '13800000001', trade: 'rider', employer: '美团', pointsBalance: 35 });
    workplaceOnly = userFactory({ nickname: '李快递', trade: 'courier' });
    outOfScope = userFactory({ nickname: '王司机', trade: 'ride_hailing_driver' });
    ended = userFactory({ nickname: '赵已转出', trade: 'rider' });
    orgs.memberships.push(
      member(both, streetOrg, 'residence', 'verified'),
      member(both, districtOrg, 'workplace', 'pending'),
      member(workplaceOnly, districtOrg, 'workplace', 'verified'),
      member(outOfScope, otherOrg, 'residence', 'verified'),
      member(ended, streetOrg, 'residence', 'ended'),
    );

    activities = new FakeActivitiesRepository(orgs);
    // One meeting held jointly by both of `both`'s organizations' members: one check-in, one attendance.
    const meeting = activityFactory({ type: 'meeting', startsAt: new Date(IN_QUARTER) }, IN_QUARTER, streetOrg);
    const volunteer = activityFactory({ type: 'volunteer', startsAt: new Date(IN_QUARTER + 86_400_000) }, IN_QUARTER, districtOrg);
    const themeDay = activityFactory({ type: 'theme_day', startsAt: new Date(IN_QUARTER + 2 * 86_400_000) }, IN_QUARTER, districtOrg);
    const oldMeeting = activityFactory({ type: 'meeting', startsAt: new Date(LAST_QUARTER) }, LAST_QUARTER, streetOrg);
    activities.add(meeting, volunteer, themeDay, oldMeeting);
    activities.checkIns.push(
      checkInFactory({ activityId: meeting.id, userId: both.id }),
      checkInFactory({ activityId: volunteer.id, userId: both.id, status: 'approved', hours: 2.5, hoursStatus: 'confirmed' }),
      checkInFactory({ activityId: oldMeeting.id, userId: both.id }),
      checkInFactory({ activityId: themeDay.id, userId: workplaceOnly.id, status: 'refused' }),
      checkInFactory({ activityId: themeDay.id, userId: outOfScope.id }),
    );

    service = new RegisterService(orgs.asRepository(), areas.asRepository(), activities.asRepository(), new FakeHoursRepository(activities).asRepository());
  });

  /** The members' names; row order is the repository's, so compare as a sorted list. */
  const names = (sheet: unknown[][]) => sheet.slice(1).map((r) => String(r[0])).sort();

  it('lists only the active members of organizations inside the staff member’s areas, and names the file after the scope', async () => {
    const { buffer, filename } = await service.export(staffAuth(7, { scopePaths: [xinle.path], scopeAreaIds: [xinle.id] }), undefined, QUARTER);
    const sheets = await readSheets(buffer);
    expect(names(sheets['台账'])).toEqual(['张骑手', '李快递'].sort());
    expect(filename).toBe('新就业群体台账-辖区-2026Q4.xlsx');
  });

  it('lets an admin see every area, under the city-wide name', async () => {
    const { buffer, filename } = await service.export(adminAuth(1), undefined, QUARTER);
    expect(names((await readSheets(buffer))['台账'])).toEqual(['王司机', '张骑手', '李快递'].sort());
    expect(filename).toBe('新就业群体台账-全市-2026Q4.xlsx');
  });

  it('narrows to the area asked for and names the file after it', async () => {
    const { buffer, filename } = await service.export(adminAuth(1), changshou.id, QUARTER);
    expect(names((await readSheets(buffer))['台账'])).toEqual(['张骑手']);
    expect(filename).toBe('新就业群体台账-长寿街道-2026Q4.xlsx');
  });

  it('gives a staff member with no areas an empty register, not the whole city', async () => {
    const { buffer } = await service.export(staffAuth(7, { scopePaths: [], scopeAreaIds: [] }), undefined, QUARTER);
    const sheets = await readSheets(buffer);
    expect(sheets['台账']).toHaveLength(1);
    expect(sheets['按行业统计']).toHaveLength(1);
  });

  it('refuses an unknown area with area_not_found, and a malformed quarter with validation_failed', async () => {
    expect(await failure(service.export(adminAuth(1), 999_999, QUARTER))).toEqual({ code: 'area_not_found', status: 404 });
    expect(await failure(service.export(adminAuth(1), undefined, '2026Q5'))).toMatchObject({ code: 'validation_failed' });
  });

  it('writes one row per member with both organizations and their statuses, and quarter attendance counted once', async () => {
    const { buffer } = await service.export(adminAuth(1), xinle.id, QUARTER);
    const [header, ...rows] = (await readSheets(buffer))['台账'];
    expect(header).toEqual(['姓名', '手机', '行业', '平台/单位', '居住地组织', '居住地状态', '工作地组织', '工作地状态', '2026Q4 组织生活', '2026Q4 参加活动', '2026Q4 志愿服务', '积分', '2026Q4 服务时长（小时）', '2026年 服务时长（小时）']);
    // 张骑手: the shared meeting counts once although he belongs to two organizations; last quarter's meeting not at all.
    expect(rows.find((r) => r[0] === '张骑手')).toEqual(['张骑手', '13800000001', '外卖骑手', '美团', '长寿街道骑手党支部', '已认证', '新乐市快递行业党支部', '待审核', 1, 2, 1, 35, 2.5, 2.5]);
    // 李快递: a refused check-in is no attendance; blanks where there is no residence.
    expect(rows.find((r) => r[0] === '李快递')).toEqual(['李快递', '', '快递员', '', '', '', '新乐市快递行业党支部', '已认证', 0, 0, 0, 0, 0, 0]);
  });

  it('counts members by trade and by the area of their residence organization (else workplace), sorted', async () => {
    const second = userFactory({ nickname: '钱骑手', trade: 'rider' });
    const noTrade = userFactory({ nickname: '孙某', trade: null });
    orgs.memberships.push(member(second, streetOrg, 'residence', 'pending'), member(second, districtOrg, 'workplace', 'verified'), member(noTrade, districtOrg, 'workplace', 'verified'));
    const { buffer } = await service.export(adminAuth(1), xinle.id, QUARTER);
    expect((await readSheets(buffer))['按行业统计']).toEqual([
      ['行业', '区域', '人数'],
      ['快递员', '新乐市', 1],
      ['其他', '新乐市', 1],
      ['外卖骑手', '长寿街道', 2],
    ]);
  });
});
