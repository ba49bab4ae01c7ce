import { Inject, Injectable, Optional } from '@nestjs/common';
import { CLUSTER_BUS, type ClusterBus, InProcessClusterBus } from '../../common/redis/cluster-bus';
import { listenForInvalidations } from '../../common/redis/shared-invalidation';
import { InjectDataSource } from '@nestjs/typeorm';
import { bboxAround, haversineM, LatLng, pointInEveryRing, pointInRing, Ring } from '@xjy/shared';
import { Between, DataSource, In } from 'typeorm';
import { TtlCache } from '../../common/ttl-cache';
import { Area } from '../areas/area.entity';

/** How far from a community's centre a report may still be routed to it when no grid contains the point. */
const NEAREST_COMMUNITY_MAX_M = 30_000;
/** Grid centres are searched this far around the point before the boundary test. */
const GRID_SEARCH_M = 10_000;

/**
 * Finds the area a report belongs to: the deepest area whose boundary holds the point and whose every ancestor with a
 * boundary holds it too (a grid, else a community), else the nearest community. An area drawn outside its ancestors
 * (which the areas service refuses, but old or hand-edited rows may hold) never takes a point its ancestors do not.
 */
@Injectable()
export class ReportRoutingRepository {
  private readonly names = new TtlCache<number, string>({ ttlMs: 60_000, maxEntries: 10_000 });

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    // Optional so unit specs can build it alone; the app always has the bus (CommonModule).
    @Optional() @Inject(CLUSTER_BUS) bus: ClusterBus = new InProcessClusterBus(),
  ) {
    // A rename on any instance drops the cached name here (else the 60 s lifetime).
    listenForInvalidations(bus, 'areas', this.names);
  }

  async route(p: LatLng): Promise<Area | null> {
    const near = (radius: number) => {
      const b = bboxAround(p, radius);
      return { centerLat: Between(b.minLat, b.maxLat), centerLng: Between(b.minLng, b.maxLng) };
    };
    const grids = (await this.ds.getRepository(Area).find({ where: { level: 'grid', ...near(GRID_SEARCH_M) } })).filter((g) => g.boundary && pointInRing(p, g.boundary));
    let chains = await this.ancestorRings(grids);
    const grid = nearest(p, grids.filter((g) => pointInEveryRing(p, chains.get(g.id)!)));
    if (grid) return grid;
    const communities = (await this.ds.getRepository(Area).find({ where: { level: 'community', ...near(NEAREST_COMMUNITY_MAX_M) } })).filter((c) => distance(p, c) <= NEAREST_COMMUNITY_MAX_M);
    chains = await this.ancestorRings(communities);
    const held = communities.filter((c) => pointInEveryRing(p, chains.get(c.id)!));
    if (held.length) return nearest(p, held.filter((c) => c.boundary && pointInRing(p, c.boundary))) ?? nearest(p, held);
    // The point lies inside no nearby community's ancestors (say just outside a district's edge): the nearest
    // community still takes it, but only one that itself lies inside its ancestors, so a community moved away from
    // its street cannot collect reports from where it was moved to.
    return nearest(p, communities.filter((c) => c.centerLat !== null && c.centerLng !== null && pointInEveryRing({ lat: c.centerLat, lng: c.centerLng }, chains.get(c.id)!)));
  }

  /** For each area, the boundaries of its ancestors (those that have one), read in one query. */
  private async ancestorRings(areas: Area[]): Promise<Map<number, Ring[]>> {
    const idsOf = (a: Area) => a.path.split('/').filter(Boolean).map(Number).filter((id) => id !== a.id);
    const ids = [...new Set(areas.flatMap(idsOf))];
    const rows = ids.length ? await this.ds.getRepository(Area).find({ where: { id: In(ids) }, select: { id: true, boundary: true } }) : [];
    const rings = new Map(rows.map((r) => [r.id, r.boundary]));
    return new Map(
      areas.map((a) => [
        a.id,
        idsOf(a).flatMap((id) => {
          const ring = rings.get(id);
          return ring ? [ring] : [];
        }),
      ]),
    );
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

function nearest(p: LatLng, areas: Area[]): Area | null {
  return areas.length ? areas.reduce((best, a) => (distance(p, a) < distance(p, best) ? a : best)) : null;
}
