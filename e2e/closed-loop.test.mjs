// 一办到底 end to end in a browser (issue 12): a streamer reports with a photo → staff accept and dispatch to 城管 →
// the 城管 handler signs for it and reports it handled with a photo → staff verify it → the streamer confirms it
// fixed with a follow-up photo taken on the spot and rates it 满意. Each step asserts the Chinese a person reads.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { byTestId, newPhonePage, ROOT, screenshot, useServerAndBrowser } from './support.mjs';

const sharp = createRequire(`${ROOT}/server/package.json`)('sharp');
const jpeg = (r, g, b) => sharp({ create: { width: 1200, height: 900, channels: 3, background: { r, g, b } } }).jpeg({ quality: 85 }).toBuffer();

/** 新乐 长寿街道, where the streamer stands when reporting and again when checking the fix (WGS-84, as a browser reports). */
const SPOT = { latitude: 38.3333, longitude: 114.653 };

const at = (page, id) => page.locator(`[data-testid="${id}"]:visible`);

/** Picks one photo through the H5 file chooser, agreeing to the privacy guide first if the app asks. */
async function pickPhoto(page, addTestId, name, buffer) {
  const chooser = page.waitForEvent('filechooser', { timeout: 20_000 });
  await at(page, addTestId).click();
  const agree = at(page, 'privacy-agree');
  const first = await Promise.race([chooser.then(() => 'chooser'), agree.waitFor({ timeout: 20_000 }).then(() => 'agree')]);
  if (first === 'agree') await agree.click();
  await (await chooser).setFiles({ name, mimeType: 'image/jpeg', buffer });
  // Stored: the tile is there and its upload progress is gone.
  await at(page, 'photo-tile').first().waitFor({ timeout: 15_000 });
  await page.locator('[data-testid="photo-progress"]:visible').waitFor({ state: 'detached', timeout: 20_000 }).catch(() => undefined);
  assert.equal(await page.locator('[data-testid="photo-error"]:visible').count(), 0, 'photo uploaded');
}

async function loginAsDemo(page, url, account) {
  await page.goto(`${url}/pages/login/index`);
  await page.locator(`[data-testid="demo-login-${account}"]:visible`).click({ timeout: 30_000 });
  await page.waitForURL((u) => !u.pathname.includes('/pages/login'), { timeout: 15_000 });
}

async function loginAsStaff(page, url) {
  await page.goto(`${url}/pages/login/index`);
  await byTestId(page, 'login-username').locator('input').fill('staff');
  await byTestId(page, 'login-password').locator('input').fill('staff-demo-2026');
  await byTestId(page, 'login-submit').click();
  await page.waitForURL((u) => !u.pathname.includes('/pages/login'), { timeout: 15_000 });
}

