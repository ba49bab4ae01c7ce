import { userFactory } from '../../../test/factories/user.factory';
import { FakeAccountsRepository, FakeAuthUserCache, FakeTokenRevocation } from '../../../test/fakes/users-areas.fakes';
import { UsersService } from '../users/users.service';
import type { AppConfig } from '../../config/app.config';
import type { WechatClient } from '../wechat/wechat.client';
import { AuthService } from './auth.service';
import { hashPassword } from './password';
import { TokenService } from './token.service';

describe(AuthService.name, () => {
  let users: FakeAccountsRepository;
  let tokens: TokenService;
  const wechat = { code2Session: async (code: string) => ({ openid: `openid-of-${code}`, unionid: null }) } as unknown as WechatClient;
  const service = (devLogin = false) => new AuthService(users.asRepository(), tokens, wechat, new UsersService(users.asRepository(), new FakeAuthUserCache().asCache(), new FakeTokenRevocation()), { devLogin } as AppConfig);

  beforeEach(() => {
    users = new FakeAccountsRepository();
    tokens = new TokenService({ jwtSecret: 'unit-test-secret-unit-test-secret', tokenTtlSeconds: 3600 } as AppConfig);
  });

  it('logs a password account in with a token that names it', async () => {
    const u = userFactory({ role: 'staff', username: 'wang', passwordHash: await hashPassword('right-password') });
    users.add(u);
    const r = await service().loginWithPassword('wang', 'right-password');
    expect(r.user).toMatchObject({ id: u.id, role: 'staff' });
    expect(await tokens.verify(r.token)).toEqual({ userId: u.id, version: u.tokenVersion });
  });

  it('answers the same bad_credentials for a wrong password and an unknown username', async () => {
    users.add(userFactory({ role: 'staff', username: 'wang', passwordHash: await hashPassword('right-password') }));
    await expect(service().loginWithPassword('wang', 'wrong-password')).rejects.toMatchObject({ code: 'bad_credentials', status: 401 });
    await expect(service().loginWithPassword('nobody', 'wrong-password')).rejects.toMatchObject({ code: 'bad_credentials', status: 401 });
  });

  it('refuses a disabled account even with the right password', async () => {
    users.add(userFactory({ role: 'staff', username: 'gone', passwordHash: await hashPassword('right-password'), disabledAt: new Date() }));
    await expect(service().loginWithPassword('gone', 'right-password')).rejects.toMatchObject({ code: 'account_disabled', status: 403 });
  });

  it('takes the openid only from WeChat, creating the worker once', async () => {
    const first = await service().loginWithWechat('code-1');
    const again = await service().loginWithWechat('code-1');
    expect(again.user.id).toBe(first.user.id);
    expect(users.users.get(first.user.id)!.openid).toBe('openid-of-code-1');
  });

  it('refuses demo login when it is turned off, and an unseeded demo account', async () => {
    await expect(service(false).loginAsDemo('rider')).rejects.toMatchObject({ code: 'dev_login_disabled', status: 403 });
    await expect(service(true).loginAsDemo('rider')).rejects.toMatchObject({ code: 'unknown_demo_account', status: 404 });
  });
});
