import { runWorkerTask, type WorkerEnd } from './worker-task';

const asError = (end: WorkerEnd) => new Error(end.kind === 'exit' ? `exit ${end.code}` : end.kind === 'error' ? `error ${end.error.message}` : 'timeout');

describe(runWorkerTask.name, () => {
  it("maps the worker's first answer", async () => {
    const src = "require('node:worker_threads').parentPort.postMessage(require('node:worker_threads').workerData * 2)";
    await expect(runWorkerTask(src, 21, 10_000, (n: number) => n + 0.5, asError)).resolves.toBe(42.5);
  });

  it('rejects through the caller when the worker throws, exits without answering, or runs past its time', async () => {
    await expect(runWorkerTask("throw new Error('boom')", null, 10_000, () => 0, asError)).rejects.toThrow('error boom');
    await expect(runWorkerTask('process.exit(3)', null, 10_000, () => 0, asError)).rejects.toThrow('exit 3');
    await expect(runWorkerTask('setInterval(() => {}, 1000)', null, 200, () => 0, asError)).rejects.toThrow('timeout');
  });

  it('turns an answer the caller refuses into a rejection', async () => {
    const src = "require('node:worker_threads').parentPort.postMessage('bad')";
    await expect(runWorkerTask(src, null, 10_000, () => { throw new Error('refused'); }, asError)).rejects.toThrow('refused');
  });
});
