import type { Role } from '@xjy/shared';
import type { Area } from '../../src/modules/areas/area.entity';
import type { AreasRepository } from '../../src/modules/areas/areas.repository';
import type { AuthUserCache } from '../../src/modules/users/auth-user.cache';
import type { User } from '../../src/modules/users/user.entity';
import type { UsersRepository } from '../../src/modules/users/users.repository';
import { areaFactory } from '../factories/area.factory';
import { userFactory } from '../factories/user.factory';
import { duplicateKey } from './activities.fakes';

/** The area tree in memory: paths, children and codes as the repository keeps them. */
export class FakeAreasRepository {
  readonly areas = new Map<number, Area>();
  add(...areas: Area[]): void {
    for (const a of areas) this.areas.set(a.id, a);
  }
  async findById(id: number) {
    return this.areas.get(id) ?? null;
  }
  async findByIds(ids: number[]) {
    return ids.map((id) => this.areas.get(id)).filter((a): a is Area => Boolean(a));
  }
  async findPathById(id: number) {
    return this.areas.get(id)?.path ?? null;
  }
  async findByCode(code: string) {
    return [...this.areas.values()].find((a) => a.code === code) ?? null;
  }
  async findChildren(parentId: number | null) {
    return [...this.areas.values()].filter((a) => a.parentId === parentId);
  }
  async countChildren(ids: number[]) {
    return new Map(ids.map((id) => [id, [...this.areas.values()].filter((a) => a.parentId === id).length]));
  }
  async findAncestors(path: string) {
    return [...this.areas.values()].filter((a) => path.startsWith(a.path) && a.path !== path);
  }
  async create(f: { parentId: number | null; parentPath: string; level: Area['level']; name: string; code: string; boundary: Area['boundary'] }) {
    if (await this.findByCode(f.code)) throw duplicateKey();
    const parent = f.parentId ? this.areas.get(f.parentId) : undefined;
    const a = areaFactory({ level: f.level, name: f.name, code: f.code, boundary: f.boundary }, parent);
    this.add(a);
    return a;
  }
  async update(id: number, f: { name?: string }) {
    Object.assign(this.areas.get(id)!, f);
  }
  async delete(id: number) {
    this.areas.delete(id);
  }
  asRepository(): AreasRepository {
    return this as unknown as AreasRepository;
  }
}

/** Accounts and staff scopes in memory. */
export class FakeAccountsRepository {
  readonly users = new Map<number, User>();
  readonly scopes = new Map<number, number[]>();
  constructor(private readonly areas = new FakeAreasRepository()) {}
  add(...users: User[]): void {
    for (const u of users) this.users.set(u.id, u);
  }
  async findById(id: number) {
    return this.users.get(id) ?? null;
  }
  async findByUsername(username: string) {
    return [...this.users.values()].find((u) => u.username === username) ?? null;
  }
  async findByDemoAccount(account: string) {
    return [...this.users.values()].find((u) => u.demoAccount === account) ?? null;
  }
  async upsertWorkerByOpenid(openid: string, unionid: string | null) {
    const found = [...this.users.values()].find((u) => u.openid === openid);
    if (found) return found;
    const u = userFactory({ openid, unionid });
    this.add(u);
    return u;
  }
  async createAccount(f: { role: Role; username?: string | null; passwordHash?: string | null; nickname: string; departmentId?: number | null }) {
    if (f.username && (await this.findByUsername(f.username))) throw duplicateKey();
    const u = userFactory({ role: f.role, username: f.username ?? null, passwordHash: f.passwordHash ?? null, nickname: f.nickname, departmentId: f.departmentId ?? null });
    this.add(u);
    return u;
  }
  async updateProfile(id: number, f: Partial<User>) {
    Object.assign(this.users.get(id)!, f);
  }
  async setDisabled(id: number, disabled: boolean) {
    const u = this.users.get(id)!;
    u.disabledAt = disabled ? new Date() : null;
    u.tokenVersion += 1;
  }
  async bumpTokenVersion(id: number) {
    this.users.get(id)!.tokenVersion += 1;
  }
  async findScopeAreas(userId: number) {
    return this.areas.findByIds(this.scopes.get(userId) ?? []);
  }
  async findScopeAreasFor(userIds: number[]) {
    return new Map(await Promise.all(userIds.map(async (id) => [id, await this.findScopeAreas(id)] as const)));
  }
  async replaceScopes(userId: number, areaIds: number[]) {
    this.scopes.set(userId, areaIds);
    const u = this.users.get(userId);
    if (u) u.tokenVersion += 1;
  }
  /** Departments that exist and are active, by id. */
  readonly departments = new Set<number>();
  async activeDepartmentExists(id: number) {
    return this.departments.has(id);
  }
  async listStaffAccounts() {
    return [...this.users.values()].filter((u) => u.role !== 'worker');
  }
  asRepository(): UsersRepository {
    return this as unknown as UsersRepository;
  }
}

/** Records which cache entries were dropped. */
export class FakeAuthUserCache {
  readonly invalidated: Array<number | undefined> = [];
  invalidate(userId?: number): void {
    this.invalidated.push(userId);
  }
  asCache(): AuthUserCache {
    return this as unknown as AuthUserCache;
  }
}

/** Records which users' revocations were announced; listeners run as the in-process bus would run them. */
export class FakeTokenRevocation {
  readonly published: number[] = [];
  private readonly listeners: Array<(userId: number) => void> = [];
  async publish(userId: number): Promise<void> {
    this.published.push(userId);
    for (const l of this.listeners) l(userId);
  }
  subscribe(listener: (userId: number) => void): void {
    this.listeners.push(listener);
  }
}
