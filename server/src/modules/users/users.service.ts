import { Inject, Injectable } from '@nestjs/common';
import type { StaffResponse, UserResponse } from '@xjy/shared';
import { AppException } from '../../common/app.exception';
import type { AuthContext } from '../../common/auth/auth-context';
import { TOKEN_REVOCATION, TokenRevocation } from '../../common/auth/token-revocation';
import { AuthUserCache } from './auth-user.cache';
import type { UpdateMeDto } from './dto/update-me.dto';
import { mapUser } from './user.mapper';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly cache: AuthUserCache,
    @Inject(TOKEN_REVOCATION) private readonly revocation: TokenRevocation,
  ) {}

  /** Ends every session of the account on every instance: the token version moves on, caches are told. */
  async revokeSessions(userId: number): Promise<void> {
    await this.users.bumpTokenVersion(userId);
    await this.announceRevocation(userId);
  }

  /** Tells every instance the account's token version moved (after a change that bumped it in the database). */
  announceRevocation(userId: number): Promise<void> {
    return this.revocation.publish(userId);
  }

  /**
   * Disables or enables any account, a worker's too. Either change ends the account's sessions, so a token from
   * before a disable never works again after an enable. Nobody disables their own account (no lock-out by slip).
   */
  async setDisabled(actor: AuthContext, userId: number, disabled: boolean): Promise<StaffResponse> {
    const user = await this.users.findById(userId);
    if (!user) throw new AppException('user_not_found');
    if (disabled && userId === actor.userId) throw new AppException('cannot_disable_self');
    await this.users.setDisabled(userId, disabled);
    await this.revocation.publish(userId);
    return this.account(userId);
  }

  /** An account as administrators see it (with its disabled flag). */
  async account(userId: number): Promise<StaffResponse> {
    const user = await this.users.findById(userId);
    if (!user) throw new AppException('user_not_found');
    const scopes = user.role === 'staff' ? await this.users.findScopeAreas(user.id) : [];
    return { ...mapUser(user, scopes), disabled: user.disabledAt !== null };
  }

  async me(auth: AuthContext): Promise<UserResponse> {
    const user = await this.users.findById(auth.userId);
    if (!user) throw new AppException('user_not_found');
    const scopes = user.role === 'staff' ? await this.users.findScopeAreas(user.id) : [];
    return mapUser(user, scopes);
  }

  async updateMe(auth: AuthContext, dto: UpdateMeDto): Promise<UserResponse> {
    await this.users.updateProfile(auth.userId, {
      ...(dto.nickname !== undefined ? { nickname: dto.nickname.trim() } : {}),
      ...(dto.trade !== undefined ? { trade: dto.trade } : {}),
      ...(dto.phone !== undefined ? { phone: dto.phone } : {}),
      ...(dto.employer !== undefined ? { employer: dto.employer?.trim() || null } : {}),
    });
    this.cache.invalidate(auth.userId);
    return this.me(auth);
  }
}
