import { areaFactory } from '../../../test/factories/area.factory';
import { userFactory } from '../../../test/factories/user.factory';
import { FakeAccountsRepository, FakeAreasRepository, FakeAuthUserCache, FakeTokenRevocation } from '../../../test/fakes/users-areas.fakes';
import { UsersService } from '../users/users.service';
import { adminAuth } from '../../../test/factories/auth';
import { StaffService } from './staff.service';
import type { CreateStaffDto } from './dto/staff.dto';

describe(StaffService.name, () => {
  let areas: FakeAreasRepository;
  let users: FakeAccountsRepository;
  let cache: FakeAuthUserCache;
  let revocation: FakeTokenRevocation;
  let service: StaffService;
  const admin = adminAuth(1);
  const district = areaFactory();

  beforeEach(() => {
    areas = new FakeAreasRepository();
    areas.add(district);
    users = new FakeAccountsRepository(areas);
    cache = new FakeAuthUserCache();
    revocation = new FakeTokenRevocation();
    service = new StaffService(users.asRepository(), areas.asRepository(), new UsersService(users.asRepository(), cache.asCache(), revocation));
  });

  const failure = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string; status?: number }) => ({ code: e.code, status: e.status }));
  const dto = (over: Partial<CreateStaffDto> = {}) => ({ role: 'staff', username: 'wang', password: 'long-enough-password', nickname: '王社工', scopeAreaIds: [district.id], ...over }) as CreateStaffDto;

  it('creates a staff account with a hashed password and its scope', async () => {
    const s = await service.create(dto());
    expect(s).toMatchObject({ role: 'staff', disabled: false });
    const row = users.users.get(s.id)!;
    expect(row.passwordHash).not.toContain('long-enough-password');
    expect(users.scopes.get(s.id)).toEqual([district.id]);
  });

  it('refuses a taken username and unknown scope areas, naming them', async () => {
    await service.create(dto());
    expect(await failure(service.create(dto()))).toEqual({ code: 'username_taken', status: 409 });
    const e = await service.create(dto({ username: 'li', scopeAreaIds: [district.id, 999_999] })).catch((x: { code: string; details: unknown }) => x);
    expect(e).toMatchObject({ code: 'area_not_found', details: { fields: [{ field: 'scopeAreaIds' }] } });
  });

  it('gives an admin no scope rows: admin is unrestricted', async () => {
    const a = await service.create(dto({ role: 'admin', username: 'boss' }));
    expect(users.scopes.get(a.id)).toEqual([]);
  });

  it('ends the sessions of an account whose scope changes or which is disabled, on every instance', async () => {
    const s = await service.create(dto());
    const before = users.users.get(s.id)!.tokenVersion;
    await service.replaceScopes(s.id, []);
    await service.setDisabled(admin, s.id, true);
    expect(revocation.published).toEqual([s.id, s.id]);
    expect(users.users.get(s.id)!.tokenVersion).toBe(before + 2);
    expect(users.users.get(s.id)!.disabledAt).not.toBeNull();
  });

  it('creates a department handler with its department and no scope; the department must exist', async () => {
    users.departments.add(4);
    const h = await service.create(dto({ role: 'department', username: 'cg', departmentId: 4 }));
    expect(h).toMatchObject({ role: 'department', departmentId: 4, scopes: [] });
    expect(users.scopes.get(h.id) ?? []).toEqual([]);
    expect(await failure(service.create(dto({ role: 'department', username: 'cg2' })))).toEqual({ code: 'validation_failed', status: 400 });
    expect(await failure(service.create(dto({ role: 'department', username: 'cg3', departmentId: 99 })))).toEqual({ code: 'department_not_found', status: 404 });
  });

  it('does not treat a worker as a staff account', async () => {
    const w = userFactory();
    users.add(w);
    expect(await failure(service.setDisabled(admin, w.id, true))).toEqual({ code: 'user_not_found', status: 404 });
    expect(await failure(service.replaceScopes(w.id, [district.id]))).toEqual({ code: 'user_not_found', status: 404 });
  });
});
