import type { DemoAccount, Role, Trade } from '@xjy/shared';
import { ringCentroid } from '@xjy/shared';
import { DataSource, EntityManager } from 'typeorm';
import { Area } from '../../modules/areas/area.entity';
import { hashPassword } from '../../modules/auth/password';
import { Department } from '../../modules/reports/departments/department.entity';
import { StaffScope } from '../../modules/users/staff-scope.entity';
import { User } from '../../modules/users/user.entity';
import { PlannedArea, planDemoAreas } from './demo-areas';
import { seedDemoReports } from './demo-reports.seed';
import { insertDemoStations } from './demo-stations';
import { seedOrganizations } from './organizations.seed';

/** Demo accounts; staff and admin also have these passwords for the password login. */
export const DEMO_USERS: Array<{ account: DemoAccount; role: Role; nickname: string; trade: Trade | null; password: string | null; scopeCodes: string[]; department?: string }> = [
  { account: 'rider', role: 'worker', nickname: '李师傅', trade: 'rider', password: null, scopeCodes: [] },
  { account: 'streamer', role: 'worker', nickname: '小王直播', trade: 'streamer', password: null, scopeCodes: [] },
  // 长寿街道 of 新乐 and 磐石街道 of 曹县, plus 新乐 承安镇, which holds the city centre where the map starts, so a
  // report filed there on first try lands in the demo staff's queue and not only the admin's.
  { account: 'staff', role: 'staff', nickname: '张社工', trade: null, password: 'staff-demo-2026', scopeCodes: ['130184001', '371721001', '130184002'] },
  { account: 'admin', role: 'admin', nickname: '市级管理员', trade: null, password: 'admin-demo-2026', scopeCodes: [] },
  // A handler of 城管 (处置部门): sees only the cases dispatched to 城管.
  { account: 'department', role: 'department', nickname: '城管执法队 张队长', trade: null, password: 'department-demo-2026', scopeCodes: [], department: '城管' },
];

async function insertTree(m: EntityManager, node: PlannedArea, parent: Area | null): Promise<number> {
  const repo = m.getRepository(Area);
  const center = ringCentroid(node.boundary);
  const area = await repo.save(
    repo.create({ parentId: parent?.id ?? null, level: node.level, name: node.name, code: node.code, boundary: node.boundary, centerLat: center.lat, centerLng: center.lng, path: '' }),
  );
  area.path = `${parent?.path ?? '/'}${area.id}/`;
  await repo.update({ id: area.id }, { path: area.path });
  let n = 1;
  for (const child of node.children) n += await insertTree(m, child, area);
  return n;
}

async function insertDemoUsers(m: EntityManager, hashes: Map<string, string>, onlyMissing: boolean): Promise<void> {
  for (const u of DEMO_USERS) {
    if (onlyMissing && (await m.getRepository(User).exists({ where: { demoAccount: u.account } }))) continue;
    const department = u.department ? await m.getRepository(Department).findOneBy({ name: u.department }) : null;
    const user = await m.getRepository(User).save(
      m.getRepository(User).create({
        role: u.role,
        nickname: u.nickname,
        trade: u.trade,
        demoAccount: u.account,
        username: u.password ? u.account : null,
        passwordHash: hashes.get(u.account) ?? null,
        departmentId: department?.id ?? null,
      }),
    );
    for (const code of u.scopeCodes) {
      const area = await m.getRepository(Area).findOneByOrFail({ code });
      await m.getRepository(StaffScope).insert({ userId: user.id, areaId: area.id });
    }
  }
}

/** Seeds the demo cities and accounts once; returns null when they are already there. */
export async function seedDemo(ds: DataSource): Promise<{ areas: number; users: number } | null> {
  const hashes = new Map<string, string>();
  for (const u of DEMO_USERS) if (u.password) hashes.set(u.account, await hashPassword(u.password));
  if (await ds.getRepository(User).exists({ where: { demoAccount: 'admin' } })) {
    // Seeded before: only demo accounts added since (the department handler) are created.
    await ds.transaction((m) => insertDemoUsers(m, hashes, true));
    return null;
  }
  return ds.transaction(async (m) => {
    let areas = 0;
    if (!(await m.getRepository(Area).exists({ where: { code: '130184' } }))) {
      for (const city of planDemoAreas()) areas += await insertTree(m, city, null);
    }
    await insertDemoUsers(m, hashes, false);
    await seedOrganizations(m);
    await insertDemoStations(m);
    await seedDemoReports(m);
    return { areas, users: DEMO_USERS.length };
  });
}
