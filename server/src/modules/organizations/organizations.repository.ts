import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MembershipRole, MembershipStatus } from '@xjy/shared';
import { DataSource, EntityManager, In } from 'typeorm';
import { isUniqueViolation } from '../../common/db-errors';
import { TransactionRunner } from '../../database/transaction.runner';
import { Area } from '../areas/area.entity';
import { Membership } from './membership.entity';
import { Organization } from './organization.entity';

export type OrganizationWithArea = Organization & { area: Area };
export type MembershipWithOrg = Membership & { organization: OrganizationWithArea };

const ACTIVE: MembershipStatus[] = ['pending', 'verified'];
export const activeKeyFor = (userId: number, role: MembershipRole) => `${userId}:${role}`;

@Injectable()
export class OrganizationsRepository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  findById(id: number): Promise<OrganizationWithArea | null> {
    return this.ds.getRepository(Organization).findOne({ where: { id }, relations: { area: true } }) as Promise<OrganizationWithArea | null>;
  }

  /** The organization of an area, created; null when the area already has one (one per area, unique key). */
  async create(areaId: number, name: string): Promise<OrganizationWithArea | null> {
    try {
      const saved = await this.ds.getRepository(Organization).save({ areaId, name });
      return this.findById(saved.id);
    } catch (e) {
      if (isUniqueViolation(e)) return null;
      throw e;
    }
  }

  async findAreaPath(organizationId: number): Promise<string | null> {
    return (await this.findById(organizationId))?.area.path ?? null;
  }

  /** Organizations whose area lies in the subtree under `path` (all when null), by area code. */
  findInSubtree(path: string | null, limit: number): Promise<OrganizationWithArea[]> {
    const q = this.ds.getRepository(Organization).createQueryBuilder('o').innerJoinAndSelect('o.area', 'a').orderBy('a.code', 'ASC').take(limit);
    if (path) q.where('a.path LIKE :p', { p: `${path}%` });
    return q.getMany() as Promise<OrganizationWithArea[]>;
  }

  async countVerifiedMembers(organizationIds: number[]): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    if (!organizationIds.length) return out;
    const rows = await this.ds
      .getRepository(Membership)
      .createQueryBuilder('m')
      .select('m.organizationId', 'organizationId')
      .addSelect('COUNT(*)', 'n')
      .where({ organizationId: In(organizationIds), status: 'verified' })
      .groupBy('m.organizationId')
      .getRawMany<{ organizationId: number; n: string | number }>();
    for (const r of rows) out.set(Number(r.organizationId), Number(r.n));
    return out;
  }

  /** Organizations where the user is a verified member (either role): one indexed lookup for the check-in path. */
  async findVerifiedOrganizationIds(userId: number): Promise<number[]> {
    const rows = await this.ds
      .getRepository(Membership)
      .createQueryBuilder('m')
      .select('m.organizationId', 'organizationId')
      .where('m.userId = :userId AND m.status = :st', { userId, st: 'verified' })
      .getRawMany<{ organizationId: number }>();
    return rows.map((r) => Number(r.organizationId));
  }

  findMembership(id: number): Promise<MembershipWithOrg | null> {
    return this.ds.getRepository(Membership).findOne({ where: { id }, relations: { organization: { area: true }, user: true } }) as Promise<MembershipWithOrg | null>;
  }

  findActiveMemberships(userId: number, m: EntityManager = this.ds.manager): Promise<MembershipWithOrg[]> {
    return m.getRepository(Membership).find({ where: { userId, status: In(ACTIVE) }, relations: { organization: { area: true } }, order: { role: 'ASC' } }) as Promise<MembershipWithOrg[]>;
  }

  findMembershipsOfUser(userId: number): Promise<MembershipWithOrg[]> {
    return this.ds.getRepository(Membership).find({ where: { userId }, relations: { organization: { area: true }, user: true }, order: { createdAt: 'DESC', id: 'DESC' }, take: 50 }) as Promise<
      MembershipWithOrg[]
    >;
  }

  /** Memberships for staff review: in the given organizations (or in the subtrees), optionally of one status. */
  findMembershipsForReview(filter: { organizationId?: number; scopePaths: string[] | null; status?: MembershipStatus; limit: number }): Promise<MembershipWithOrg[]> {
    const q = this.ds
      .getRepository(Membership)
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.organization', 'o')
      .innerJoinAndSelect('o.area', 'a')
      .innerJoinAndSelect('m.user', 'u')
      .orderBy('m.createdAt', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .take(filter.limit);
    if (filter.organizationId) q.andWhere('m.organizationId = :oid', { oid: filter.organizationId });
    if (filter.status) q.andWhere('m.status = :st', { st: filter.status });
    if (filter.scopePaths) {
      if (!filter.scopePaths.length) q.andWhere('1 = 0');
      else q.andWhere(`(${filter.scopePaths.map((_, i) => `a.path LIKE :sp${i}`).join(' OR ')})`, Object.fromEntries(filter.scopePaths.map((p, i) => [`sp${i}`, `${p}%`])));
    }
    return q.getMany() as Promise<MembershipWithOrg[]>;
  }

  /**
   * Requests a membership; an active one for the same role in another organization is ended first (a move).
   * Returns the existing one unchanged when the same organization is asked for again.
   */
  async requestMembership(userId: number, organizationId: number, role: MembershipRole): Promise<{ membership: Membership; created: boolean }> {
    try {
      return await this.tx.run(async (m) => {
        const repo = m.getRepository(Membership);
        const current = await repo.findOne({ where: { userId, role, status: In(ACTIVE) } });
        if (current && current.organizationId === organizationId) return { membership: current, created: false };
        if (current) await repo.update({ id: current.id }, { status: 'ended', activeKey: null, endedAt: new Date() });
        const created = await repo.save(repo.create({ userId, organizationId, role, status: 'pending', activeKey: activeKeyFor(userId, role) }));
        return { membership: created, created: true };
      });
    } catch (e) {
      // Two requests raced: the other one won; answer with what it created.
      if (!isUniqueViolation(e)) throw e;
      const winner = await this.ds.getRepository(Membership).findOneOrFail({ where: { activeKey: activeKeyFor(userId, role) } });
      return { membership: winner, created: false };
    }
  }

  /** Moves a pending membership to verified/declined; false when it was no longer pending. */
  decide(id: number, decision: 'verified' | 'declined', actorId: number, note: string | null): Promise<boolean> {
    return this.tx.run(async (m) => {
      const patch: Partial<Membership> =
        decision === 'verified' ? { status: 'verified', decidedBy: actorId, verifiedAt: new Date(), note } : { status: 'declined', decidedBy: actorId, activeKey: null, note };
      const r = await m.getRepository(Membership).createQueryBuilder().update().set(patch).where('id = :id AND status = :st', { id, st: 'pending' }).execute();
      return (r.affected ?? 0) > 0;
    });
  }

  /** Ends an active membership (the member leaves); false when it was not active. */
  end(id: number): Promise<boolean> {
    return this.tx.run(async (m) => {
      const r = await m
        .getRepository(Membership)
        .createQueryBuilder()
        .update()
        .set({ status: 'ended', activeKey: null, endedAt: new Date() })
        .where('id = :id AND status IN (:...st)', { id, st: ACTIVE })
        .execute();
      return (r.affected ?? 0) > 0;
    });
  }

  /** Verified members of these organizations during a period (joined before its end, not ended before its start). */
  findVerifiedMembers(organizationIds: number[], from: Date, to: Date): Promise<MembershipWithOrg[]> {
    if (!organizationIds.length) return Promise.resolve([]);
    return this.ds
      .getRepository(Membership)
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.user', 'u')
      .innerJoinAndSelect('m.organization', 'o')
      .innerJoinAndSelect('o.area', 'a')
      .where('m.organizationId IN (:...ids)', { ids: organizationIds })
      .andWhere('m.verifiedAt IS NOT NULL AND m.verifiedAt < :to', { to })
      .andWhere('(m.endedAt IS NULL OR m.endedAt >= :from)', { from })
      .andWhere("m.status IN ('verified', 'ended')")
      .orderBy('u.id', 'ASC')
      .getMany() as Promise<MembershipWithOrg[]>;
  }

  /** Verified memberships (any role) of the members in these areas' subtrees, for the register. */
  findMembershipsInSubtrees(paths: string[] | null): Promise<MembershipWithOrg[]> {
    const q = this.ds
      .getRepository(Membership)
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.user', 'u')
      .innerJoinAndSelect('m.organization', 'o')
      .innerJoinAndSelect('o.area', 'a')
      .where('m.status IN (:...st)', { st: ACTIVE })
      .orderBy('a.code', 'ASC')
      .addOrderBy('u.id', 'ASC');
    if (paths) {
      if (!paths.length) q.andWhere('1 = 0');
      else q.andWhere(`(${paths.map((_, i) => `a.path LIKE :rp${i}`).join(' OR ')})`, Object.fromEntries(paths.map((p, i) => [`rp${i}`, `${p}%`])));
    }
    return q.getMany() as Promise<MembershipWithOrg[]>;
  }
}
