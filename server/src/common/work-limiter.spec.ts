import { AppException } from './app.exception';
import { WorkLimiter } from './work-limiter';

/** A task that runs until released, and records that it started. */
function gate(started: string[], name: string) {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  return { task: async () => { started.push(name); await done; return name; }, release };
}

const flush = () => new Promise((r) => setImmediate(r));

describe(WorkLimiter.name, () => {
  const limits = { concurrency: 2, queueMax: 3, perKeyConcurrency: 1, perKeyQueue: 1 };

  it('answers 429 with the busy code once a user has one running and one waiting, and others still get in', async () => {
    const l = new WorkLimiter('decode', limits, 'media_busy');
    const started: string[] = [];
    const a1 = gate(started, 'a1');
    const a2 = gate(started, 'a2');
    const p1 = l.run('a', a1.task);
    const p2 = l.run('a', a2.task);
    await expect(l.run('a', async () => 'a3')).rejects.toMatchObject({ status: 429, code: 'media_busy' });
    const b1 = gate(started, 'b1');
    const pb = l.run('b', b1.task);
    await flush();
    // a2 waits for a1 although a global slot is free: one user never has two decodes at once.
    expect(started).toEqual(['a1', 'b1']);
    a1.release();
    await expect(p1).resolves.toBe('a1');
    await flush();
    expect(started).toEqual(['a1', 'b1', 'a2']);
    a2.release();
    b1.release();
    await Promise.all([p2, pb]);
    expect(l.stats).toEqual({ running: 0, waiting: 0 });
  });

  it('answers 503 server_busy when the shared queue is full, and frees the slot of a task that failed', async () => {
    const l = new WorkLimiter('decode', { ...limits, concurrency: 1, queueMax: 1 }, 'media_busy');
    const started: string[] = [];
    const a = gate(started, 'a');
    const pa = l.run('a', a.task);
    const pb = l.run('b', async () => {
      throw new Error('decode failed');
    });
    const full = await l.run('c', async () => 'c').catch((e: AppException) => e);
    expect(full).toMatchObject({ status: 503, code: 'server_busy', details: { queueMax: 1 } });
    a.release();
    await pa;
    await expect(pb).rejects.toThrow('decode failed');
    await expect(l.run('c', async () => 'c')).resolves.toBe('c');
    expect(l.stats).toEqual({ running: 0, waiting: 0 });
  });
});
