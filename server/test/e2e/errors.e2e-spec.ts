import { ERROR_MESSAGES, isChineseText } from '@xjy/shared';
import { connect } from 'node:net';
import sharp from 'sharp';
import { ReportCategory } from '../../src/modules/reports/categories/report-category.entity';
import { Report } from '../../src/modules/reports/report.entity';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_DRIVERS } from '../support/test-db';

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: any;
}

/** Sends bytes fetch cannot send (a broken request line, a huge header) and reads one whole HTTP response back. */
function rawRequest(baseUrl: string, data: string): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let buf = Buffer.alloc(0);
    const tryParse = (ended: boolean) => {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return ended ? reject(new Error(`no response: ${buf.toString()}`)) : undefined;
      const [statusLine, ...lines] = buf.subarray(0, end).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      const length = Number(headers['content-length'] ?? NaN);
      const bodyBytes = buf.subarray(end + 4);
      if (!ended && !(bodyBytes.length >= length)) return undefined;
      socket.destroy();
      const text = bodyBytes.toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        /* keep the text */
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    };
    socket.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      tryParse(false);
    });
    socket.on('end', () => tryParse(true));
    socket.on('error', reject);
    socket.write(data);
  });
}

async function multipart(baseUrl: string, token: string, parts: Array<{ name: string; file?: Buffer; value?: string }>) {
  const form = new FormData();
  for (const p of parts) {
    if (p.file) form.append(p.name, new Blob([new Uint8Array(p.file)], { type: 'image/jpeg' }), 'photo.jpg');
    else form.append(p.name, p.value ?? '');
  }
  const res = await fetch(`${baseUrl}/api/media`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: res.status, body: (await res.json()) as any, headers: res.headers };
}

/** A real small JPEG whose SOF marker declares width x height. */
async function jpegDeclaring(width: number, height: number): Promise<Buffer> {
  const b = Buffer.from(await sharp({ create: { width: 16, height: 16, channels: 3, background: '#888' } }).jpeg().toBuffer());
  for (let i = 2; i < b.length - 9; ) {
    if (b[i + 1] === 0xc0 || b[i + 1] === 0xc2) {
      b.writeUInt16BE(height, i + 5);
      b.writeUInt16BE(width, i + 7);
      return b;
    }
    i += 2 + b.readUInt16BE(i + 2);
  }
  throw new Error('no SOF marker');
}

