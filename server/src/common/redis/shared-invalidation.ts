import type { TtlCache } from '../ttl-cache';
import type { ClusterBus } from './cluster-bus';

/**
 * Named invalidations every instance hears (over the cluster bus): a cache that copies rows of another table
 * listens to the table's name, and whoever changes a row says so. A key is sent as its string form; '*' drops all.
 * With Redis down the caches still expire by their TTL, so a lost message only delays.
 */
export const INVALIDATIONS = {
  /** An area's name or place changed (rename, delete): caches of area names drop it. */
  areas: 'invalidate:areas',
  /** An activity changed (edit, cancel, confirmation): the check-in path's cached copy drops it. */
  activities: 'invalidate:activities',
} as const;
export type InvalidationName = keyof typeof INVALIDATIONS;

export function listenForInvalidations(bus: ClusterBus, name: InvalidationName, cache: TtlCache<number, unknown>): void {
  bus.subscribe(INVALIDATIONS[name], (message) => {
    if (message === '*') return cache.invalidate();
    const id = Number(message);
    if (Number.isSafeInteger(id)) cache.invalidate(id);
  });
}

/** Tells every instance (this one at once) that a row changed; `undefined` for "all of them". */
export function announceInvalidation(bus: ClusterBus, name: InvalidationName, id?: number): Promise<void> {
  return bus.publish(INVALIDATIONS[name], id === undefined ? '*' : String(id));
}
