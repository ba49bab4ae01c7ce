import { gcj02ToWgs84, haversineM, wgs84ToGcj02 } from '@xjy/shared';
import { areaFactory, categoryFactory, departmentFactory, reportFactory } from '../../../test/factories';
import { FakeOpen311Repository } from '../../../test/fakes/open311.fakes';
import type { MediaService } from '../media/media.service';
import type { ReportSubmissionService } from '../reports/report-submission.service';
import { Open311KeysService } from './open311-keys.service';
import { Open311Service } from './open311.service';

const HOUR = 3600_000;
const NOW = new Date('2026-11-22T02:00:00.000Z');
const ago = (h: number) => new Date(NOW.getTime() - h * HOUR);
const failure = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string; details?: unknown }) => ({ code: e.code, details: e.details }));

describe(Open311Service.name, () => {
  const parking = categoryFactory({ id: 1, key: 'parking', label: '乱停乱放', sortOrder: 2 });
  const hazard = categoryFactory({ id: 2, key: 'hazard', label: '安全隐患', sortOrder: 1 });
  const retired = categoryFactory({ id: 3, key: 'retired', label: '旧类别', archivedAt: ago(1000) });
  const area = areaFactory({ id: 11, name: '长寿街道一社区' });
  const dept = departmentFactory({ id: 5, name: '城管局' });
  let repo: FakeOpen311Repository;
  let service: Open311Service;
  let created: Array<{ auth: unknown; key: string; dto: { category: string; lat: number; lng: number; description: string; mediaIds: number[] } }>;

  beforeEach(() => {
    repo = new FakeOpen311Repository();
    repo.categories = [parking, hazard, retired];
    repo.areas = [area];
    repo.departments = [dept];
    repo.reports = [
      reportFactory({ id: 1, categoryId: 1, areaId: 11, status: 'submitted', createdAt: ago(10), updatedAt: ago(9), lat: 38.3435, lng: 114.6839 }),
      reportFactory({ id: 2, categoryId: 2, areaId: 11, status: 'resolved', departmentId: 5, createdAt: ago(20) }),
      reportFactory({ id: 3, categoryId: 1, areaId: 11, status: 'rejected', createdAt: ago(30) }),
      reportFactory({ id: 4, categoryId: 1, areaId: 11, status: 'accepted', createdAt: ago(40), flaggedAt: ago(39) }),
      reportFactory({ id: 5, categoryId: 1, areaId: 11, status: 'accepted', createdAt: ago(24 * 100) }),
    ];
    const media = { attachedTo: async (_t: string, ids: number[]) => new Map(ids.filter((id) => id === 1).map((id) => [id, [{ id: 9, url: '/api/media/9/file?exp=1&sig=s' }]])) } as unknown as MediaService;
    created = [];
    const submissions = {
      create: async (auth: unknown, key: string, dto: (typeof created)[number]['dto']) => {
        created.push({ auth, key, dto });
        return { id: 77 };
      },
    } as unknown as ReportSubmissionService;
    service = new Open311Service(repo.asRepository(), media, new Open311KeysService(repo.asRepository()), submissions);
  });

  it('lists active categories as services in their order', async () => {
    const s = await service.services();
    expect(s.map((x) => x.service_code)).toEqual(['hazard', 'parking']);
    expect(s[0]).toEqual({ service_code: 'hazard', service_name: '安全隐患', description: '安全隐患', metadata: false, type: 'realtime', keywords: '', group: '随手拍' });
    expect(await service.serviceDefinition('parking')).toEqual({ service_code: 'parking', attributes: [] });
    expect(await failure(service.serviceDefinition('retired'))).toMatchObject({ code: 'category_not_found' });
  });

  it('maps a report to the spec’s fields in WGS-84, newest first, without flagged or out-of-window reports', async () => {
    const list = await service.requests({}, NOW);
    expect(list.map((r) => r.service_request_id)).toEqual(['1', '2', '3']);
    const first = list[0];
    const wgs = gcj02ToWgs84({ lat: 38.3435, lng: 114.6839 });
    expect(haversineM({ lat: first.lat, lng: first.long }, wgs)).toBeLessThan(0.2);
    expect(haversineM(wgs84ToGcj02({ lat: first.lat, lng: first.long }), { lat: 38.3435, lng: 114.6839 })).toBeLessThan(0.2);
    expect(first).toMatchObject({
      status: 'open',
      status_notes: '待审核',
      service_code: 'parking',
      service_name: '乱停乱放',
      agency_responsible: null,
      address: '长寿街道一社区',
      requested_datetime: '2026-11-22T00:00:00+08:00',
      updated_datetime: '2026-11-22T01:00:00+08:00',
      media_url: '/api/media/9/file?exp=1&sig=s',
    });
    expect(list[1]).toMatchObject({ status: 'closed', agency_responsible: '城管局', expected_datetime: null, media_url: null });
    expect(list[2].status).toBe('closed');
  });

  it('filters by service_code and status; an unknown code finds nothing', async () => {
    expect((await service.requests({ service_code: 'parking' }, NOW)).map((r) => r.service_request_id)).toEqual(['1', '3']);
    expect((await service.requests({ status: 'open' }, NOW)).map((r) => r.service_request_id)).toEqual(['1']);
    expect((await service.requests({ status: 'closed' }, NOW)).map((r) => r.service_request_id)).toEqual(['2', '3']);
    expect((await service.requests({ status: 'open,closed' }, NOW)).length).toBe(3);
    expect(await service.requests({ service_code: 'unknown' }, NOW)).toEqual([]);
  });

  it('reads dates in either order of default: the 90 days up to end_date, or from start_date', async () => {
    expect((await service.requests({ start_date: ago(24 * 101).toISOString() }, NOW)).map((r) => r.service_request_id)).toEqual(['5']);
    expect((await service.requests({ end_date: ago(15).toISOString() }, NOW)).map((r) => r.service_request_id)).toEqual(['2', '3']);
  });

  it('refuses a range over 90 days, a start after its end and a bad status, naming the field', async () => {
    expect(await failure(service.requests({ start_date: '2026-01-01', end_date: '2026-04-02' }, NOW))).toMatchObject({ code: 'validation_failed', details: { fields: [{ field: 'end_date' }] } });
    expect(await failure(service.requests({ start_date: '2026-02-01', end_date: '2026-01-01' }, NOW))).toMatchObject({ details: { fields: [{ field: 'start_date' }] } });
    expect(await failure(service.requests({ status: 'pending' }, NOW))).toMatchObject({ details: { fields: [{ field: 'status' }] } });
    expect(await failure(service.requests({ start_date: ['2026-01-01', '2026-01-02'] }, NOW))).toMatchObject({ details: { fields: [{ field: 'start_date' }] } });
    expect(await failure(service.requests({ service_code: 'Bad Code' }, NOW))).toMatchObject({ details: { fields: [{ field: 'service_code' }] } });
  });

  it('caps the answer at 1,000 requests', async () => {
    for (let i = 0; i < 1100; i++) repo.reports.push(reportFactory({ id: 1000 + i, categoryId: 1, areaId: 11, createdAt: ago(1) }));
    expect(await service.requests({}, NOW)).toHaveLength(1000);
  });

  it('gives one request by id, and report_not_found for a flagged, unknown or malformed id', async () => {
    expect((await service.request('2')).map((r) => r.service_request_id)).toEqual(['2']);
    for (const id of ['4', '999', 'abc', '0']) expect(await failure(service.request(id))).toMatchObject({ code: 'report_not_found' });
  });

  it('files a POSTed request under the key’s account at the point converted to GCJ-02', async () => {
    const { apiKey } = await new Open311KeysService(repo.asRepository()).issue('热线');
    const userId = [...repo.clients.values()][0].userId;
    const out = await service.create({ api_key: apiKey, service_code: 'parking', lat: 38.34, long: 114.68, description: '占道' }, 'key-12345678');
    expect(out).toEqual([{ service_request_id: '77', service_notice: '已收到，待审核', account_id: null }]);
    const gcj = wgs84ToGcj02({ lat: 38.34, lng: 114.68 });
    expect(created[0]).toEqual({ auth: { userId, role: 'worker', scopePaths: [], scopeAreaIds: [] }, key: 'key-12345678', dto: { category: 'parking', description: '占道', lat: gcj.lat, lng: gcj.lng, mediaIds: [] } });
    await service.create({ api_key: apiKey, service_code: 'parking', lat: 38.34, long: 114.68, description: '占道' }, undefined);
    expect(created[1].key).toMatch(/^o311-[0-9a-f-]{36}$/);
  });

  it('refuses a POST with a bad key before filing anything', async () => {
    expect(await failure(service.create({ api_key: 'o311_bad', service_code: 'parking', lat: 38.34, long: 114.68, description: '占道' }, undefined))).toMatchObject({ code: 'api_key_invalid' });
    expect(created).toEqual([]);
  });
});
