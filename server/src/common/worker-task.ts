import { Worker } from 'node:worker_threads';

export type WorkerEnd = { kind: 'timeout' } | { kind: 'error'; error: Error } | { kind: 'exit'; code: number };

/**
 * Runs one evaluated worker script to its first message: the worker is terminated once it answers, fails, exits or
 * runs past `timeoutMs`, and the promise settles exactly once. `onMessage` maps the answer; `onEnd` turns a
 * failure into the caller's own error.
 */
export function runWorkerTask<M, T>(source: string, workerData: unknown, timeoutMs: number, onMessage: (message: M) => T, onEnd: (end: WorkerEnd) => Error): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true, workerData });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const timer = setTimeout(() => finish(() => reject(onEnd({ kind: 'timeout' }))), timeoutMs);
    worker.once('message', (m: M) =>
      finish(() => {
        try {
          resolve(onMessage(m));
        } catch (e) {
          reject(e);
        }
      }),
    );
    worker.once('error', (error) => finish(() => reject(onEnd({ kind: 'error', error }))));
    worker.once('exit', (code) => finish(() => reject(onEnd({ kind: 'exit', code }))));
  });
}
