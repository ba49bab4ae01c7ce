import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { bboxAround, haversineM, LatLng, pointInRing } from '@xjy/shared';
import { Between, DataSource, In } from 'typeorm';
import { TtlCache } from '../../common/ttl-cache';
import { Area } from '../areas/area.entity';

/** How far from a community's centre a report may still be routed to it when no grid contains the point. */
const NEAREST_COMMUNITY_MAX_M = 30_000;
/** Grid centres are searched this far around the point before the boundary test. */
const GRID_SEARCH_M = 10_000;

/** Finds the area a report belongs to: the grid whose boundary contains the point, else the nearest community. */
@Injectable()
export class ReportRoutingRepository {
  private readonly names = new TtlCache<number, string>({ ttlMs: 60_000, maxEntries: 10_000 });

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async route(p: LatLng): Promise<Area | null> {
    const near = (radius: number) => {
      const b = bboxAround(p, radius);
      return { centerLat: Between(b.minLat, b.maxLat), centerLng: Between(b.minLng, b.maxLng) };
    };
    const grids = await this.ds.getRepository(Area).find({ where: { level: 'grid', ...near(GRID_SEARCH_M) } });
    const inside = grids.filter((g) => g.boundary && pointInRing(p, g.boundary));
    if (inside.length) return inside.sort((a, b) => distance(p, a) - distance(p, b))[0];
    const communities = await this.ds.getRepository(Area).find({ where: { level: 'community', ...near(NEAREST_COMMUNITY_MAX_M) } });
    const nearest = communities.filter((c) => distance(p, c) <= NEAREST_COMMUNITY_MAX_M).sort((a, b) => distance(p, a) - distance(p, b))[0];
    return nearest ?? null;
  }

  /**
   * Names only (lists need the area's name, not its boundary, which can be kilobytes of JSON per row), remembered
   * for a minute: every report list and detail names its area, and areas are renamed about never.
   */
  async findAreas(ids: number[]): Promise<Array<Pick<Area, 'id' | 'name'>>> {
    const found = new Map(ids.flatMap((id) => {
      const name = this.names.get(id);
      return name === undefined ? [] : [[id, name] as const];
    }));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) {
      const rows = await this.ds.getRepository(Area).find({ where: { id: In(missing) }, select: { id: true, name: true } });
      for (const r of rows) {
        this.names.set(r.id, r.name);
        found.set(r.id, r.name);
      }
    }
    return ids.flatMap((id) => {
      const name = found.get(id);
      return name === undefined ? [] : [{ id, name }];
    });
  }

  findArea(id: number): Promise<Area | null> {
    return this.ds.getRepository(Area).findOneBy({ id });
  }
}

function distance(p: LatLng, a: Area): number {
  return a.centerLat === null || a.centerLng === null ? Number.POSITIVE_INFINITY : haversineM(p, { lat: a.centerLat, lng: a.centerLng });
}
