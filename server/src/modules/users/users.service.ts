import { Injectable } from '@nestjs/common';
import type { UserResponse } from '@xjy/shared';
import { AppException } from '../../common/app.exception';
import type { AuthContext } from '../../common/auth/auth-context';
import { AuthUserCache } from './auth-user.cache';
import type { UpdateMeDto } from './dto/update-me.dto';
import { mapUser } from './user.mapper';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly cache: AuthUserCache,
  ) {}

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
