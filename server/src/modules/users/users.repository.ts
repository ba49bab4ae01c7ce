import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role, Trade } from '@xjy/shared';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { isUniqueViolation } from '../../common/db-errors';
import { TransactionRunner } from '../../database/transaction.runner';
import { Area } from '../areas/area.entity';
import { Department } from '../reports/departments/department.entity';
import { StaffScope } from './staff-scope.entity';
import { User } from './user.entity';

@Injectable()
export class UsersRepository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  private get users() {
    return this.ds.getRepository(User);
  }

  findById(id: number): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  findByIds(ids: number[]): Promise<User[]> {
    return ids.length ? this.users.findBy({ id: In([...new Set(ids)]) }) : Promise.resolve([]);
  }

  findByUsername(username: string): Promise<User | null> {
    return this.users.findOneBy({ username });
  }

  findByDemoAccount(account: string): Promise<User | null> {
    return this.users.findOneBy({ demoAccount: account });
  }

  /** Finds the worker with this openid or creates one; two first logins racing end with one user. */
  async upsertWorkerByOpenid(openid: string, unionid: string | null): Promise<User> {
    const existing = await this.users.findOneBy({ openid });
    if (existing) {
      if (unionid && existing.unionid !== unionid) await this.tx.run((m) => m.getRepository(User).update({ id: existing.id }, { unionid }));
      return existing;
    }
    try {
      return await this.tx.run((m) => m.getRepository(User).save(m.getRepository(User).create({ role: 'worker', openid, unionid, nickname: `微信用户${openid.slice(-4)}` })));
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      const winner = await this.users.findOneBy({ openid });
      if (!winner) throw e;
      return winner;
    }
  }

  createAccount(fields: {
    role: Role;
    username?: string | null;
    passwordHash?: string | null;
    nickname: string;
    trade?: Trade | null;
    demoAccount?: string | null;
    phone?: string | null;
    departmentId?: number | null;
  }): Promise<User> {
    return this.tx.run((m) => m.getRepository(User).save(m.getRepository(User).create(fields)));
  }

  async updateProfile(id: number, fields: Partial<Pick<User, 'nickname' | 'trade' | 'phone' | 'employer'>>): Promise<void> {
    if (Object.keys(fields).length) await this.tx.run((m) => m.getRepository(User).update({ id }, fields));
  }

  /** Disabling or enabling also bumps the token version, so no token from before either change works again. */
  async setDisabled(id: number, disabled: boolean): Promise<void> {
    await this.tx.run((m) => m.getRepository(User).update({ id }, { disabledAt: disabled ? new Date() : null, tokenVersion: () => 'tokenVersion + 1' }));
  }

  /** Ends every session of the account (logout, or any change to what its tokens may do). */
  async bumpTokenVersion(id: number, m?: EntityManager): Promise<void> {
    const run = (em: EntityManager) => em.getRepository(User).update({ id }, { tokenVersion: () => 'tokenVersion + 1' });
    if (m) await run(m);
    else await this.tx.run(run);
  }

  /** The scope roots of a staff account, with their paths. */
  findScopeAreas(userId: number): Promise<Area[]> {
    return this.ds
      .getRepository(Area)
      .createQueryBuilder('a')
      .innerJoin(StaffScope, 's', 's.areaId = a.id')
      .where('s.userId = :userId', { userId })
      .orderBy('a.path', 'ASC')
      .getMany();
  }

  async findScopeAreasFor(userIds: number[]): Promise<Map<number, Area[]>> {
    const out = new Map<number, Area[]>(userIds.map((id) => [id, []]));
    if (!userIds.length) return out;
    const rows = await this.ds.getRepository(StaffScope).find({ where: { userId: In(userIds) }, relations: { area: true }, order: { areaId: 'ASC' } });
    for (const row of rows) if (row.area) out.get(row.userId)?.push(row.area);
    return out;
  }

  /** Replaces a staff account's scope roots in one transaction; its existing sessions end with the old scope. */
  async replaceScopes(userId: number, areaIds: number[]): Promise<void> {
    await this.tx.run(async (m) => {
      await m.delete(StaffScope, { userId });
      if (areaIds.length) await m.insert(StaffScope, areaIds.map((areaId) => ({ userId, areaId })));
      await this.bumpTokenVersion(userId, m);
    });
  }

  listStaffAccounts(): Promise<User[]> {
    return this.users.find({ where: { role: In(['staff', 'admin', 'department']) }, order: { id: 'ASC' } });
  }

  /** A department a handler account may belong to: it exists and is not archived. */
  async activeDepartmentExists(id: number): Promise<boolean> {
    return this.ds.getRepository(Department).exists({ where: { id, archivedAt: IsNull() } });
  }

  countAll(): Promise<number> {
    return this.users.count();
  }
}
