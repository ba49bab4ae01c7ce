import { Inject, Injectable } from '@nestjs/common';
import type { DemoAccount, LoginResponse } from '@xjy/shared';
import { AppException } from '../../common/app.exception';
import { APP_CONFIG, AppConfig } from '../../config/app.config';
import { mapUser } from '../users/user.mapper';
import type { User } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { WechatClient } from '../wechat/wechat.client';
import { dummyPasswordHash, verifyPassword } from './password';
import { TokenService } from './token.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly tokens: TokenService,
    private readonly wechat: WechatClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The openid comes only from WeChat's answer to our own jscode2session call, never from the client. */
  async loginWithWechat(code: string): Promise<LoginResponse> {
    const session = await this.wechat.code2Session(code);
    const user = await this.users.upsertWorkerByOpenid(session.openid, session.unionid);
    return this.respond(user);
  }

  async loginWithPassword(username: string, password: string): Promise<LoginResponse> {
    const user = await this.users.findByUsername(username);
    // Same work whether or not the account exists, so timing does not tell which usernames are real.
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !ok) throw new AppException('bad_credentials');
    return this.respond(user);
  }

  async loginAsDemo(account: DemoAccount): Promise<LoginResponse> {
    if (!this.config.devLogin) throw new AppException('dev_login_disabled');
    const user = await this.users.findByDemoAccount(account);
    if (!user) throw new AppException('unknown_demo_account', { account });
    return this.respond(user);
  }

  private async respond(user: User): Promise<LoginResponse> {
    if (user.disabledAt) throw new AppException('account_disabled');
    const scopes = user.role === 'staff' ? await this.users.findScopeAreas(user.id) : [];
    return { ...this.tokens.issue(user.id, user.role), user: mapUser(user, scopes) };
  }
}