describe('一办到底 in Chromium', () => {
  const ctx = useServerAndBrowser();

  it('walks a report through every stage: report, accept, dispatch, sign, handle, verify, confirm and rate', async () => {
    const url = ctx.server.url;

    // 1. 信息采集: the streamer, on a phone, reports a problem with a photo.
    const s = await newPhonePage(ctx.browser, { geolocation: SPOT });
    await loginAsDemo(s.page, url, 'streamer');
    await s.page.goto(`${url}/pages/report/index`);
    await at(s.page, 'report-page').waitFor({ timeout: 15_000 });
    const agree = at(s.page, 'privacy-agree');
    if (await agree.count()) await agree.click();
    await at(s.page, 'report-spot').waitFor({ timeout: 15_000 });
    const chooser = s.page.waitForEvent('filechooser');
    await at(s.page, 'report-add-photo').click();
    await (await chooser).setFiles({ name: 'problem.jpg', mimeType: 'image/jpeg', buffer: await jpeg(90, 120, 160) });
    await at(s.page, 'photo-tile').first().waitFor({ timeout: 10_000 });
    await at(s.page, 'report-cat-environment').click();
    await s.page.locator('[data-testid="report-description"]:visible textarea').fill('长寿街人行道堆放建筑垃圾，行人只能走机动车道');
    await at(s.page, 'report-send').click();
    await at(s.page, 'report-detail').waitFor({ timeout: 20_000 });
    const id = Number(new URL(s.page.url()).searchParams.get('id'));
    assert.ok(id > 0, `report id in ${s.page.url()}`);
    assert.match(await at(s.page, 'report-status').innerText(), /待审核/);
    const steps = await at(s.page, 'loop-steps').innerText();
    for (const stage of ['信息采集', '案卷建立', '任务派遣', '任务处置', '处理反馈', '核查结案', '综合评价']) assert.match(steps, new RegExp(stage));
    assert.match(await at(s.page, 'loop-deadline').innerText(), /时限：\d+月\d+日 周. \d\d:\d\d（北京时间）/);
    await screenshot(s.page, 'loop-1-reported');

    // 2. 案卷建立 and 任务派遣: staff, at a desk, accept it with 8 points and dispatch it to 城管.
    const st = await newPhonePage(ctx.browser);
    await st.page.setViewportSize({ width: 1280, height: 900 });
    await loginAsStaff(st.page, url);
    await st.page.goto(`${url}/packages/staff/pages/report/index?id=${id}`);
    await at(st.page, 'action-accept').click({ timeout: 15_000 });
    await at(st.page, 'accept-points-8').click();
    await at(st.page, 'action-submit').click();
    await at(st.page, 'staff-report-status').filter({ hasText: '已采纳' }).waitFor({ timeout: 15_000 });
    await at(st.page, 'action-dispatch').click();
    await at(st.page, 'dispatch-department').getByText('城管', { exact: true }).click({ timeout: 15_000 });
    await st.page.locator('[data-testid="action-note"]:visible textarea').fill('请城管执法队到场处理');
    await at(st.page, 'action-submit').click();
    await at(st.page, 'staff-report-status').filter({ hasText: '待签收' }).waitFor({ timeout: 15_000 });
    assert.match(await at(st.page, 'loop-holder').innerText(), /当前办理：城管/);
    await screenshot(st.page, 'loop-2-dispatched');

    // 3. 任务处置: the 城管 handler logs in, lands on the department's list, signs for the case.
    const d = await newPhonePage(ctx.browser, { geolocation: SPOT });
    await loginAsDemo(d.page, url, 'department');
    await at(d.page, 'dept-cases').waitFor({ timeout: 15_000 });
    assert.match(d.page.url(), /\/packages\/dept\/pages\/cases\/index/);
    const item = at(d.page, 'dept-case-item').filter({ hasText: `#${id} ` });
    await item.waitFor({ timeout: 15_000 });
    assert.match(await item.innerText(), /时限/);
    await screenshot(d.page, 'loop-3-department-list');
    // The same list at a desk (≥ 1024 px): still one readable column, the case still there to open.
    await d.page.setViewportSize({ width: 1280, height: 900 });
    await item.waitFor({ timeout: 5_000 });
    await screenshot(d.page, 'loop-3-department-list-desktop');
    await d.page.setViewportSize({ width: 390, height: 844 });
    await item.click();
    await at(d.page, 'dept-sign').click({ timeout: 15_000 });
    await at(d.page, 'dept-case-status').filter({ hasText: '处置中' }).waitFor({ timeout: 15_000 });
    assert.match(await at(d.page, 'loop-deadline').innerText(), /处置时限/);

    // 4. 处理反馈: it reports the work done, with a photo.
    await at(d.page, 'dept-handled').click();
    await pickPhoto(d.page, 'handled-form-photo-add', 'after.jpg', await jpeg(60, 160, 90));
    await d.page.locator('[data-testid="handled-form-note"]:visible textarea').fill('建筑垃圾已清运，人行道恢复通行');
    await at(d.page, 'handled-form-submit').click();
    await d.page.getByText('已反馈处置情况，等待工作人员核查').locator('visible=true').first().waitFor({ timeout: 15_000 });
    assert.match(await at(d.page, 'dept-case-status').innerText(), /待核查/);
    await screenshot(d.page, 'loop-4-handled');

    // 5. 核查结案: staff see the department's feedback and pass it, closing the case as fixed.
    await st.page.goto(`${url}/packages/staff/pages/report/index?id=${id}`);
    await at(st.page, 'staff-report-status').filter({ hasText: '待核查' }).waitFor({ timeout: 15_000 });
    const staffTimeline = await at(st.page, 'report-timeline').innerText();
    assert.match(staffTimeline, /部门签收/);
    assert.match(staffTimeline, /处置反馈/);
    assert.match(staffTimeline, /人行道恢复通行/);
    await at(st.page, 'action-verify-pass').click();
    await st.page.locator('[data-testid="verify-form-note"]:visible textarea').fill('现场核查，人行道已畅通');
    await at(st.page, 'verify-form-submit').click();
    await at(st.page, 'staff-report-status').filter({ hasText: '已办结' }).waitFor({ timeout: 15_000 });
    assert.match(await at(st.page, 'staff-report-outcome').innerText(), /结案结论：已解决/);
    await screenshot(st.page, 'loop-5-verified');

    // 6. 综合评价: the streamer, back on the spot, confirms it fixed with a photo and rates it 满意.
    await s.page.goto(`${url}/pages/report-detail/index?id=${id}`);
    await at(s.page, 'report-status').filter({ hasText: '已办结' }).waitFor({ timeout: 15_000 });
    assert.match(await at(s.page, 'report-outcome').innerText(), /结案结论：已解决/);
    await at(s.page, 'action-confirm-fixed').click();
    await pickPhoto(s.page, 'confirm-form-photo-add', 'now.jpg', await jpeg(200, 200, 200));
    await at(s.page, 'confirm-form-submit').click();
    await at(s.page, 'report-confirmed').filter({ hasText: '你的确认：已解决' }).waitFor({ timeout: 15_000 });
    await at(s.page, 'action-rate').click();
    await at(s.page, 'rate-satisfied').click();
    await s.page.locator('[data-testid="rate-form-note"]:visible textarea').fill('处理很及时，谢谢');
    await at(s.page, 'rate-form-submit').click();
    await at(s.page, 'report-rating').filter({ hasText: '你的评价：满意（处理很及时，谢谢）' }).waitFor({ timeout: 15_000 });
    assert.equal(await s.page.locator('[data-testid="reporter-actions"]:visible').count(), 0);
    const stepsAfter = await s.page.locator('[data-testid="loop-steps"]:visible [data-testid="loop-step-done"]').count();
    // Rated: all seven stages are done, 综合评价 included.
    assert.equal(stepsAfter, 7, `stages done after rating: ${stepsAfter}`);
    const timeline = await at(s.page, 'report-timeline').innerText();
    for (const text of ['提交上报', '采纳', '派单', '部门签收', '处置反馈', '核查通过', '上报人确认结果', '上报人评价']) assert.match(timeline, new RegExp(text));
    await screenshot(s.page, 'loop-6-rated');

    assert.deepEqual(s.errors, []);
    assert.deepEqual(st.errors, []);
    assert.deepEqual(d.errors, []);
    await s.context.close();
    await st.context.close();
    await d.context.close();
  });
});
