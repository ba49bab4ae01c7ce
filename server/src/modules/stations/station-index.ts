import { AMENITIES, Amenity, NEARBY_FRESH_BAND_M, NearbySort, STATION_CONFIRM_STALE_DAYS_DEFAULT, BBox, Closure, CompiledHours, compileHours, M_PER_DEG_LAT, OpeningRange, openingState, ParsedClosure, parseClosures, STATION_KINDS, StationKind, haversineM } from '@xjy/shared';

/** What the index keeps of one active station. */
export interface IndexedStation {
  id: number;
  name: string;
  kind: StationKind;
  lat: number;
  lng: number;
  amenities: readonly Amenity[];
  address: string;
  hours: readonly OpeningRange[];
  closures: readonly Closure[];
  /** The row's updatedAt; an older version never overwrites a newer one. */
  updatedAtMs: number;
  /** When a rider or staff last confirmed it (epoch ms); 0 or absent: never. */
  lastConfirmedMs?: number;
}

/** An upcoming service session as the index keeps it (see StationIndex.setServices). */
export interface IndexedService {
  id: number;
  kind: string;
  startsAtMs: number;
  endsAtMs: number;
  host: string;
}

export interface NearbySearch {
  lat: number;
  lng: number;
  radiusM: number;
  amenityMask: number;
  kind: StationKind | null;
  openNow: boolean;
  limit: number;
  nowMs: number;
  /** Only stations confirmed at or after this time (epoch ms); 0 or absent: no filter. */
  confirmedSinceMs?: number;
  /** distance (default): nearest first, equal distances fresher first; fresh: fresher first within NEARBY_FRESH_BAND_M bands. */
  sort?: NearbySort;
  /** The caller's starred stations: those within the radius (and matching) come first. */
  favorites?: ReadonlySet<number> | null;
}

const DAY_MS = 86_400_000;

// Local copies: the shared package's CommonJS re-exports are getters, too slow to call per candidate.
const M_LAT = M_PER_DEG_LAT;
const KINDS: readonly StationKind[] = [...STATION_KINDS];
const distanceM = haversineM;
const stateOf = openingState;

/** A cell of about 550 m: a 1 km search reads a handful of cells. */
const CELL_DEG = 0.005;
const cellOf = (deg: number) => Math.floor(deg / CELL_DEG);
// A small-integer key (fast Map lookups); far-apart cells may share one, which only adds candidates to filter.
const keyOf = (cy: number, cx: number) => ((cy & 0x3fff) << 15) | (cx & 0x7fff);

/**
 * One grid cell's stations: position (as offsets from the cell's corner, exact enough in 32 bits), services and
 * kind interleaved in one small typed array (stride 4), so a search scans contiguous memory instead of jumping
 * around the station arrays: memory, not arithmetic, is what a search spends its time on.
 */
class Cell {
  n = 0;
  slot = new Int32Array(8);
  d = new Float32Array(32);

  constructor(
    readonly lat0: number,
    readonly lng0: number,
  ) {}

  push(slot: number, lat: number, lng: number, mask: number, kind: number): void {
    if (this.n === this.slot.length) {
      const slots = new Int32Array(this.n * 2);
      slots.set(this.slot);
      const d = new Float32Array(this.n * 8);
      d.set(this.d);
      this.slot = slots;
      this.d = d;
    }
    const i = this.n++;
    this.slot[i] = slot;
    this.d[i * 4] = lat - this.lat0;
    this.d[i * 4 + 1] = lng - this.lng0;
    this.d[i * 4 + 2] = mask;
    this.d[i * 4 + 3] = kind;
  }

  remove(slot: number): void {
    for (let i = 0; i < this.n; i++) {
      if (this.slot[i] !== slot) continue;
      const last = --this.n;
      this.slot[i] = this.slot[last];
      this.d.copyWithin(i * 4, last * 4, last * 4 + 4);
      return;
    }
  }
}

/**
 * Orders points cell by cell (row by row of cells, then west to east). Stations added in this order have their
 * bytes next to each other, so an answer (usually a few neighbouring cells) is copied from a few runs of memory
 * instead of twenty scattered places; compaction keeps that order.
 */
export function cellOrder(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  return cellOf(a.lat) - cellOf(b.lat) || cellOf(a.lng) - cellOf(b.lng);
}

export const amenityBit = (a: Amenity) => 1 << AMENITIES.indexOf(a);
export function amenityMask(list: readonly Amenity[]): number {
  let m = 0;
  for (const a of list) m |= amenityBit(a);
  return m;
}

