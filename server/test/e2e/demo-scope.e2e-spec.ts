import { DEMO_CITIES } from '../../src/database/seeds/demo-areas';
import { createReport } from '../support/reports-helpers';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_DRIVERS } from '../support/test-db';

jest.setTimeout(90_000);

// The mini-program starts its map (and falls back, without location) at the first demo city's centre.
const MAP_START = DEMO_CITIES[0].center;

describe.each(TEST_DRIVERS)('the demo staff sees what is filed where the map starts (%s)', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(driver);
  });
  afterAll(() => t?.close());

  it("puts a report filed at the map's starting point in the demo staff's queue, not only the admin's", async () => {
    const streamer = (await t.loginAs('streamer')).token;
    const staff = (await t.loginAs('staff')).token;
    const filed = await createReport(t, streamer, { lat: MAP_START.lat, lng: MAP_START.lng, description: '市中心路口井盖缺失' });
    expect(filed.status).toBe(201);
    const queue = await t.http('GET', '/api/reports?status=submitted', { token: staff });
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((r: { id: number }) => r.id)).toContain(filed.body.id);
    const detail = await t.http('GET', `/api/reports/${filed.body.id}`, { token: staff });
    expect(detail.status).toBe(200);
    expect(detail.body.actions).toContain('accept');
  });
});
