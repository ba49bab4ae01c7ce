import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan } from 'typeorm';
import { Area } from '../areas/area.entity';
import { Report } from '../reports/report.entity';
import { User } from '../users/user.entity';
import { PointsEntry } from './points-entry.entity';

@Injectable()
export class PointsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async findBalance(userId: number): Promise<number> {
    const u = await this.ds.getRepository(User).findOne({ where: { id: userId }, select: { id: true, pointsBalance: true } });
    return u?.pointsBalance ?? 0;
  }

  async findAreaPath(areaId: number): Promise<string | null> {
    const area = await this.ds.getRepository(Area).findOne({ where: { id: areaId }, select: { id: true, path: true } });
    return area?.path ?? null;
  }

  findEntries(userId: number, beforeId: number | null, limit: number): Promise<PointsEntry[]> {
    return this.ds.getRepository(PointsEntry).find({ where: { userId, ...(beforeId ? { id: LessThan(beforeId) } : {}) }, order: { id: 'DESC' }, take: limit });
  }

  /**
   * Points per user since a time (all time when null), highest first; with an area, only points earned by
   * reports located in that area's subtree.
   */
  async totalsByUser(since: Date | null, areaPath: string | null): Promise<Array<{ userId: number; nickname: string; points: number }>> {
    const qb = this.ds
      .getRepository(PointsEntry)
      .createQueryBuilder('p')
      .innerJoin(User, 'u', 'u.id = p.userId')
      .select('p.userId', 'userId')
      .addSelect('u.nickname', 'nickname')
      .addSelect('SUM(p.delta)', 'points')
      .groupBy('p.userId')
      .addGroupBy('u.nickname')
      .having('SUM(p.delta) > 0');
    if (since) qb.andWhere('p.createdAt >= :since', { since });
    if (areaPath) {
      qb.innerJoin(Report, 'r', "p.sourceType = 'report' AND r.id = p.sourceId").andWhere('r.areaPath LIKE :ap', { ap: `${areaPath}%` });
    }
    const rows = await qb.getRawMany<{ userId: number | string; nickname: string; points: number | string }>();
    return rows
      .map((r) => ({ userId: Number(r.userId), nickname: r.nickname, points: Number(r.points) }))
      .sort((a, b) => b.points - a.points || a.userId - b.userId);
  }
}