const enc = new TextEncoder();

/** A nearby answer's primary rank: whole metres, or the NEARBY_FRESH_BAND_M band for sort=fresh. */
function rankOf(d2: number, fresh: boolean): number {
  const dist = Math.sqrt(d2);
  return fresh ? Math.floor(dist / NEARBY_FRESH_BAND_M) : Math.round(dist);
}

/** The d² at or beyond which a candidate's rank exceeds `p` (see rankOf). */
function pruneAfter(p: number, fresh: boolean): number {
  const edge = fresh ? (p + 1) * NEARBY_FRESH_BAND_M : p + 0.5;
  return edge * edge;
}

/** JSON text in ASCII only (non-ASCII as \u escapes): the tail of a nearby item is written as latin1. */
const asciiJson = (v: string) => JSON.stringify(v).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * The in-process spatial index behind `nearby` and the map: a uniform grid of lat/lng cells over compact typed
 * arrays, one slot per station. Each slot also holds the station's fixed JSON (UTF-8, in one byte arena) so an
 * answer is assembled by copying bytes, and a cached opening state that stays valid until its next change.
 * Hours are interned: most stations share a handful of patterns.
 */
export class StationIndex {
  private cap = 0;
  private count = 0;
  private lat = new Float64Array(0);
  private lng = new Float64Array(0);
  private ids = new Int32Array(0);
  private mask = new Int32Array(0);
  private kind = new Uint8Array(0);
  private hoursRef = new Int32Array(0);
  private updatedAt = new Float64Array(0);
  private fragOff = new Int32Array(0);
  private fragLen = new Int32Array(0);
  private stateUntil = new Float64Array(0);
  private stateJson: string[] = [];
  /** Last confirmation (epoch ms, 0: never) and its `"lastConfirmedAt":…` piece of JSON, per slot. */
  private confirmedAt = new Float64Array(0);
  private confirmedJson: string[] = [];
  /** Upcoming service sessions by station id, soonest first, each with its JSON. */
  private readonly services = new Map<number, Array<{ endsAtMs: number; json: string }>>();
  private closures = new Map<number, ParsedClosure[]>();
  private freeSlots: number[] = [];
  /** Versions of removed stations, so a late read of an older active row cannot bring one back. */
  private readonly removedAt = new Map<number, number>();
  /** id → slot + 1 (0: absent). Ids are dense auto-increment integers, so an array beats a Map. */
  private slotById = new Int32Array(1024);

  // A plain Uint8Array, not a Buffer: Uint8Array#set of a subarray is several times cheaper than Buffer#copy.
  private arena = new Uint8Array(1 << 16);
  private arenaUsed = 0;
  private arenaLive = 0;

  private readonly hoursTable: CompiledHours[] = [];
  private readonly patternState: Array<{ until: number; json: string } | undefined> = [];
  private readonly hoursByKey = new Map<string, number>();
  private readonly cells = new Map<number, Cell>();
  /** Scratch for one search (searches are synchronous, so one is enough): the cells to read, nearest first. */
  /** Scratch for the best answers so far (distance² and slot), nearest first. */
  private bestD = new Float64Array(100);
  private bestS = new Int32Array(100);
  /** Scratch for the best answers' primary rank and confirmation time (see nearby). */
  private bestP = new Float64Array(100);
  private bestC = new Float64Array(100);
  private cellOrder = { near2: new Float64Array(1024), key: new Int32Array(1024) };

  /** @param staleMs a station not confirmed for longer than this is 待确认 (needsConfirmation). */
  constructor(private readonly staleMs: number = STATION_CONFIRM_STALE_DAYS_DEFAULT * DAY_MS) {}

  get size(): number {
    return this.count;
  }

  /** Replaces a station's upcoming service sessions (kept by station id, so they survive the station's upserts). */
  setServices(stationId: number, list: readonly IndexedService[]): void {
    if (!list.length) {
      this.services.delete(stationId);
      return;
    }
    const sorted = [...list].sort((a, b) => a.startsAtMs - b.startsAtMs || a.id - b.id);
    this.services.set(
      stationId,
      sorted.map((v) => ({
        endsAtMs: v.endsAtMs,
        json: `{"id":${v.id},"kind":"${v.kind}","startsAt":"${new Date(v.startsAtMs).toISOString()}","endsAt":"${new Date(v.endsAtMs).toISOString()}","host":${asciiJson(v.host)}}`,
      })),
    );
  }

