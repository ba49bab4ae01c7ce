import { Injectable } from '@nestjs/common';
import type { ListResponse, StaffResponse } from '@xjy/shared';
import { AppException, fieldError } from '../../common/app.exception';
import { isUniqueViolation } from '../../common/db-errors';
import { AreasRepository } from '../areas/areas.repository';
import { hashPassword } from '../auth/password';
import type { AuthContext } from '../../common/auth/auth-context';
import { UsersService } from '../users/users.service';
import { mapUser } from '../users/user.mapper';
import type { User } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import type { CreateStaffDto } from './dto/staff.dto';

@Injectable()
export class StaffService {
  constructor(
    private readonly users: UsersRepository,
    private readonly areas: AreasRepository,
    private readonly accounts: UsersService,
  ) {}

  async list(): Promise<ListResponse<StaffResponse>> {
    const accounts = await this.users.listStaffAccounts();
    const scopes = await this.users.findScopeAreasFor(accounts.map((u) => u.id));
    return { items: accounts.map((u) => this.map(u, scopes.get(u.id) ?? [])) };
  }

  async create(dto: CreateStaffDto): Promise<StaffResponse> {
    // A department handler has no area scope: it works the cases dispatched to its department.
    const scopeIds = dto.role === 'staff' ? await this.checkScopeAreas(dto.scopeAreaIds) : [];
    const departmentId = dto.role === 'department' ? await this.checkDepartment(dto.departmentId) : null;
    if (await this.users.findByUsername(dto.username)) throw new AppException('username_taken', { username: dto.username });
    let user: User;
    try {
      user = await this.users.createAccount({ role: dto.role, username: dto.username, passwordHash: await hashPassword(dto.password), nickname: dto.nickname, departmentId });
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
    // The repository bumps the token version with the new scope: sessions issued under the old one end.
    await this.users.replaceScopes(userId, user.role === 'staff' ? await this.checkScopeAreas(areaIds) : []);
    await this.accounts.announceRevocation(userId);
    return this.get(userId);
  }

  async setDisabled(actor: AuthContext, userId: number, disabled: boolean): Promise<StaffResponse> {
    const user = await this.users.findById(userId);
    if (!user || user.role === 'worker') throw new AppException('user_not_found');
    await this.accounts.setDisabled(actor, userId, disabled);
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

  private async checkDepartment(id: number | undefined): Promise<number> {
    if (id === undefined) throw fieldError('validation_failed', 'departmentId', '处置部门账号须选择所属部门');
    if (!(await this.users.activeDepartmentExists(id))) throw new AppException('department_not_found');
    return id;
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
