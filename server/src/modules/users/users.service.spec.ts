import type { AuthContext } from '../../common/auth/auth-context';
import { areaFactory } from '../../../test/factories/area.factory';
import { userFactory } from '../../../test/factories/user.factory';
import { FakeAccountsRepository, FakeAreasRepository, FakeAuthUserCache, FakeTokenRevocation } from '../../../test/fakes/users-areas.fakes';
import { UsersService } from './users.service';

describe(UsersService.name, () => {
  let areas: FakeAreasRepository;
  let users: FakeAccountsRepository;
  let cache: FakeAuthUserCache;
  let revocation: FakeTokenRevocation;
  let service: UsersService;

  beforeEach(() => {
    areas = new FakeAreasRepository();
    users = new FakeAccountsRepository(areas);
    cache = new FakeAuthUserCache();
    revocation = new FakeTokenRevocation();
    service = new UsersService(users.asRepository(), cache.asCache(), revocation);
  });
  const auth = (userId: number, role: AuthContext['role'] = 'worker'): AuthContext => ({ userId, role, scopePaths: [], scopeAreaIds: [] });

  it('shows a staff member their scope, a worker none', async () => {
    const area = areaFactory();
    areas.add(area);
    const staff = userFactory({ role: 'staff' });
    const worker = userFactory();
    users.add(staff, worker);
    users.scopes.set(staff.id, [area.id]);
    users.scopes.set(worker.id, [area.id]);
    expect((await service.me(auth(staff.id, 'staff'))).scopes).toEqual([expect.objectContaining({ id: area.id })]);
    expect((await service.me(auth(worker.id))).scopes).toEqual([]);
  });

  it('updates only the fields sent, trimmed, an empty employer cleared, and drops the cached access', async () => {
    const u = userFactory({ nickname: '旧名', employer: '美团', phone: '13800000000' });
    users.add(u);
    const r = await service.updateMe(auth(u.id), { nickname: '  新名 ', employer: '  ' });
    expect(r).toMatchObject({ nickname: '新名', phone: '13800000000' });
    expect(users.users.get(u.id)!.employer).toBeNull();
    expect(cache.invalidated).toEqual([u.id]);
  });

  it('answers user_not_found for an account that is gone', async () => {
    await expect(service.me(auth(424242))).rejects.toMatchObject({ code: 'user_not_found', status: 404 });
  });
});
