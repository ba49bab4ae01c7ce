import { AMENITIES, Amenity, BBox, Closure, CompiledHours, compileHours, M_PER_DEG_LAT, OpeningRange, openingState, ParsedClosure, parseClosures, STATION_KINDS, StationKind, haversineM } from '@xjy/shared';

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
}

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
  private cellOrder = { near2: new Float64Array(1024), key: new Int32Array(1024) };

  get size(): number {
    return this.count;
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
    }
    const bestD = this.bestD;
    const bestS = this.bestS;
    let n = 0;
    const y0 = cellOf(q.lat - dLat);
    const y1 = cellOf(q.lat + dLat);
    const x0 = cellOf(q.lng - dLng);
    const x1 = cellOf(q.lng + dLng);
    const cells = this.cells;
    const want = q.amenityMask;
    const qLat = q.lat;
    const qLng = q.lng;
    const kx = M_LAT * cosLat;
    // The cells the circle reaches, nearest first: once `limit` stations are found, a cell whose nearest edge is
    // farther than the current last one cannot improve the answer, so a dense area reads a few cells, not all.
    const boxCells = (y1 - y0 + 1) * (x1 - x0 + 1);
    if (boxCells > this.cellOrder.near2.length) this.cellOrder = { near2: new Float64Array(boxCells), key: new Int32Array(boxCells) };
    const order = this.cellOrder;
    let m = 0;
    for (let cy = y0; cy <= y1; cy++) {
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
    for (let c = 0; c < m; c++) {
      if (n === limit && order.near2[c] >= bestD[n - 1]) break;
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
        if (d2 > r2) continue;
        if (n === limit && d2 >= bestD[n - 1]) continue;
        const s = slots[i];
        if (q.openNow && !this.openAt(s, q.nowMs)) continue;
        let j = n < limit ? n++ : n - 1;
        while (j > 0 && bestD[j - 1] > d2) {
          bestD[j] = bestD[j - 1];
          bestS[j] = bestS[j - 1];
          j--;
        }
        bestD[j] = d2;
        bestS[j] = s;
      }
    }
    const tails: string[] = new Array<string>(n);
    let total = 12 + Math.max(0, n - 1);
    for (let i = 0; i < n; i++) {
      const s = bestS[i];
      const metres = Math.round(distanceM(q, { lat: this.lat[s], lng: this.lng[s] }));
      tails[i] = `,"distanceM":${metres},${this.stateAt(s, q.nowMs)}}`;
      total += this.fragLen[s] + tails[i].length;
    }
    const out = Buffer.allocUnsafe(total);
    const arena = this.arena;
    let pos = out.write('{"items":[', 0, 'latin1');
    for (let i = 0; i < n; i++) {
      if (i > 0) out[pos++] = 44;
      const s = bestS[i];
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
