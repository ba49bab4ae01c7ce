import { gcj02ToWgs84, haversineM, wgs84ToGcj02 } from '@xjy/shared';
import { Report } from '../../src/modules/reports/report.entity';
import { centerOf, createReport } from '../support/reports-helpers';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_DRIVERS } from '../support/test-db';

/** Every field GeoReport v2 lists for a service request (GET requests.json / requests/{id}.json). */
const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
].sort();
const SERVICE_FIELDS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'].sort();
const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

describe.each(TEST_DRIVERS)('Open311 GeoReport v2 (%s)', (driver) => {
  let t: TestApp;
  let streamer: string;
  let staff: string;
  let admin: string;
  let reportId: number;
  let flaggedId: number;
  let center: { lat: number; lng: number };

  const form = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(t.baseUrl + path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields).toString() }).then(async (r) => ({
      status: r.status,
      type: r.headers.get('content-type'),
      body: JSON.parse(await r.text()) as any,
    }));
  const raw = async (path: string) => {
    const r = await fetch(t.baseUrl + path);
    return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
  };

  beforeAll(async () => {
    t = await startTestApp(driver, { OPEN311_CACHE_S: '1' });
    [streamer, staff, admin] = await Promise.all(['streamer', 'staff', 'admin'].map(async (a) => (await t.loginAs(a as 'rider')).token));
    center = await centerOf(t, '13018400100101');
    const a = await createReport(t, streamer, { lat: center.lat, lng: center.lng, description: '井盖缺失 <危险> & 需处理' });
    reportId = a.body.id;
    await t.http('POST', `/api/reports/${reportId}/accept`, { token: staff, body: { points: 6 } });
    const b = await createReport(t, streamer, { lat: center.lat, lng: center.lng, description: '被内容安全拦下的上报' });
    flaggedId = b.body.id;
    await t.ds.getRepository(Report).update({ id: flaggedId }, { flaggedAt: new Date() });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves the spec’s paths outside /api: services.json lists the active categories as services', async () => {
    const r = await t.http('GET', '/open311/v2/services.json');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/json');
    expect(r.body.length).toBeGreaterThanOrEqual(5);
    for (const s of r.body) expect(Object.keys(s).sort()).toEqual(SERVICE_FIELDS);
    expect(r.body.find((s: any) => s.service_code === 'traffic')).toMatchObject({ service_name: '交通劝导', metadata: false, type: 'realtime' });
    expect((await t.http('GET', '/api/open311/v2/services.json')).status).toBe(404);
  });

  it('gives a service definition by code, and a 404 in the spec’s error format for an unknown one', async () => {
    expect(await t.http('GET', '/open311/v2/services/traffic.json')).toMatchObject({ status: 200, body: { service_code: 'traffic', attributes: [] } });
    const r = await t.http('GET', '/open311/v2/services/nope.json');
    expect(r.status).toBe(404);
    expect(r.body).toEqual([{ code: 404, description: expect.stringMatching(/[\u4e00-\u9fff]/) }]);
  });

  it('lists requests with exactly the spec’s fields, WGS-84 coordinates, China-time W3C dates and no reporter', async () => {
    const r = await t.http('GET', '/open311/v2/requests.json');
    expect(r.status).toBe(200);
    const mine = r.body.find((x: any) => x.service_request_id === String(reportId));
    expect(Object.keys(mine).sort()).toEqual(REQUEST_FIELDS);
    expect(mine).toMatchObject({ status: 'open', service_code: 'traffic', service_name: '交通劝导', description: '井盖缺失 <危险> & 需处理', status_notes: '已采纳' });
    expect(mine.requested_datetime).toMatch(W3C);
    expect(mine.updated_datetime).toMatch(W3C);
    expect(mine.requested_datetime.endsWith('+08:00')).toBe(true);
    // The stored instants, in China time, to the second (as each driver hands the columns back).
    const stored = await t.ds.getRepository(Report).findOneByOrFail({ id: reportId });
    const china = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19) + '+08:00';
    expect([mine.requested_datetime, mine.updated_datetime, mine.expected_datetime]).toEqual([china(stored.createdAt), china(stored.updatedAt), china(stored.resolveDueAt)]);
    // WGS-84: about 500 m from the GCJ-02 point around here, and converting back lands on the stored point.
    const wgs = { lat: mine.lat, lng: mine.long };
    const expected = gcj02ToWgs84(center);
    expect(haversineM(wgs, expected)).toBeLessThan(0.5);
    expect(haversineM(wgs, center)).toBeGreaterThan(100);
    expect(haversineM(wgs84ToGcj02(wgs), center)).toBeLessThan(0.5);
    expect(typeof mine.address).toBe('string');
    expect(mine.media_url).toMatch(/\/api\/media\/\d+\/file\?exp=\d+&sig=/);
    expect(JSON.stringify(r.body)).not.toMatch(/reporter|nickname|streamer/i);
  });

  it('never shows a report hidden by content security, in the list or by id', async () => {
    const list = await t.http('GET', '/open311/v2/requests.json');
    expect(list.body.map((x: any) => x.service_request_id)).not.toContain(String(flaggedId));
    const one = await t.http('GET', `/open311/v2/requests/${flaggedId}.json`);
    expect(one.status).toBe(404);
    expect(one.body[0].code).toBe(404);
  });

  describe('the requests feed, cached for OPEN311_CACHE_S', () => {
    const since = `start_date=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString())}`;
    const listed = async (app: TestApp, q: string) => ((await app.http('GET', `/open311/v2/requests.json?${q}`)).body as any[]).map((x) => x.service_request_id);
    const flag = (app: TestApp, id: string) => app.ds.getRepository(Report).update({ id: Number(id) }, { flaggedAt: new Date() });

    it('drops a report flagged after it was listed once the TTL (1 s here) has passed, in every query and format', async () => {
      const id = String((await createReport(t, streamer, { description: '列出后才被拦下的上报' })).body.id);
      expect(await listed(t, since)).toContain(id);
      expect(await listed(t, `${since}&service_code=traffic&status=open`)).toContain(id);
      expect((await raw(`/open311/v2/requests.xml?${since}`)).text).toContain(`<service_request_id>${id}</service_request_id>`);
      await flag(t, id);
      await new Promise((r) => setTimeout(r, 1100));
      expect(await listed(t, since)).not.toContain(id);
      expect(await listed(t, `${since}&service_code=traffic&status=open`)).not.toContain(id);
      expect((await raw(`/open311/v2/requests.xml?${since}`)).text).not.toContain(`<service_request_id>${id}</service_request_id>`);
    });

    it('answers a bad query with its 400 every time (errors are not cached)', async () => {
      for (let i = 0; i < 2; i++) expect((await t.http('GET', `/open311/v2/requests.json?${since}&status=pending`)).status).toBe(400);
    });

    describe('with OPEN311_CACHE_S=0', () => {
      let u: TestApp;
      beforeAll(async () => {
        u = await startTestApp(driver, { OPEN311_CACHE_S: '0' });
      });
      afterAll(async () => {
        await u?.close();
      });

      it('drops a flagged report at once', async () => {
        const token = (await u.loginAs('streamer')).token;
        const id = String((await createReport(u, token, { description: '立即被拦下的上报' })).body.id);
        expect(await listed(u, since)).toContain(id);
        await flag(u, id);
        expect(await listed(u, since)).not.toContain(id);
      });
    });
  });

  it('gives one request by id as a one-item list', async () => {
    const r = await t.http('GET', `/open311/v2/requests/${reportId}.json`);
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(1);
    expect(Object.keys(r.body[0]).sort()).toEqual(REQUEST_FIELDS);
  });

  it('filters by service_code, status and dates, and by a list of ids', async () => {
    const ids = async (q: string) => ((await t.http('GET', `/open311/v2/requests.json?${q}`)).body as any[]).map((x) => x.service_request_id);
    expect(await ids('service_code=traffic')).toContain(String(reportId));
    expect(await ids('service_code=hazard')).not.toContain(String(reportId));
    expect(await ids('status=open')).toContain(String(reportId));
    expect(await ids('status=closed')).not.toContain(String(reportId));
    expect(await ids(`start_date=2020-01-01&end_date=2020-03-01`)).toEqual([]);
    expect(await ids(`end_date=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`)).toContain(String(reportId));
    expect(await ids(`service_request_id=${reportId},${flaggedId}`)).toEqual([String(reportId)]);
  });

  it.each([
    ['start_date=2026-01-01&end_date=2026-06-01', 'end_date'],
    ['start_date=2026-03-01&end_date=2026-02-01', 'start_date'],
    ['start_date=yesterday', 'start_date'],
    ['status=pending', 'status'],
    ['service_request_id=1;2', 'service_request_id'],
  ])('refuses %s with a 400 in the spec’s format', async (q) => {
    const r = await t.http('GET', `/open311/v2/requests.json?${q}`);
    expect(r.status).toBe(400);
    expect(r.body).toEqual([{ code: 400, description: expect.stringMatching(/[\u4e00-\u9fff]/) }]);
  });

  it('answers XML for .xml paths, escaped, with the same fields', async () => {
    const r = await raw(`/open311/v2/requests/${reportId}.xml`);
    expect(r.status).toBe(200);
    expect(r.type).toContain('text/xml');
    expect(r.text).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?><service_requests><request><service_request_id>\d+<\/service_request_id>/);
    expect(r.text).toContain('<description>井盖缺失 &lt;危险&gt; &amp; 需处理</description>');
    for (const f of REQUEST_FIELDS) expect(r.text).toContain(`<${f}>`);
    const s = await raw('/open311/v2/services.xml');
    expect(s.text).toContain('<services><service><service_code>');
    const e = await raw('/open311/v2/requests.xml?status=x');
    expect(e.status).toBe(400);
    expect(e.text).toMatch(/<errors><error><code>400<\/code><description>.+<\/description><\/error><\/errors>/);
    expect((await raw('/open311/v2/requests.csv')).status).toBe(404);
  });

  describe('POST requests.json with an admin-issued api_key', () => {
    let key: string;
    let clientId: number;

    beforeAll(async () => {
      const r = await t.http('POST', '/api/admin/open311-keys', { token: admin, body: { name: '市 12345 热线平台' } });
      expect(r.status).toBe(201);
      key = r.body.apiKey;
      clientId = r.body.id;
    });

    it('issues a key once and lists only its prefix; only admins may', async () => {
      expect(key).toMatch(/^o311_[A-Za-z0-9_-]{43}$/);
      const list = await t.http('GET', '/api/admin/open311-keys', { token: admin });
      const row = list.body.items.find((c: any) => c.id === clientId);
      expect(row).toMatchObject({ name: '市 12345 热线平台', keyPrefix: key.slice(0, 12), active: true, revokedAt: null });
      expect(JSON.stringify(list.body)).not.toContain(key);
      expect((await t.http('POST', '/api/admin/open311-keys', { token: staff, body: { name: 'x' } })).status).toBe(403);
      expect((await t.http('POST', '/api/admin/open311-keys', { token: admin, body: { name: '' } })).status).toBe(400);
    });

    it('files a report at the WGS-84 point converted to GCJ-02, under the client’s account, once per Idempotency-Key', async () => {
      const wgs = gcj02ToWgs84(center);
      const fields = { api_key: key, service_code: 'environment', lat: String(wgs.lat), long: String(wgs.lng), description: '垃圾满溢（来自 12345）' };
      const r = await form('/open311/v2/requests.json', fields, { 'idempotency-key': 'open311-test-0001' });
      expect(r.status).toBe(201);
      expect(r.body).toEqual([{ service_request_id: expect.stringMatching(/^\d+$/), service_notice: expect.any(String), account_id: null }]);
      const id = Number(r.body[0].service_request_id);
      const row = await t.ds.getRepository(Report).findOneByOrFail({ id });
      expect(haversineM(row, center)).toBeLessThan(0.5);
      expect(row.status).toBe('submitted');
      const again = await form('/open311/v2/requests.json', fields, { 'idempotency-key': 'open311-test-0001' });
      expect(again.body[0].service_request_id).toBe(String(id));
      const listed = await t.http('GET', `/open311/v2/requests/${id}.json`);
      expect(listed.body[0]).toMatchObject({ service_code: 'environment', status: 'open', description: '垃圾满溢（来自 12345）' });
    });

    it('refuses a missing or wrong key with 403, and missing fields with a 400 naming each, creating nothing', async () => {
      const before = await t.ds.getRepository(Report).count();
      const wgs = gcj02ToWgs84(center);
      const ok = { service_code: 'environment', lat: String(wgs.lat), long: String(wgs.lng), description: '测试' };
      const wrong = await form('/open311/v2/requests.json', { ...ok, api_key: `o311_${'A'.repeat(43)}` });
      expect(wrong.status).toBe(403);
      expect(wrong.body).toEqual([{ code: 403, description: '接口密钥无效或已吊销' }]);
      const missing = await form('/open311/v2/requests.json', { api_key: key, service_code: 'environment' });
      expect(missing.status).toBe(400);
      expect(missing.body.map((e: any) => e.code)).toEqual([400, 400, 400]);
      const unknown = await form('/open311/v2/requests.json', { ...ok, api_key: key, service_code: 'nope' });
      expect(unknown.status).toBe(404);
      expect(await t.ds.getRepository(Report).count()).toBe(before);
    });

    it('stops accepting a revoked key', async () => {
      const r = await t.http('POST', `/api/admin/open311-keys/${clientId}/revoke`, { token: admin });
      expect(r).toMatchObject({ status: 201, body: { active: false } });
      const wgs = gcj02ToWgs84(center);
      const after = await form('/open311/v2/requests.json', { api_key: key, service_code: 'environment', lat: String(wgs.lat), long: String(wgs.lng), description: '测试' });
      expect(after.status).toBe(403);
      expect((await t.http('POST', '/api/admin/open311-keys/999999/revoke', { token: admin })).status).toBe(404);
    });
  });
});
