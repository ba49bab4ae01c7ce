import { ReportCategory } from '../../src/modules/reports/categories/report-category.entity';
import { Report } from '../../src/modules/reports/report.entity';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_DRIVERS } from '../support/test-db';

const expectErrorBody = (body: any, code: string) => {
  expect(body).toEqual(expect.objectContaining({ code, message: expect.any(String) }));
  expect(Object.keys(body).every((k) => ['code', 'message', 'details'].includes(k))).toBe(true);
  expect(JSON.stringify(body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
};

describe.each(TEST_DRIVERS)('error contract (%s)', (driver) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp(driver);
    admin = (await t.loginAs('admin')).token;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('malformed JSON is 400 malformed_json', async () => {
    const r = await t.http('POST', '/api/auth/password', { rawBody: '{"username": "staff", ' });
    expect(r.status).toBe(400);
    expectErrorBody(r.body, 'malformed_json');
  });

  it('an unknown field is 400 validation_failed naming it', async () => {
    const r = await t.http('PATCH', '/api/me', { token: admin, body: { nickname: 'x', role: 'admin' } });
    expect(r.status).toBe(400);
    expectErrorBody(r.body, 'validation_failed');
    expect(r.body.details.fields).toEqual([expect.objectContaining({ field: 'role' })]);
  });

  it('a bad id in the path is 400 naming the parameter', async () => {
    const r = await t.http('GET', '/api/areas/abc', { token: admin });
    expect(r.status).toBe(400);
    expect(r.body.details.fields[0].field).toBe('id');
  });

  it('a missing resource is 404 with its own code; an unknown endpoint is 404 not_found', async () => {
    const area = await t.http('GET', '/api/areas/999999', { token: admin });
    expect(area.status).toBe(404);
    expectErrorBody(area.body, 'area_not_found');
    const route = await t.http('GET', '/api/no-such-thing', { token: admin });
    expect(route.status).toBe(404);
    expectErrorBody(route.body, 'not_found');
  });

  it('an illegal change is 409 and changes nothing', async () => {
    const roots = await t.http('GET', '/api/areas', { token: admin });
    const xinle = roots.body.items.find((a: { code: string }) => a.code === '130184');
    const r = await t.http('DELETE', `/api/areas/${xinle.id}`, { token: admin });
    expect(r.status).toBe(409);
    expectErrorBody(r.body, 'area_has_children');
    expect((await t.http('GET', `/api/areas/${xinle.id}`, { token: admin })).status).toBe(200);
  });

  it('a duplicate area code is 409 area_code_taken', async () => {
    const r = await t.http('POST', '/api/areas', { token: admin, body: { parentId: null, level: 'district', name: '重复', code: '130184' } });
    expect(r.status).toBe(409);
    expectErrorBody(r.body, 'area_code_taken');
  });

  it('a wrong level for the parent is 400 area_level_invalid', async () => {
    const r = await t.http('POST', '/api/areas', { token: admin, body: { parentId: null, level: 'grid', name: '网格', code: 'G1' } });
    expect(r.status).toBe(400);
    expectErrorBody(r.body, 'area_level_invalid');
  });

  it('a boundary outside China is refused', async () => {
    const r = await t.http('POST', '/api/areas', {
      token: admin,
      body: { parentId: null, level: 'district', name: '伦敦', code: 'LDN', boundary: [[-0.2, 51.5], [-0.1, 51.5], [-0.1, 51.6]] },
    });
    expect(r.status).toBe(400);
    expect(r.body.details.fields[0].field).toBe('boundary');
  });

  it('every response carries a request id, and a given one is echoed', async () => {
    const r = await t.http('GET', '/api/health/live', { headers: { 'x-request-id': 'abc-123' } });
    expect(r.headers.get('x-request-id')).toBe('abc-123');
    const r2 = await t.http('GET', '/api/health/live');
    expect(r2.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('creates a child area with its path under the parent', async () => {
    const roots = await t.http('GET', '/api/areas', { token: admin });
    const xinle = roots.body.items.find((a: { code: string }) => a.code === '130184');
    const r = await t.http('POST', '/api/areas', {
      token: admin,
      body: { parentId: xinle.id, level: 'street', name: '协神乡', code: '130184099', boundary: [[114.6, 38.3], [114.62, 38.3], [114.62, 38.32], [114.6, 38.32]] },
    });
    expect(r.status).toBe(201);
    expect(r.body.path).toBe(`${xinle.path}${r.body.id}/`);
    expect(r.body.centerLat).toBeCloseTo(38.31, 6);
    expect(r.body.ancestors.map((a: { id: number }) => a.id)).toEqual([xinle.id]);
  });

  it('an area that a report is in cannot be deleted: 409 area_in_use; once empty it can', async () => {
    const roots = await t.http('GET', '/api/areas', { token: admin });
    const xinle = roots.body.items.find((a: { code: string }) => a.code === '130184');
    const street = await t.http('POST', '/api/areas', { token: admin, body: { parentId: xinle.id, level: 'street', name: '外键乡', code: '130184098' } });
    expect(street.status).toBe(201);
    const reporter = (await t.loginAs('rider')).user.id;
    const category = await t.ds.getRepository(ReportCategory).findOneByOrFail({ key: 'traffic' });
    const due = new Date(Date.now() + 3600_000);
    const report = await t.ds.getRepository(Report).save(
      t.ds.getRepository(Report).create({
        reporterId: reporter, idempotencyKey: 'area-in-use', categoryId: category.id, description: '占用', status: 'submitted',
        lat: 38.3, lng: 114.6, areaId: street.body.id, areaPath: street.body.path, acceptDueAt: due, resolveDueAt: due,
      }),
    );
    const r = await t.http('DELETE', `/api/areas/${street.body.id}`, { token: admin });
    expect(r.status).toBe(409);
    expectErrorBody(r.body, 'area_in_use');
    expect((await t.http('GET', `/api/areas/${street.body.id}`, { token: admin })).status).toBe(200);
    await t.ds.getRepository(Report).delete({ id: report.id });
    expect((await t.http('DELETE', `/api/areas/${street.body.id}`, { token: admin })).status).toBe(204);
  });
});