  /** When the station was last confirmed (epoch ms, 0: never), or null when not indexed. */
  confirmedAtOf(id: number): number | null {
    return this.has(id) ? this.confirmedAt[this.slotById[id] - 1] : null;
  }

  /** The next service session's JSON (`null` when none), dropping sessions that have ended. */
  private nextServiceJson(id: number, nowMs: number): string {
    const list = this.services.get(id);
    if (!list) return 'null';
    while (list.length && list[0].endsAtMs <= nowMs) list.shift();
    if (!list.length) {
      this.services.delete(id);
      return 'null';
    }
    return list[0].json;
  }

  has(id: number): boolean {
    return id < this.slotById.length && this.slotById[id] > 0;
  }

  /** The updatedAt the index holds for a station, or null. */
  versionOf(id: number): number | null {
    return this.has(id) ? this.updatedAt[this.slotById[id] - 1] : null;
  }

  /** Adds or replaces a station (unless the index already holds a newer version of it). */
  upsert(s: IndexedStation): void {
    const existing = this.has(s.id) ? this.slotById[s.id] - 1 : -1;
    if (existing >= 0 && this.updatedAt[existing] > s.updatedAtMs) return;
    if ((this.removedAt.get(s.id) ?? -1) > s.updatedAtMs) return;
    this.removedAt.delete(s.id);
    if (existing >= 0) {
      this.release(existing);
      this.slotById[s.id] = 0;
    }
    const slot = this.freeSlots.pop() ?? this.nextSlot();
    this.lat[slot] = s.lat;
    this.lng[slot] = s.lng;
    this.ids[slot] = s.id;
    this.mask[slot] = amenityMask(s.amenities);
    this.kind[slot] = KINDS.indexOf(s.kind);
    this.hoursRef[slot] = this.internHours(s.hours);
    this.updatedAt[slot] = s.updatedAtMs;
    this.stateUntil[slot] = 0;
    this.stateJson[slot] = '';
    const confirmed = s.lastConfirmedMs ?? 0;
    this.confirmedAt[slot] = confirmed;
    this.confirmedJson[slot] = confirmed > 0 ? `"lastConfirmedAt":"${new Date(confirmed).toISOString()}"` : '"lastConfirmedAt":null';
    const parsed = parseClosures(s.closures);
    if (parsed.length) this.closures.set(slot, parsed);
    const frag = enc.encode(
      `{"id":${s.id},"name":${JSON.stringify(s.name)},"kind":"${s.kind}","lat":${s.lat},"lng":${s.lng},"amenities":${JSON.stringify(s.amenities)},"address":${JSON.stringify(s.address)}`,
    );
    this.fragOff[slot] = this.arenaAppend(frag);
    this.fragLen[slot] = frag.length;
    this.arenaLive += frag.length;
    this.ensureIdCapacity(s.id);
    this.slotById[s.id] = slot + 1;
    const key = keyOf(cellOf(s.lat), cellOf(s.lng));
    let cell = this.cells.get(key);
    if (!cell) this.cells.set(key, (cell = new Cell(cellOf(s.lat) * CELL_DEG, cellOf(s.lng) * CELL_DEG)));
    cell.push(slot, s.lat, s.lng, this.mask[slot], this.kind[slot]);
    this.count++;
  }

  /** Drops a station (suspended or gone); `updatedAtMs` guards against an older write arriving late. */
  remove(id: number, updatedAtMs: number): void {
    if (updatedAtMs > (this.removedAt.get(id) ?? -1)) this.removedAt.set(id, updatedAtMs);
    if (!this.has(id)) return;
    const slot = this.slotById[id] - 1;
    if (this.updatedAt[slot] > updatedAtMs) return;
    this.release(slot);
    this.slotById[id] = 0;
  }

