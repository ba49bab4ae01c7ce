import { writeFileSync } from 'node:fs';
import { fuzz, FuzzSummary, OpenApiDoc } from '../support/fuzz';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_DRIVERS } from '../support/test-db';

// A fixed seed so a failure can be replayed (FUZZ_SEED=<seed>); the budget keeps npm test short on a 2-core CI.
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const MAX_REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 2500);
const MAX_SECONDS = Number(process.env.FUZZ_SECONDS ?? 45);
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 1);

describe.each(TEST_DRIVERS)('schema-guided fuzz of every operation × role (%s)', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(driver);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  }, 60_000);

  it('answers no 5xx, keeps the error contract, matches the documented schemas, and a refused request changes nothing', async () => {
    const doc = (await t.http('GET', '/api/docs-json')).body as OpenApiDoc;
    const summary: FuzzSummary = await fuzz(
      doc,
      {
        baseUrl: t.baseUrl,
        ds: t.ds,
        login: async (role) => {
          const r = await t.http('POST', '/api/auth/dev', { body: { account: role } });
          if (r.status !== 200) throw new Error(`demo login ${role}: ${r.status} ${JSON.stringify(r.body)}`);
          return (r.body as { token: string }).token;
        },
      },
      { seed: SEED, maxRequests: MAX_REQUESTS, maxSeconds: MAX_SECONDS, concurrency: CONCURRENCY },
    );
    const line = `fuzz ${driver}: seed ${summary.seed}, ${summary.requests} requests over ${summary.operations} operations in ${summary.seconds} s; ${summary.fiveXx} × 5xx, ${summary.contractBreaks} contract breaks; statuses ${JSON.stringify(summary.byStatus)}`;
    console.log(line);
    if (process.env.FUZZ_REPORT) writeFileSync(process.env.FUZZ_REPORT, JSON.stringify({ driver, ...summary }, null, 2));
    // Every operation met every role at least once.
    expect(summary.requests).toBeGreaterThanOrEqual(summary.operations * 6);
    expect(summary.breaks.map((b) => `${b.kind} ${b.status} ${b.request.slice(0, 200)} → ${b.detail.slice(0, 300)}`)).toEqual([]);
  }, (MAX_SECONDS + 120) * 1000);
});