const expectErrorBody = (body: any, code: string) => {
  expect(body).toEqual(expect.objectContaining({ code, message: expect.any(String) }));
  expect(isChineseText(body.message)).toBe(true);
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
    expect(r.body.details.fields[0].message).toMatch(/^边界须为 3 至 \d+ 个位于中国境内的点$/);
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

  describe('robustness: the contract holds for hostile input', () => {
    it('a deeply nested JSON body is 400 json_too_deep, not a 500', async () => {
      const r = await t.http('PATCH', '/api/me', { token: admin, rawBody: '{"nickname":' + '['.repeat(2000) + ']'.repeat(2000) + '}' });
      expect(r.status).toBe(400);
      expectErrorBody(r.body, 'json_too_deep');
      expect(r.headers.get('x-request-id')).toBeTruthy();
      const ok = await t.http('PATCH', '/api/me', { token: admin, rawBody: '{"nickname":"深度正常"}' });
      expect(ok.status).toBe(200);
    });

    it.each([
      ['PATCH /api/me nickname', 'PATCH', '/api/me', { nickname: null }, 'nickname'],
      ['PATCH /api/admin/departments/:id active', 'PATCH', '/api/admin/departments/1', { active: null }, 'active'],
      ['PATCH /api/stations/:id name', 'PATCH', '/api/stations/1', { name: null }, 'name'],
    ])('null on an optional field that is not nullable is 400 validation_failed (%s)', async (_name, method, path, body, field) => {
      const r = await t.http(method, path, { token: admin, body });
      expect(r.status).toBe(400);
      expectErrorBody(r.body, 'validation_failed');
      expect(r.body.details.fields).toEqual([{ field, message: expect.stringContaining('不能为空') }]);
    });

    it('{"active": null} changes nothing', async () => {
      const before = await t.http('GET', '/api/admin/departments', { token: admin });
      expect((await t.http('PATCH', '/api/admin/departments/1', { token: admin, body: { active: null } })).status).toBe(400);
      expect((await t.http('GET', '/api/admin/departments', { token: admin })).body).toEqual(before.body);
    });

    it('null on a field documented nullable still clears it', async () => {
      const r = await t.http('PATCH', '/api/me', { token: admin, body: { employer: null } });
      expect(r.status).toBe(200);
    });

    it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__'])('an inherited property name (%s) is 400 validation_failed', async (name) => {
      const r = await t.http('PATCH', '/api/me', { token: admin, rawBody: `{"nickname":"x","${name}":{"a":1}}` });
      expect(r.status).toBe(400);
      expectErrorBody(r.body, 'validation_failed');
      expect(r.body.details.fields).toEqual([expect.objectContaining({ field: name })]);
      const q = await t.http('GET', `/api/areas?${name}=1`, { token: admin });
      expect(q.status).toBe(400);
      expectErrorBody(q.body, 'validation_failed');
    });

    it.each(['0x1', '1e0', '00001', '1%20', '+1', '%2B1', '1.0', '-1', '0', '99999999999999999'])('the path id %s is 400, not id 1', async (id) => {
      const r = await t.http('GET', `/api/areas/${id}`, { token: admin });
      expect(r.status).toBe(400);
      expectErrorBody(r.body, 'validation_failed');
      expect(r.body.details.fields[0]).toEqual({ field: 'id', message: '编号必须是正整数' });
    });

    it.each(['0x1', '1e0', '+1', '%201'])('a numeric query parameter written as %s is 400, not 1', async (v) => {
      const r = await t.http('GET', `/api/areas?parentId=${v}`, { token: admin });
      expect(r.status).toBe(400);
      expect(r.body.details.fields).toEqual([{ field: 'parentId', message: '上级区域必须是数字' }]);
    });

    it('an id in a scoped path is strict before the access check too', async () => {
      const staff = (await t.loginAs('staff')).token;
      const r = await t.http('PATCH', '/api/stations/0x1', { token: staff, body: { name: '改名' } });
      expect(r.status).toBe(400);
      expectErrorBody(r.body, 'validation_failed');
    });

    it('a wrong method on an existing path is 405 method_not_allowed with Allow', async () => {
      const r = await t.http('PUT', '/api/areas/1', { token: admin, body: {} });
      expect(r.status).toBe(405);
      expectErrorBody(r.body, 'method_not_allowed');
      expect(r.headers.get('allow')).toBe('DELETE, GET, HEAD, PATCH');
      expect(r.headers.get('x-request-id')).toBeTruthy();
      const live = await t.http('POST', '/api/health/live');
      expect(live.status).toBe(405);
      expect(live.headers.get('allow')).toBe('GET, HEAD');
      expect((await t.http('POST', '/api/no-such-thing')).status).toBe(404);
    });

    it('multipart without a boundary, or with a wrong one, is 400 multipart_invalid', async () => {
      const none = await t.http('POST', '/api/media', { token: admin, rawBody: 'hello', headers: { 'content-type': 'multipart/form-data' } });
      expect(none.status).toBe(400);
      expectErrorBody(none.body, 'multipart_invalid');
      const wrong = await t.http('POST', '/api/media', {
        token: admin,
        rawBody: '--other\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\nxx\r\n--other--\r\n',
        headers: { 'content-type': 'multipart/form-data; boundary=expected' },
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.code).toMatch(/^(multipart_invalid|validation_failed)$/);
      expectErrorBody(wrong.body, wrong.body.code);
    });

    it('POST /api/media takes exactly one file named "file" and nothing else', async () => {
      const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c84' } }).jpeg().toBuffer();
      const two = await multipart(t.baseUrl, admin, [{ name: 'file', file: photo }, { name: 'file', file: photo }]);
      expect(two.status).toBe(400);
      expectErrorBody(two.body, 'multipart_too_many_files');
      const wrongName = await multipart(t.baseUrl, admin, [{ name: 'photo', file: photo }]);
      expect(wrongName.status).toBe(400);
      expectErrorBody(wrongName.body, 'multipart_unexpected_field');
      const extraField = await multipart(t.baseUrl, admin, [{ name: 'file', file: photo }, { name: 'note', value: 'x' }]);
      expect(extraField.status).toBe(400);
      expectErrorBody(extraField.body, 'multipart_unexpected_field');
      const manyFields = await multipart(t.baseUrl, admin, [...Array.from({ length: 8 }, (_, i) => ({ name: `f${i}`, value: 'x' })), { name: 'file', file: photo }]);
      expect(manyFields.status).toBe(400);
      expect(['multipart_unexpected_field', 'multipart_too_many_fields']).toContain((manyFields.body as { code: string }).code);
      const ok = await multipart(t.baseUrl, admin, [{ name: 'file', file: photo }]);
      expect(ok.status).toBe(201);
    });

    it('a pixel bomb above 16383² is 413 image_too_large', async () => {
      const r = await multipart(t.baseUrl, admin, [{ name: 'file', file: await jpegDeclaring(20_000, 20_000) }]);
      expect(r.status).toBe(413);
      expectErrorBody(r.body, 'image_too_large');
    });

    it('a body over the limit is 413 payload_too_large; an unknown content type is 415', async () => {
      const big = await t.http('PATCH', '/api/me', { token: admin, rawBody: JSON.stringify({ nickname: 'x'.repeat(2 * 1024 * 1024) }) });
      expect(big.status).toBe(413);
      expectErrorBody(big.body, 'payload_too_large');
      const xml = await t.http('PATCH', '/api/me', { token: admin, rawBody: '<a/>', headers: { 'content-type': 'text/xml' } });
      expect(xml.status).toBe(415);
      expectErrorBody(xml.body, 'unsupported_media_type');
    });

    it('bad percent-encoding in the URL is 400 bad_request with the body and X-Request-Id', async () => {
      const r = await rawRequest(t.baseUrl, 'GET /api/areas/%E0%A4%A HTTP/1.1\r\nHost: x\r\n\r\n');
      expect(r.status).toBe(400);
      expectErrorBody(r.body, 'bad_request');
      expect(r.headers['x-request-id']).toBeTruthy();
    });

    it('an over-long path parameter is 414 uri_too_long', async () => {
      const r = await t.http('GET', `/api/areas/${'1'.repeat(200)}`, { token: admin });
      expect(r.status).toBe(414);
      expectErrorBody(r.body, 'uri_too_long');
      expect(r.headers.get('x-request-id')).toBeTruthy();
    });

    it('headers too large are 431 header_too_large, answered in full before the connection closes', async () => {
      const r = await rawRequest(t.baseUrl, `GET /api/health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      expect(r.status).toBe(431);
      expectErrorBody(r.body, 'header_too_large');
      expect(r.headers['x-request-id']).toBeTruthy();
      expect(r.headers.connection).toBe('close');
      expect((await t.http('GET', '/api/health/live')).status).toBe(200);
    });

    it('a malformed request line is 400 bad_request with the body and X-Request-Id', async () => {
      const r = await rawRequest(t.baseUrl, 'NOT A REQUEST\r\n\r\n');
      expect(r.status).toBe(400);
      expectErrorBody(r.body, 'bad_request');
      expect(r.headers['x-request-id']).toBeTruthy();
    });
  });

  describe('messages people read are Chinese, with field labels', () => {
    it('the nearby fast route names its fields by label', async () => {
      const r = await t.http('GET', '/api/stations/nearby?lat=38.3&lng=114.6&radius=0', { token: admin });
      expect(r.status).toBe(400);
      expectErrorBody(r.body, 'validation_failed');
      expect(r.body.details.fields).toEqual([{ field: 'radius', message: '搜索半径不能小于 1 米' }]);
      expect(r.body.message).toBe('搜索半径不能小于 1 米');
      const outside = await t.http('GET', '/api/stations/nearby?lat=48.85&lng=2.35', { token: admin });
      expect(outside.body.details.fields).toEqual([{ field: 'lat', message: '位置必须在中国境内' }]);
    });

    it('class-validator constraints become Chinese sentences naming the label', async () => {
      const r = await t.http('PATCH', '/api/me', { token: admin, body: { nickname: '长'.repeat(200), trade: 'pilot' } });
      expect(r.status).toBe(400);
      const byField = Object.fromEntries(r.body.details.fields.map((f: { field: string; message: string }) => [f.field, f.message]));
      expect(byField.nickname).toMatch(/^昵称最多 \d+ 个字$/);
      expect(byField.trade).toBe('行业的取值无效');
      for (const f of r.body.details.fields) expect(f.message).not.toMatch(/[A-Za-z]{3,}/);
    });

    it('an unknown endpoint and the throttler answer from the catalogue', async () => {
      const r = await t.http('GET', '/api/no-such-thing');
      expect(r.body.message).toBe(ERROR_MESSAGES.not_found);
    });
  });
});