  /** Nearest matching stations within the radius, as the response body `{ "items": [...] }` in UTF-8. */
  nearby(q: NearbySearch): Buffer {
    const cosLat = Math.cos((q.lat * Math.PI) / 180);
    const dLat = q.radiusM / M_LAT;
    const dLng = q.radiusM / (M_LAT * Math.max(0.01, Math.cos((Math.min(89, Math.abs(q.lat) + dLat) * Math.PI) / 180)));
    const r2 = q.radiusM * q.radiusM;
    const kind = q.kind === null ? -1 : KINDS.indexOf(q.kind);
    const limit = q.limit;
    if (limit > this.bestD.length) {
      this.bestD = new Float64Array(limit);
      this.bestS = new Int32Array(limit);
      this.bestP = new Float64Array(limit);
      this.bestC = new Float64Array(limit);
    }
    const bestD = this.bestD;
    const bestS = this.bestS;
    const bestP = this.bestP;
    const bestC = this.bestC;
    const confirmedAt = this.confirmedAt;
    const since = q.confirmedSinceMs ?? 0;
    const fresh = q.sort === 'fresh';
    const favs = q.favorites && q.favorites.size ? q.favorites : null;
    const y0 = cellOf(q.lat - dLat);
    const y1 = cellOf(q.lat + dLat);
    const x0 = cellOf(q.lng - dLng);
    const x1 = cellOf(q.lng + dLng);
    const cells = this.cells;
    const want = q.amenityMask;
    const qLat = q.lat;
    const qLng = q.lng;
    const kx = M_LAT * cosLat;

    // Starred stations first: a rider stars a few, so they are looked up by id, ranked among themselves, and the
    // grid search below fills the rest of the answer with the others.
    const favSlots: number[] = [];
    if (favs) {
      const found: Array<{ s: number; p: number; c: number; d2: number }> = [];
      for (const id of favs) {
        if (!this.has(id)) continue;
        const s = this.slotById[id] - 1;
        if ((this.mask[s] & want) !== want || (kind >= 0 && this.kind[s] !== kind) || confirmedAt[s] < since) continue;
        const dy = (this.lat[s] - qLat) * M_LAT;
        const dx = (this.lng[s] - qLng) * kx;
        const d2 = dx * dx + dy * dy;
        if (d2 > r2 || (q.openNow && !this.openAt(s, q.nowMs))) continue;
        found.push({ s, p: rankOf(d2, fresh), c: confirmedAt[s], d2 });
      }
      found.sort((a, b) => a.p - b.p || b.c - a.c || a.d2 - b.d2);
      for (const f of found.slice(0, limit)) favSlots.push(f.s);
    }
    const rest = limit - favSlots.length;
    let n = 0;
    // Ranks: primary = whole metres (distance) or the 100 m band (fresh); then fresher first; then nearer. A candidate
    // at or beyond pruneD2 ranks after the current last one, so it is skipped without computing its rank.
    let pruneD2 = Infinity;

    // The cells the circle reaches, nearest first: once `limit` stations are found, a cell whose nearest edge is
    // farther than the current last one cannot improve the answer, so a dense area reads a few cells, not all.
    const boxCells = (y1 - y0 + 1) * (x1 - x0 + 1);
    if (boxCells > this.cellOrder.near2.length) this.cellOrder = { near2: new Float64Array(boxCells), key: new Int32Array(boxCells) };
    const order = this.cellOrder;
    let m = 0;
    for (let cy = y0; rest > 0 && cy <= y1; cy++) {
      const cellDy = Math.max(0, cy * CELL_DEG - qLat, qLat - (cy + 1) * CELL_DEG) * M_LAT;
      for (let cx = x0; cx <= x1; cx++) {
        const cellDx = Math.max(0, cx * CELL_DEG - qLng, qLng - (cx + 1) * CELL_DEG) * kx;
        const near2 = cellDx * cellDx + cellDy * cellDy;
        if (near2 > r2) continue;
        let j = m++;
        while (j > 0 && order.near2[j - 1] > near2) {
          order.near2[j] = order.near2[j - 1];
          order.key[j] = order.key[j - 1];
          j--;
        }
        order.near2[j] = near2;
        order.key[j] = keyOf(cy, cx);
      }
    }
    const ids = this.ids;
    for (let c = 0; c < m; c++) {
      if (n === rest && order.near2[c] >= pruneD2) break;
      const cell = cells.get(order.key[c]);
      if (!cell) continue;
      const d = cell.d;
      const slots = cell.slot;
      const rLat = qLat - cell.lat0;
      const rLng = qLng - cell.lng0;
      for (let i = 0, end = cell.n; i < end; i++) {
        const o = i * 4;
        if ((d[o + 2] & want) !== want) continue;
        if (kind >= 0 && d[o + 3] !== kind) continue;
        // Equirectangular distance: within millimetres of the great circle at these ranges, and cheap.
        const dy = (d[o] - rLat) * M_LAT;
        const dx = (d[o + 1] - rLng) * kx;
        const d2 = dx * dx + dy * dy;
        if (d2 > r2 || d2 >= pruneD2) continue;
        const s = slots[i];
        const conf = confirmedAt[s];
        if (conf < since) continue;
        if (favs !== null && favs.has(ids[s])) continue;
        const p = rankOf(d2, fresh);
        if (n === rest && !(p < bestP[n - 1] || (p === bestP[n - 1] && (conf > bestC[n - 1] || (conf === bestC[n - 1] && d2 < bestD[n - 1]))))) continue;
        if (q.openNow && !this.openAt(s, q.nowMs)) continue;
        let j = n < rest ? n++ : n - 1;
        while (j > 0 && (bestP[j - 1] > p || (bestP[j - 1] === p && (bestC[j - 1] < conf || (bestC[j - 1] === conf && bestD[j - 1] > d2))))) {
          bestD[j] = bestD[j - 1];
          bestS[j] = bestS[j - 1];
          bestP[j] = bestP[j - 1];
          bestC[j] = bestC[j - 1];
          j--;
        }
        bestD[j] = d2;
        bestS[j] = s;
        bestP[j] = p;
        bestC[j] = conf;
        if (n === rest) pruneD2 = pruneAfter(bestP[n - 1], fresh);
      }
    }
    const total = favSlots.length + n;
    const order2: number[] = new Array<number>(total);
    for (let i = 0; i < favSlots.length; i++) order2[i] = favSlots[i];
    for (let i = 0; i < n; i++) order2[favSlots.length + i] = bestS[i];
    const tails: string[] = new Array<string>(total);
    let bytes = 12 + Math.max(0, total - 1);
    const nowMs = q.nowMs;
    for (let i = 0; i < total; i++) {
      const s = order2[i];
      const metres = Math.round(distanceM(q, { lat: this.lat[s], lng: this.lng[s] }));
      const stale = confirmedAt[s] === 0 || nowMs - confirmedAt[s] > this.staleMs;
      tails[i] =
        `,"distanceM":${metres},${this.stateAt(s, nowMs)},${this.confirmedJson[s]},"needsConfirmation":${stale},"favorite":${i < favSlots.length},` +
        `"nextService":${this.nextServiceJson(this.ids[s], nowMs)}}`;
      bytes += this.fragLen[s] + tails[i].length;
    }
    const out = Buffer.allocUnsafe(bytes);
    const arena = this.arena;
    let pos = out.write('{"items":[', 0, 'latin1');
    for (let i = 0; i < total; i++) {
      if (i > 0) out[pos++] = 44;
      const s = order2[i];
      const from = this.fragOff[s];
      out.set(arena.subarray(from, from + this.fragLen[s]), pos);
      pos += this.fragLen[s];
      pos += out.write(tails[i], pos, 'latin1');
    }
    pos += out.write(']}', pos, 'latin1');
    return out.subarray(0, pos);
  }

