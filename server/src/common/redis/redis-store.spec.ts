import { createServer } from 'node:net';
import type { AppConfig } from '../../config/app.config';
import { SharedPushReplayGuard } from '../../modules/media/shared-push-replay-guard';
import { InProcessClusterBus } from './cluster-bus';
import { RedisStore, SharedThrottlerStorage } from './redis-store';

/** A port nothing listens on: Redis "down". */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('shared state while Redis is unreachable', () => {
  let store: RedisStore;
  beforeAll(async () => {
    store = new RedisStore({ redisUrl: `redis://127.0.0.1:${await closedPort()}`, redisPrefix: 'unit:' } as AppConfig);
  });
  afterAll(() => store.onApplicationShutdown());

  it('rate limits count in this instance instead of failing the request', async () => {
    const storage = new SharedThrottlerStorage(store);
    const hits = [];
    for (let i = 0; i < 3; i++) hits.push(await storage.increment('login:ip:1.2.3.4', 60_000, 2, 60_000, 'login'));
    expect(hits.map((h) => h.totalHits)).toEqual([1, 2, 3]);
    expect(hits[2].isBlocked).toBe(true);
    storage.onApplicationShutdown();
  });

  it('the push replay memory falls back to this instance and still refuses a repeat', async () => {
    const guard = new SharedPushReplayGuard(store);
    expect(await guard.firstSeen('1700000000:nonce', 60_000, Date.now())).toBe(true);
    expect(await guard.firstSeen('1700000000:nonce', 60_000, Date.now())).toBe(false);
  });
});

describe('the in-process cluster bus', () => {
  it('delivers to every listener of the channel before publish resolves, and a failing listener does not stop the rest', async () => {
    const bus = new InProcessClusterBus();
    const heard: string[] = [];
    bus.subscribe('a', () => {
      throw new Error('boom');
    });
    bus.subscribe('a', (m) => heard.push(`a:${m}`));
    bus.subscribe('b', (m) => heard.push(`b:${m}`));
    await bus.publish('a', '1');
    expect(heard).toEqual(['a:1']);
    expect(bus.distributed).toBe(false);
  });
});
