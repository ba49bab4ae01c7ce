import { TtlCache } from './ttl-cache';

describe(TtlCache.name, () => {
  let clock: number;
  const make = (maxEntries = 3, ttlMs = 1000) => new TtlCache<number, string | null>({ ttlMs, maxEntries, now: () => clock });
  beforeEach(() => (clock = 1_000_000));

  it('returns a value until its TTL has passed, then forgets it', () => {
    const c = make();
    c.set(1, 'a');
    clock += 999;
    expect(c.get(1)).toBe('a');
    clock += 1;
    expect(c.get(1)).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it('gives each entry its own TTL, counted from when it was set', () => {
    const c = make();
    c.set(1, 'a');
    clock += 600;
    c.set(2, 'b');
    c.set(3, 'c', 100);
    clock += 500;
    expect([c.get(1), c.get(2), c.get(3)]).toEqual([undefined, 'b', undefined]);
  });

  it('never holds more than maxEntries, dropping the oldest write first', () => {
    const c = make(3);
    for (const k of [1, 2, 3]) c.set(k, String(k));
    c.set(1, 'again');
    c.set(4, '4');
    expect(c.size).toBe(3);
    expect([c.get(1), c.get(2), c.get(3), c.get(4)]).toEqual(['again', undefined, '3', '4']);
  });

  it('drops one key or all keys on invalidate', () => {
    const c = make();
    c.set(1, 'a');
    c.set(2, 'b');
    c.invalidate(1);
    expect([c.has(1), c.has(2)]).toEqual([false, true]);
    c.invalidate();
    expect(c.size).toBe(0);
  });

  it('loads a missing key once and remembers a null result as a hit', async () => {
    const c = make();
    const load = jest.fn(async (k: number) => (k === 1 ? 'one' : null));
    expect(await c.getOrLoad(1, load)).toBe('one');
    expect(await c.getOrLoad(1, load)).toBe('one');
    expect(await c.getOrLoad(2, load)).toBeNull();
    expect(await c.getOrLoad(2, load)).toBeNull();
    expect(load).toHaveBeenCalledTimes(2);
    clock += 1000;
    await c.getOrLoad(1, load);
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('refuses a non-positive TTL or size', () => {
    expect(() => new TtlCache({ ttlMs: 0, maxEntries: 1 })).toThrow(RangeError);
    expect(() => new TtlCache({ ttlMs: 1, maxEntries: 0 })).toThrow(RangeError);
  });
});
