import { startTestApp, TestApp } from '../support/test-app';
import { TEST_DRIVERS } from '../support/test-db';

describe.each(TEST_DRIVERS)('GET /api/metrics on %s', (driver) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(driver);
  });
  afterAll(() => t?.close());

  it('answers Prometheus text with requests by route pattern and status, event-loop lag and the DB pool', async () => {
    await t.http('GET', '/api/health/live');
    await t.http('GET', '/api/areas/999999', { token: (await t.loginAs('rider')).token });
    const res = await fetch(`${t.baseUrl}/api/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/^xjy_http_requests_total\{method="GET",route="\/api\/health\/live",status="200"\} [1-9]/m);
    // The route pattern, never the id from the URL.
    expect(text).toMatch(/^xjy_http_requests_total\{method="GET",route="\/api\/areas\/:id",status="404"\} 1$/m);
    expect(text).not.toMatch(/route="[^"]*999999/);
    expect(text).toMatch(/^xjy_http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/api\/health\/live",status="200"\}/m);
    expect(text).toMatch(/^xjy_nodejs_eventloop_lag_seconds \d/m);
    if (driver === 'mysql') expect(text).toMatch(/^xjy_db_pool_connections\{state="total"\} \d+/m);
  });
});

describe('GET /api/metrics with METRICS_TOKEN', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(TEST_DRIVERS[0], { METRICS_TOKEN: 'scrape-token-0123456789' });
  });
  afterAll(() => t?.close());

  it('refuses a scraper without the token, even on this machine, and answers one with it', async () => {
    const none = await t.http('GET', '/api/metrics');
    expect(none.status).toBe(403);
    expect(none.body.code).toBe('forbidden');
    const wrong = await t.http('GET', '/api/metrics', { headers: { authorization: 'Bearer scrape-token-0123456780' } });
    expect(wrong.status).toBe(403);
    const ok = await fetch(`${t.baseUrl}/api/metrics`, { headers: { authorization: 'Bearer scrape-token-0123456789' } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('xjy_http_requests_total');
  });
});
