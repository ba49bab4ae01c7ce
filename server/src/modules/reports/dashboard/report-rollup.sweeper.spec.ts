import type { ReportRollupRepository } from './report-rollup.repository';
import { ReportRollupSweeper } from './report-rollup.sweeper';

describe(ReportRollupSweeper.name, () => {
  it('runs one sweep at a time and reports the days it built', async () => {
    let release: (n: number) => void = () => undefined;
    const budgets: number[] = [];
    const repo = { sweep: (budget: number) => (budgets.push(budget), new Promise<number>((r) => (release = r))) } as unknown as ReportRollupRepository;
    const sweeper = new ReportRollupSweeper(repo, { env: 'test' });
    const first = sweeper.sweep(1000);
    expect(await sweeper.sweep()).toBe(0);
    release(3);
    expect(await first).toBe(3);
    const again = sweeper.sweep();
    release(1);
    expect(await again).toBe(1);
    expect(budgets).toEqual([1000, 3000]);
  });

  it('starts no timer under test and waits for a running sweep when the module stops', async () => {
    let done = false;
    const repo = { sweep: () => new Promise<number>((r) => setTimeout(() => ((done = true), r(2)), 20)) } as unknown as ReportRollupRepository;
    const sweeper = new ReportRollupSweeper(repo, { env: 'test' });
    sweeper.onModuleInit();
    void sweeper.sweep();
    await sweeper.onModuleDestroy();
    expect(done).toBe(true);
  });
});
