import { startTestApp, TestApp } from '../support/test-app';
import { TEST_DRIVERS } from '../support/test-db';

describe.each(TEST_DRIVERS)('回复模板 over HTTP (%s)', (driver) => {
  let t: TestApp;
  let staff: string;
  let admin: string;
  let rider: string;
  let traffic: number;

  beforeAll(async () => {
    t = await startTestApp(driver);
    [staff, admin, rider] = await Promise.all(['staff', 'admin', 'rider'].map(async (a) => (await t.loginAs(a as 'rider')).token));
    const cats = await t.http('GET', '/api/report-categories', { token: staff });
    traffic = cats.body.items.find((c: { key: string }) => c.key === 'traffic').id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets an admin write templates that staff then get for a category and action, the category’s own first', async () => {
    const general = await t.http('POST', '/api/admin/report-templates', { token: admin, body: { action: 'handled', title: '已处理', body: '问题已处理完毕，感谢反映。' } });
    expect(general.status).toBe(201);
    const own = await t.http('POST', '/api/admin/report-templates', { token: admin, body: { categoryId: traffic, action: 'handled', title: '已劝离', body: '违停车辆已劝离。', sortOrder: 3 } });
    expect(own.body).toMatchObject({ categoryId: traffic, action: 'handled', active: true });
    await t.http('POST', '/api/admin/report-templates', { token: admin, body: { categoryId: traffic, action: 'return', title: '非本部门职责', body: '请改派交警。' } });
    const r = await t.http('GET', `/api/report-templates?categoryId=${traffic}&action=handled`, { token: staff });
    expect(r.status).toBe(200);
    expect(r.body.items.map((x: { id: number }) => x.id)).toEqual([own.body.id, general.body.id]);
    expect((await t.http('GET', '/api/report-templates?action=handled', { token: staff })).body.items.map((x: { id: number }) => x.id)).toEqual([general.body.id]);
    expect((await t.http('GET', '/api/report-templates', { token: rider })).status).toBe(403);
    // A department handler picks them too (签收, 退回, 处置反馈 …).
    const handler = (await t.loginAs('department')).token;
    expect((await t.http('GET', `/api/report-templates?categoryId=${traffic}&action=handled`, { token: handler })).body.items).toHaveLength(2);
  });

  it('archives, edits and deletes; bad input is a 400 naming the field, in Chinese, and changes nothing', async () => {
    const made = await t.http('POST', '/api/admin/report-templates', { token: admin, body: { action: 'verify', title: '核查通过', body: '已整改到位。' } });
    const bad = await t.http('POST', '/api/admin/report-templates', { token: admin, body: { action: 'fly', title: '', body: 'x'.repeat(501) } });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['action', 'body', 'title']);
    expect(bad.body.message).toMatch(/[\u4e00-\u9fff]/);
    const noCat = await t.http('POST', '/api/admin/report-templates', { token: admin, body: { categoryId: 999999, action: 'verify', title: 't', body: 'b' } });
    expect(noCat).toMatchObject({ status: 404, body: { code: 'category_not_found' } });
    const off = await t.http('PATCH', `/api/admin/report-templates/${made.body.id}`, { token: admin, body: { active: false, title: '核查合格' } });
    expect(off.body).toMatchObject({ active: false, title: '核查合格' });
    expect((await t.http('GET', '/api/report-templates?action=verify', { token: staff })).body.items).toEqual([]);
    expect((await t.http('GET', '/api/admin/report-templates', { token: admin })).body.items.some((x: { id: number }) => x.id === made.body.id)).toBe(true);
    expect((await t.http('DELETE', `/api/admin/report-templates/${made.body.id}`, { token: admin })).status).toBe(204);
    expect((await t.http('DELETE', `/api/admin/report-templates/${made.body.id}`, { token: admin })).body.code).toBe('report_template_not_found');
  });
});
