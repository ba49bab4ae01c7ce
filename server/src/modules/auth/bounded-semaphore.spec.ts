import { BoundedSemaphore, SemaphoreFullError } from './bounded-semaphore';

describe('BoundedSemaphore', () => {
  it('runs at most the limit at once, queues up to the queue limit in order, and refuses the rest at once', async () => {
    const sem = new BoundedSemaphore('t', 2, 3);
    const gates: Array<() => void> = [];
    const order: number[] = [];
    const task = (i: number) => () =>
      new Promise<number>((resolve) => {
        order.push(i);
        gates.push(() => resolve(i));
      });
    const runs = [0, 1, 2, 3, 4].map((i) => sem.run(task(i)));
    await expect(sem.run(task(5))).rejects.toBeInstanceOf(SemaphoreFullError);
    expect(sem.stats()).toEqual({ active: 2, queued: 3, peak: 2 });
    while (gates.length) {
      gates.shift()!();
      await new Promise((r) => setImmediate(r));
      expect(sem.stats().active).toBeLessThanOrEqual(2);
    }
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(sem.stats()).toEqual({ active: 0, queued: 0, peak: 2 });
  });

  it('frees the slot when a task throws', async () => {
    const sem = new BoundedSemaphore('t', 1, 0);
    await expect(sem.run(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(sem.run(() => Promise.resolve(7))).resolves.toBe(7);
  });
});