  /** Ids and positions of the stations inside a box (for the map). */
  inBBox(b: BBox, visit: (id: number, lat: number, lng: number, kind: StationKind) => void): void {
    for (let cy = cellOf(b.minLat); cy <= cellOf(b.maxLat); cy++) {
      for (let cx = cellOf(b.minLng); cx <= cellOf(b.maxLng); cx++) {
        const cell = this.cells.get(keyOf(cy, cx));
        if (!cell) continue;
        for (let i = 0; i < cell.n; i++) {
          const s = cell.slot[i];
          const la = this.lat[s];
          const ln = this.lng[s];
          if (la >= b.minLat && la <= b.maxLat && ln >= b.minLng && ln <= b.maxLng) visit(this.ids[s], la, ln, KINDS[this.kind[s]]);
        }
      }
    }
  }

  /** The cached opening state of a station as it appears in a nearby item. */
  openingOf(id: number, nowMs: number): { openNow: boolean; nextChange: string | null } | null {
    if (!this.has(id)) return null;
    const s = this.slotById[id] - 1;
    const h = this.hoursTable[this.hoursRef[s]];
    return openingState(h, this.closures.get(s) ?? [], nowMs);
  }

  private openAt(s: number, nowMs: number): boolean {
    return this.stateAt(s, nowMs).charCodeAt(10) === 116; // '"openNow":t…'
  }

  /**
   * `"openNow":…,"nextChange":…`, cached until the next change (the state is constant until then by definition).
   * Stations without closures share their hours pattern's cache, so a pattern is computed once, not per station.
   */
  private stateAt(s: number, nowMs: number): string {
    const closures = this.closures.get(s);
    if (!closures) {
      const ref = this.hoursRef[s];
      const cached = this.patternState[ref];
      if (cached && nowMs < cached.until) return cached.json;
      const state = this.computeState(this.hoursTable[ref], [], nowMs);
      this.patternState[ref] = state;
      return state.json;
    }
    if (nowMs < this.stateUntil[s]) return this.stateJson[s];
    const state = this.computeState(this.hoursTable[this.hoursRef[s]], closures, nowMs);
    this.stateUntil[s] = state.until;
    this.stateJson[s] = state.json;
    return state.json;
  }

