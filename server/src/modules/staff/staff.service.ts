import { Injectable } from '@nestjs/common';
import type { ListResponse, StaffResponse } from '@xjy/shared';
import { AppException } from '../../common/app.exception';
import { isUniqueViolation } from '../../common/db-errors';
import { AreasRepository } from '../areas/areas.repository';
import { hashPassword } from '../auth/password';
import { AuthUserCache } from '../users/auth-user.cache';
import { mapUser } from '../users/user.mapper';
import type { User } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import type { CreateStaffDto } from './dto/staff.dto';

@Injectable()
export class StaffService {
  constructor(
    private readonly users: UsersRepository,
    private readonly areas: AreasRepository,
    private readonly cache: AuthUserCache,
  ) {}

  async list(): Promise<ListResponse<StaffResponse>> {
    const accounts = await this.users.listStaffAccounts();
    const scopes = await this.users.findScopeAreasFor(accounts.map((u) => u.id));
    return { items: accounts.map((u) => this.map(u, scopes.get(u.id) ?? [])) };
  }

  async create(dto: CreateStaffDto): Promise<StaffResponse> {
    const scopeIds = dto.role === 'admin' ? [] : await this.checkScopeAreas(dto.scopeAreaIds);
    if (await this.users.findByUsername(dto.username)) throw new AppException('username_taken', { username: dto.username });
    let user: User;
    try {
      user = await this.users.createAccount({ role: dto.role, username: dto.username, passwordHash: await hashPassword(dto.password), nickname: dto.nickname });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppException('username_taken', { username: dto.username });
      throw e;
    }
    await this.users.replaceScopes(user.id, scopeIds);
    return this.get(user.id);
  }

  async replaceScopes(userId: number, areaIds: number[]): Promise<StaffResponse> {
    const user = await this.users.findById(userId);
    if (!user || user.role === 'worker') throw new AppException('user_not_found');
    await this.users.replaceScopes(userId, user.role === 'admin' ? [] : await this.checkScopeAreas(areaIds));
    this.cache.invalidate(userId);
    return this.get(userId);
  }

  async setDisabled(userId: number, disabled: boolean): Promise<StaffResponse> {
    const user = await this.users.findById(userId);
    if (!user || user.role === 'worker') throw new AppException('user_not_found');
    await this.users.setDisabled(userId, disabled);
    this.cache.invalidate(userId);
    return this.get(userId);
  }

  private async get(userId: number): Promise<StaffResponse> {
    const user = await this.users.findById(userId);
    if (!user) throw new AppException('user_not_found');
    return this.map(user, await this.users.findScopeAreas(userId));
  }

  private map(user: User, scopes: Parameters<typeof mapUser>[1]): StaffResponse {
    return { ...mapUser(user, scopes), disabled: user.disabledAt !== null };
  }

  private async checkScopeAreas(ids: number[]): Promise<number[]> {
    const unique = [...new Set(ids)];
    const found = await this.areas.findByIds(unique);
    const missing = unique.filter((id) => !found.some((a) => a.id === id));
    if (missing.length) {
      throw new AppException('area_not_found', { areaIds: missing, fields: [{ field: 'scopeAreaIds', message: `负责区域中有不存在的区域（${missing.join('、')}）` }] });
    }
    return unique;
  }
}
