import { TtlCache } from '../ttl-cache';
import { InProcessClusterBus } from './cluster-bus';
import { announceInvalidation, listenForInvalidations } from './shared-invalidation';

describe('invalidations over the cluster bus', () => {
  it('drops the announced key from every cache listening to that name, and only that key', async () => {
    const bus = new InProcessClusterBus();
    const routingNames = new TtlCache<number, string>({ ttlMs: 60_000, maxEntries: 10 });
    const open311Names = new TtlCache<number, string>({ ttlMs: 60_000, maxEntries: 10 });
    const activities = new TtlCache<number, string>({ ttlMs: 60_000, maxEntries: 10 });
    for (const c of [routingNames, open311Names, activities]) {
      c.set(1, 'a');
      c.set(2, 'b');
    }
    listenForInvalidations(bus, 'areas', routingNames);
    listenForInvalidations(bus, 'areas', open311Names);
    listenForInvalidations(bus, 'activities', activities);
    await announceInvalidation(bus, 'areas', 1);
    expect([routingNames.get(1), routingNames.get(2), open311Names.get(1), open311Names.get(2)]).toEqual([undefined, 'b', undefined, 'b']);
    expect([activities.get(1), activities.get(2)]).toEqual(['a', 'b']);
    await announceInvalidation(bus, 'activities');
    expect([activities.get(1), activities.get(2)]).toEqual([undefined, undefined]);
  });
});
