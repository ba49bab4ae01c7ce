/** Incrementing ids per kind, so rows built in one test never collide; reset between tests when order matters. */
const counters = new Map<string, number>();

export function nextId(kind = 'row'): number {
  const n = (counters.get(kind) ?? 1000) + 1;
  counters.set(kind, n);
  return n;
}

export function resetIds(): void {
  counters.clear();
}

/** A fixed moment, so rows built without a time compare predictably. */
export const FACTORY_NOW = new Date('2026-11-22T02:00:00.000Z');
