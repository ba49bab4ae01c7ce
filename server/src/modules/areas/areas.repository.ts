import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CLUSTER_BUS, type ClusterBus, InProcessClusterBus } from '../../common/redis/cluster-bus';
import { listenForInvalidations } from '../../common/redis/shared-invalidation';
import { TtlCache } from '../../common/ttl-cache';
import type { AreaLevel, Ring } from '@xjy/shared';
import { ringCentroid } from '@xjy/shared';
import { DataSource, IsNull, Like } from 'typeorm';
import { TransactionRunner } from '../../database/transaction.runner';
import { Area } from './area.entity';

@Injectable()
export class AreasRepository {
  /**
   * Area paths by id. Every scope check of an area and every list narrowed to one reads a path, and a path never
   * changes (areas are renamed or redrawn, never moved); a deletion drops it on every instance.
   */
  private readonly paths = new TtlCache<number, string>({ ttlMs: 60_000, maxEntries: 10_000 });

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tx: TransactionRunner,
    // Optional so unit specs can build it alone; the app always has the bus (CommonModule).
    @Optional() @Inject(CLUSTER_BUS) bus: ClusterBus = new InProcessClusterBus(),
  ) {
    listenForInvalidations(bus, 'areas', this.paths);
  }

  private get areas() {
    return this.ds.getRepository(Area);
  }

  findById(id: number): Promise<Area | null> {
    return this.areas.findOneBy({ id });
  }

  findByIds(ids: number[]): Promise<Area[]> {
    return ids.length ? this.areas.createQueryBuilder('a').where('a.id IN (:...ids)', { ids }).getMany() : Promise.resolve([]);
  }

  async findPathById(id: number): Promise<string | null> {
    const hit = this.paths.get(id);
    if (hit !== undefined) return hit;
    const row = await this.areas.findOne({ where: { id }, select: { id: true, path: true } });
    if (row) this.paths.set(id, row.path);
    return row?.path ?? null;
  }

  findByCode(code: string): Promise<Area | null> {
    return this.areas.findOneBy({ code });
  }

  findChildren(parentId: number | null): Promise<Area[]> {
    return this.areas.find({ where: { parentId: parentId === null ? IsNull() : parentId }, order: { code: 'ASC' } });
  }

  /** Child counts for many parents in one query. */
  async countChildren(parentIds: number[]): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    if (!parentIds.length) return out;
    const rows = await this.areas
      .createQueryBuilder('a')
      .select('a.parentId', 'parentId')
      .addSelect('COUNT(*)', 'n')
      .where('a.parentId IN (:...ids)', { ids: parentIds })
      .groupBy('a.parentId')
      .getRawMany<{ parentId: number; n: string | number }>();
    for (const r of rows) out.set(Number(r.parentId), Number(r.n));
    return out;
  }

  /** The ancestors named in a materialized path, root first. */
  async findAncestors(path: string): Promise<Area[]> {
    const ids = path.split('/').filter(Boolean).map(Number).slice(0, -1);
    const found = await this.findByIds(ids);
    return ids.map((id) => found.find((a) => a.id === id)).filter((a): a is Area => Boolean(a));
  }

  /** Every area in the subtree under a path (the root included), optionally of one level. */
  findInSubtree(path: string, level?: AreaLevel): Promise<Area[]> {
    return this.areas.find({ where: { path: Like(`${path}%`), ...(level ? { level } : {}) }, order: { path: 'ASC' } });
  }

  /** Inserts an area and sets its path from the parent's in one transaction. */
  create(fields: { parentId: number | null; parentPath: string; level: AreaLevel; name: string; code: string; boundary: Ring | null }): Promise<Area> {
    return this.tx.run(async (m) => {
      const repo = m.getRepository(Area);
      const center = fields.boundary ? ringCentroid(fields.boundary) : null;
      const area = await repo.save(
        repo.create({
          parentId: fields.parentId,
          level: fields.level,
          name: fields.name,
          code: fields.code,
          boundary: fields.boundary,
          centerLat: center?.lat ?? null,
          centerLng: center?.lng ?? null,
          path: '',
        }),
      );
      area.path = `${fields.parentPath}${area.id}/`;
      await repo.update({ id: area.id }, { path: area.path });
      return area;
    });
  }

  async update(id: number, fields: { name?: string; boundary?: Ring | null }): Promise<void> {
    const patch: Partial<Area> = {};
    if (fields.name !== undefined) patch.name = fields.name;
    if (fields.boundary !== undefined) {
      patch.boundary = fields.boundary;
      const center = fields.boundary ? ringCentroid(fields.boundary) : null;
      patch.centerLat = center?.lat ?? null;
      patch.centerLng = center?.lng ?? null;
    }
    if (Object.keys(patch).length) await this.tx.run((m) => m.getRepository(Area).update({ id }, patch));
  }

  async delete(id: number): Promise<void> {
    await this.tx.run((m) => m.getRepository(Area).delete({ id }));
  }
}
