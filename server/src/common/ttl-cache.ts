/**
 * A small in-process cache: each entry lives `ttlMs` from when it was set, and the cache holds at most `maxEntries`
 * (the oldest entry goes first, so a burst of distinct keys cannot grow memory without bound). Entries are dropped
 * at once on `invalidate`; another instance sees a change only when its own entry expires, so keep the TTL short for
 * anything an edit must reach quickly.
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: V; until: number }>();

  constructor(
    private readonly options: { ttlMs: number; maxEntries: number; now?: () => number },
  ) {
    if (!(options.ttlMs > 0) || !(options.maxEntries >= 1)) throw new RangeError('TtlCache needs ttlMs > 0 and maxEntries >= 1');
  }

  private now(): number {
    return this.options.now ? this.options.now() : Date.now();
  }

  get size(): number {
    return this.entries.size;
  }

  /** The live value, or undefined when missing or expired. */
  get(key: K): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.until > this.now()) return hit.value;
    this.entries.delete(key);
    return undefined;
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  set(key: K, value: V, ttlMs = this.options.ttlMs): void {
    // Re-inserting moves the key to the end of the Map's order, so the first key is always the oldest write.
    this.entries.delete(key);
    while (this.entries.size >= this.options.maxEntries) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, { value, until: this.now() + ttlMs });
  }

  /** The cached value, else `load`'s result, cached (also when it is null: a miss is remembered too). */
  async getOrLoad(key: K, load: (key: K) => Promise<V>): Promise<V> {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const value = await load(key);
    this.set(key, value);
    return value;
  }

  /** Drops one key, or every key when none is given. */
  invalidate(key?: K): void {
    if (key === undefined) this.entries.clear();
    else this.entries.delete(key);
  }
}