  private computeState(h: CompiledHours, closures: readonly ParsedClosure[], nowMs: number): { until: number; json: string } {
    const st = stateOf(h, closures, nowMs);
    return {
      until: st.nextChange === null ? Infinity : Date.parse(st.nextChange),
      json: `"openNow":${st.openNow},"nextChange":${st.nextChange === null ? 'null' : `"${st.nextChange}"`}`,
    };
  }

  private internHours(hours: readonly OpeningRange[]): number {
    const key = hours.map((r) => `${r.day}${r.open}${r.close}`).join('|');
    let ref = this.hoursByKey.get(key);
    if (ref === undefined) {
      ref = this.hoursTable.push(compileHours(hours)) - 1;
      this.hoursByKey.set(key, ref);
    }
    return ref;
  }

  private release(slot: number): void {
    const key = keyOf(cellOf(this.lat[slot]), cellOf(this.lng[slot]));
    const cell = this.cells.get(key);
    if (cell) {
      cell.remove(slot);
      if (!cell.n) this.cells.delete(key);
    }
    this.arenaLive -= this.fragLen[slot];
    this.closures.delete(slot);
    this.stateJson[slot] = '';
    this.freeSlots.push(slot);
    this.count--;
  }

  private nextSlot(): number {
    const used = this.count + this.freeSlots.length;
    if (used === this.cap) this.grow(Math.max(1024, this.cap * 2));
    return used;
  }

  private grow(cap: number): void {
    const g = <T extends Float64Array | Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.lat = g(this.lat, (n) => new Float64Array(n));
    this.lng = g(this.lng, (n) => new Float64Array(n));
    this.ids = g(this.ids, (n) => new Int32Array(n));
    this.mask = g(this.mask, (n) => new Int32Array(n));
    this.kind = g(this.kind, (n) => new Uint8Array(n));
    this.hoursRef = g(this.hoursRef, (n) => new Int32Array(n));
    this.updatedAt = g(this.updatedAt, (n) => new Float64Array(n));
    this.fragOff = g(this.fragOff, (n) => new Int32Array(n));
    this.fragLen = g(this.fragLen, (n) => new Int32Array(n));
    this.stateUntil = g(this.stateUntil, (n) => new Float64Array(n));
    this.confirmedAt = g(this.confirmedAt, (n) => new Float64Array(n));
    this.cap = cap;
  }

  private ensureIdCapacity(id: number): void {
    if (id < this.slotById.length) return;
    let len = this.slotById.length;
    while (len <= id) len *= 2;
    const next = new Int32Array(len);
    next.set(this.slotById);
    this.slotById = next;
  }

  /** Appends bytes to the arena; rewrites the arena without dead fragments when more than half is dead. */
  private arenaAppend(bytes: Uint8Array): number {
    if (this.arenaUsed + bytes.length > this.arena.length) {
      if (this.arenaLive < this.arenaUsed / 2) this.compact();
      if (this.arenaUsed + bytes.length > this.arena.length) {
        let len = this.arena.length * 2;
        while (len < this.arenaUsed + bytes.length) len *= 2;
        const next = new Uint8Array(len);
        next.set(this.arena.subarray(0, this.arenaUsed));
        this.arena = next;
      }
    }
    const off = this.arenaUsed;
    this.arena.set(bytes, off);
    this.arenaUsed += bytes.length;
    return off;
  }

  /** Rewrites the live fragments cell by cell (see cellOrder). */
  private compact(): void {
    const next = new Uint8Array(this.arena.length);
    let pos = 0;
    const keys = [...this.cells.keys()].sort((a, b) => a - b);
    for (const key of keys) {
      const cell = this.cells.get(key) as Cell;
      for (let i = 0; i < cell.n; i++) {
        const s = cell.slot[i];
        next.set(this.arena.subarray(this.fragOff[s], this.fragOff[s] + this.fragLen[s]), pos);
        this.fragOff[s] = pos;
        pos += this.fragLen[s];
      }
    }
    this.arena = next;
    this.arenaUsed = pos;
    this.arenaLive = pos;
  }
}
