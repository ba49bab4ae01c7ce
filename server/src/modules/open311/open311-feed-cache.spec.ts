import { Open311FeedCache } from './open311-feed-cache';

describe(Open311FeedCache.name, () => {
  let clock: number;
  let loads: number;
  const make = (ttlMs = 1000, maxBytes?: number) => new Open311FeedCache({ ttlMs, maxBytes, now: () => clock });
  /** A load that answers with the clock at the time it was asked, and counts how often it ran. */
  const load = (label = 'v') => async () => {
    loads++;
    return Buffer.from(`${label}@${clock}`);
  };
  const text = async (p: Promise<Buffer>) => (await p).toString();
  const settle = () => new Promise((r) => setImmediate(r));
  beforeEach(() => {
    clock = 1_000_000;
    loads = 0;
  });

  it('serves an answer until its TTL has passed since its data was read, then reads again', async () => {
    const c = make();
    expect(await text(c.get('q', load()))).toBe('v@1000000');
    clock += 749;
    expect(await text(c.get('q', load()))).toBe('v@1000000');
    expect(loads).toBe(1);
    clock += 251;
    expect(await text(c.get('q', load()))).toBe('v@1001000');
    expect(loads).toBe(2);
  });

  it('keeps one answer per key', async () => {
    const c = make();
    expect(await text(c.get('a', load('a')))).toBe('a@1000000');
    expect(await text(c.get('b', load('b')))).toBe('b@1000000');
    expect(await text(c.get('a', load('x')))).toBe('a@1000000');
  });

  it('past three quarters of the TTL answers from memory and refreshes once in the background; the refreshed answer counts its own TTL', async () => {
    const c = make();
    await c.get('q', load());
    clock += 500;
    expect(await text(c.get('q', load()))).toBe('v@1000000');
    expect(loads).toBe(1); // younger than three quarters of the TTL: no refresh yet
    clock += 300;
    let finish!: (b: Buffer) => void;
    const slow = jest.fn(() => new Promise<Buffer>((resolve) => (finish = resolve)));
    expect(await text(c.get('q', slow))).toBe('v@1000000');
    expect(await text(c.get('q', slow))).toBe('v@1000000');
    expect(slow).toHaveBeenCalledTimes(1);
    finish(Buffer.from('v@1000800'));
    await settle();
    expect(await text(c.get('q', load()))).toBe('v@1000800');
    clock += 749; // 1,549 ms after the first read, 749 after the refresh's
    expect(await text(c.get('q', load()))).toBe('v@1000800');
    expect(loads).toBe(1);
  });

  it('never serves an answer older than the TTL, even while its refresh is still running', async () => {
    const c = make();
    await c.get('q', load());
    clock += 800;
    let finish!: (b: Buffer) => void;
    await c.get('q', () => new Promise<Buffer>((resolve) => (finish = resolve)));
    clock += 200; // the cached answer is now exactly TTL old
    const waiting = c.get('q', load('other'));
    await settle();
    finish(Buffer.from('refreshed'));
    expect(await text(waiting)).toBe('refreshed');
    expect(loads).toBe(1); // the first read only: the expired answer's request joined the running refresh
  });

  it('runs one load for many concurrent misses of a key', async () => {
    const c = make();
    const all = await Promise.all(Array.from({ length: 10 }, () => text(c.get('q', load()))));
    expect(new Set(all)).toEqual(new Set(['v@1000000']));
    expect(loads).toBe(1);
  });

  it('remembers no failure: the next request loads again', async () => {
    const c = make();
    await expect(c.get('q', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await text(c.get('q', load()))).toBe('v@1000000');
  });

  it('with a TTL of 0 reads every time', async () => {
    const c = make(0);
    expect(c.enabled).toBe(false);
    await c.get('q', load());
    await c.get('q', load());
    expect(loads).toBe(2);
  });

  it('holds at most maxBytes of answers, dropping the oldest first, and never one larger than that', async () => {
    const c = make(1000, 20);
    for (const k of ['a', 'b', 'c']) await c.get(k, async () => Buffer.alloc(8));
    loads = 0;
    await c.get('b', load());
    await c.get('c', load());
    expect(loads).toBe(0);
    await c.get('a', load());
    expect(loads).toBe(1);
    await c.get('huge', load('h'.repeat(30)));
    await c.get('huge', load('h'.repeat(30)));
    expect(loads).toBe(3);
  });
});
