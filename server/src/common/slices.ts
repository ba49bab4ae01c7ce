/** Lets the event loop run what is waiting (I/O callbacks, other requests) before this continues. */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * `items.map(fn)` a slice at a time, yielding to the event loop between slices: for mapping thousands of items in
 * a request (or a cache refresh) without holding up the requests that arrive meanwhile.
 */
export async function mapInSlices<T, U>(items: readonly T[], fn: (item: T) => U, size = 100): Promise<U[]> {
  const out: U[] = [];
  for (let i = 0; i < items.length; i += size) {
    if (i > 0) await yieldToLoop();
    for (let j = i; j < Math.min(items.length, i + size); j++) out.push(fn(items[j]));
  }
  return out;
}
