/* global getComputedStyle, document -- looks() and focusStyle() run in the page */
// The staff console as a person sees it: at 1440×900 the report queue is a deadline-sorted table with filters and a
// bulk accept, every admin function has its page, primary buttons are readable and Tab reaches buttons with a visible
// focus ring; at 390×844 the same pages keep the phone layout.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byTestId, looks, newPhonePage, screenshot, useServerAndBrowser } from './support.mjs';

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const ACCOUNTS = { staff: 'staff-demo-2026', admin: 'admin-demo-2026' };
const ADMIN_PAGES = [
  { path: 'admin-staff', root: 'admin-staff', text: '工作人员账号', button: 'create-staff' },
  { path: 'admin-categories', root: 'admin-categories', text: '随手拍类别', button: 'create-category' },
  { path: 'admin-departments', root: 'admin-departments', text: '职能部门', button: 'create-department' },
  { path: 'admin-templates', root: 'admin-templates', text: '回复模板', button: 'create-template' },
  { path: 'admin-areas', root: 'admin-areas', text: '区域管理', button: 'create-area' },
  { path: 'admin-points', root: 'admin-points', text: '积分核对', button: 'run-reconcile' },
  { path: 'admin-closures', root: 'admin-closures', text: '驿站临时闭站', button: null },
];


/** What has keyboard focus now: is it a button (Taro's or native), and does it draw a focus ring? */
function focusStyle() {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const isButton = el.matches('.btn, button, taro-button-core');
  return { isButton, label: (el.innerText || '').trim(), ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2, outline: `${s.outlineStyle} ${s.outlineWidth}` };
}

async function openAs(ctx, account, viewport) {
  const opened = await newPhonePage(ctx.browser);
  await opened.page.setViewportSize(viewport);
  await opened.page.goto(`${ctx.server.url}/pages/login/index`);
  await byTestId(opened.page, 'login-username').locator('input').fill(account);
  await byTestId(opened.page, 'login-password').locator('input').fill(ACCOUNTS[account]);
  await byTestId(opened.page, 'login-submit').click();
  await opened.page.waitForURL((u) => !u.pathname.includes('/pages/login'), { timeout: 20_000 });
  return opened;
}

const shown = (page, id) => page.locator(`[data-testid="${id}"]:visible`);

async function assertReadable(locator, what) {
  const seen = await locator.evaluate(looks);
  assert.ok(seen.label.length > 0, `${what} has a label`);
  assert.ok(seen.contrast >= 4.5, `${what} (${seen.label}): contrast ${seen.contrast.toFixed(2)} is below 4.5`);
  assert.equal(seen.opacity, 1, `${what} (${seen.label}) looks disabled`);
  return seen;
}

/** Presses Tab until a button has focus; it must show a focus ring. */
async function tabToButton(page, what) {
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(focusStyle);
    if (f?.isButton) {
      assert.ok(f.ring, `${what}: the focused button ${f.label} has no visible focus ring (${f.outline})`);
      return f;
    }
  }
  assert.fail(`${what}: Tab never reached a button`);
}

const rowTexts = (page) => page.locator('[data-testid="staff-report-item"]:visible').allInnerTexts();

describe('Staff console in Chromium', () => {
  const ctx = useServerAndBrowser();

  it('at 1440×900 staff get a deadline-sorted table, filters and a safe bulk accept', async () => {
    const { page, context, errors } = await openAs(ctx, 'staff', DESKTOP);
    await page.goto(`${ctx.server.url}/packages/staff/pages/reports/index`);
    const table = shown(page, 'queue-table');
    await table.waitFor({ timeout: 20_000 });
    await page.locator('[data-testid="staff-report-item"]:visible').first().waitFor({ timeout: 20_000 });
    await screenshot(page, 'console-queue-desktop');

    // Sorted by deadline: the overdue 安全隐患 (4-hour review limit, filed 30 hours ago) leads.
    let rows = await rowTexts(page);
    assert.ok(rows.length >= 3, `at least three reports awaiting review, got ${rows.length}`);
    assert.match(rows[0], /超时/);
    assert.match(rows[0], /安全隐患/);
    assert.ok(!rows.slice(1).some((r) => r.includes('超时')), 'only the overdue report is marked');
    const cell = await page.locator('[data-testid="staff-report-item"]:visible td').nth(2).evaluate(looks);
    assert.ok(cell.fontPx >= 14 && cell.fontPx <= 16, `table text is ${cell.fontPx}px`);

    // The deadline header sorts the other way with the keyboard, and back.
    await shown(page, 'sort-due').focus();
    await page.keyboard.press('Enter');
    rows = await rowTexts(page);
    assert.match(rows.at(-1), /超时/);
    await page.keyboard.press('Enter');
    assert.match((await rowTexts(page))[0], /超时/);

    // Filters: only overdue, then a category picked by typing.
    await page.locator('[data-testid="filter-overdue"]:visible').check();
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="staff-report-item"]')].every((r) => r.textContent.includes('超时')));
    assert.equal((await rowTexts(page)).length, 1);
    await page.locator('[data-testid="filter-overdue"]:visible').uncheck();
    const category = shown(page, 'filter-category').locator('input');
    await category.click();
    await category.fill('交通');
    await page.locator('[role="option"]:visible', { hasText: '交通劝导' }).click();
    await page.waitForFunction(() => {
      const r = [...document.querySelectorAll('[data-testid="staff-report-item"]')];
      return r.length > 0 && r.every((x) => x.textContent.includes('交通劝导'));
    });
    rows = await rowTexts(page);
    assert.equal(rows.length, 2, `two 交通劝导 reports await review: ${rows.join(' | ')}`);

    // Bulk accept both: a value outside 5–8 keeps the button disabled; 7 accepts both and each result is shown.
    await page.locator('[aria-label="选择本页全部可选项"]:visible').check();
    await shown(page, 'bulk-bar').waitFor();
    const accept = shown(page, 'bulk-accept');
    await shown(page, 'bulk-points').fill('9');
    assert.notEqual(await accept.getAttribute('disabled'), null, '9 points is outside 交通劝导 5–8');
    await shown(page, 'bulk-points').fill('7');
    assert.equal(await accept.getAttribute('disabled'), null);
    await assertReadable(accept, '采纳所选');
    // From the points box, Tab lands on 采纳所选, which shows where the keyboard is; Enter presses it.
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(focusStyle);
    assert.match(focused.label, /采纳所选/);
    assert.ok(focused.isButton && focused.ring, `采纳所选 shows a focus ring (${focused.outline})`);
    await page.keyboard.press('Enter');
    const results = shown(page, 'bulk-results');
    await results.waitFor({ timeout: 20_000 });
    assert.match(await results.innerText(), /成功 2 条，未完成 0 条/);
    assert.equal((await results.innerText()).match(/已采纳，积分 7/g)?.length, 2);
    await screenshot(page, 'console-bulk-accepted');
    await tabToButton(page, 'report queue');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('at 1440×900 an admin reaches every admin page from the staff home, readable and keyboard reachable', async () => {
    const { page, context, errors } = await openAs(ctx, 'admin', DESKTOP);
    await page.goto(`${ctx.server.url}/packages/staff/pages/home/index`);
    const entries = shown(page, 'admin-entries');
    await entries.waitFor({ timeout: 20_000 });
    for (const p of ADMIN_PAGES) assert.match(await entries.innerText(), new RegExp(p.text));
    await screenshot(page, 'console-home-admin');

    for (const p of ADMIN_PAGES) {
      await page.goto(`${ctx.server.url}/packages/staff/pages/${p.path}/index`);
      const root = shown(page, p.root);
      await root.waitFor({ timeout: 20_000 });
      await page.locator('.console__title:visible', { hasText: p.text }).waitFor({ timeout: 20_000 });
      // The page has loaded its data (a table or a form) and shows no error.
      await page.waitForFunction(() => !document.querySelector('[data-testid="state-loading"]'), undefined, { timeout: 20_000 }).catch(() => {});
      assert.equal(await page.locator('[data-testid="state-error"]:visible').count(), 0, `${p.path} failed to load`);
      if (p.button) await assertReadable(shown(page, p.button), `${p.path} primary button`);
      await tabToButton(page, p.path);
      await screenshot(page, `console-${p.path}`);
    }

    // A refused save says why in Chinese: 城管 is a demo department already.
    await page.goto(`${ctx.server.url}/packages/staff/pages/admin-departments/index`);
    await shown(page, 'department-table').waitFor({ timeout: 20_000 });
    await shown(page, 'new-name').locator('input').fill('城管');
    await shown(page, 'create-department').click();
    await page.locator('[data-testid="admin-message"]:visible', { hasText: '已有名为“城管”的部门' }).waitFor({ timeout: 20_000 });

    // A district with a boundary pasted as GeoJSON (GCJ-02), then it is listed.
    await page.goto(`${ctx.server.url}/packages/staff/pages/admin-areas/index`);
    await shown(page, 'area-table').waitFor({ timeout: 20_000 });
    await shown(page, 'new-area-name').locator('input').fill('测试县');
    await shown(page, 'new-area-code').locator('input').fill('E2E001');
    await shown(page, 'boundary-text').locator('textarea').fill('{"type":"Polygon","coordinates":[[[110.0,30.0],[110.02,30.0],[110.02,30.02],[110.0,30.02],[110.0,30.0]]]}');
    const coords = page.locator('[role="combobox"][aria-label="坐标系"]:visible');
    await coords.click();
    await page.locator('[role="option"]:visible', { hasText: 'GCJ-02' }).click();
    await page.locator('[data-testid="boundary-ok"]:visible', { hasText: '已读取边界：4 个点' }).waitFor();
    await shown(page, 'create-area').click();
    await page.locator('[data-testid="admin-message"]:visible', { hasText: '已创建区县「测试县」' }).waitFor({ timeout: 20_000 });
    await page.locator('[data-testid="area-table"]:visible', { hasText: 'E2E001' }).waitFor({ timeout: 20_000 });

    // A district drawn on the map: three clicks make the ring (the map opens on the city centre; tiles from the
    // internet are refused here, and the blank map still takes clicks), saved as the area's boundary.
    await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
    await shown(page, 'new-area-name').locator('input').fill('画图县');
    await shown(page, 'new-area-code').locator('input').fill('E2E002');
    await shown(page, 'boundary-draw-open').click();
    const drawMap = page.locator('[data-testid="boundary-map"].leaflet-container:visible');
    await drawMap.waitFor({ timeout: 20_000 });
    for (const [x, y] of [
      [160, 120],
      [300, 120],
      [300, 260],
    ])
      await drawMap.click({ position: { x, y } });
    await page.locator('[data-testid="boundary-draw-count"]:visible', { hasText: '已画 3 个点' }).waitFor();
    await page.locator('[data-testid="boundary-ok"]:visible', { hasText: '已读取边界：3 个点' }).waitFor();
    // Each vertex lands where it was clicked: the first two share a latitude, the last two a longitude, to within a
    // pixel at zoom 15 (about 0.00004°; the first click once landed 82 px off when focusing the map scrolled the page).
    const drawn = JSON.parse(await shown(page, 'boundary-text').locator('textarea').inputValue()).coordinates[0];
    assert.equal(drawn.length, 4, 'three vertices and the closing one');
    assert.ok(Math.abs(drawn[0][1] - drawn[1][1]) < 4e-5, `first two vertices on one latitude: ${JSON.stringify(drawn)}`);
    assert.ok(Math.abs(drawn[1][0] - drawn[2][0]) < 4e-5, `last two vertices on one longitude: ${JSON.stringify(drawn)}`);
    assert.ok(Math.abs(drawn[1][0] - drawn[0][0]) > 1e-3, 'the first two vertices are 140 px apart');
    await screenshot(page, 'console-admin-areas-drawn');
    await shown(page, 'create-area').click();
    await page.locator('[data-testid="admin-message"]:visible', { hasText: '已创建区县「画图县」' }).waitFor({ timeout: 20_000 });
    // Listed with a centre point, which only a saved boundary gives, near where the map opened.
    const drawnRow = page.locator('[data-testid="area-table"]:visible tr', { hasText: 'E2E002' });
    await drawnRow.waitFor({ timeout: 20_000 });
    assert.match(await drawnRow.innerText(), /38\.3\d+, 114\.6\d+/);

    // A response template written for 交通劝导's 处置反馈, then listed.
    await page.goto(`${ctx.server.url}/packages/staff/pages/admin-templates/index`);
    await shown(page, 'template-table').waitFor({ timeout: 20_000 });
    const pickOption = async (combobox, option) => {
      await page.locator(`[data-testid="admin-templates"]:visible [role="combobox"][aria-label="${combobox}"]`).first().click();
      await page.locator('[role="option"]:visible', { hasText: option }).first().click();
    };
    await shown(page, 'create-template').click();
    await page.locator('[data-testid="admin-templates"]:visible', { hasText: '请填写标题' }).waitFor();
    await pickOption('办理环节', '处置反馈');
    await pickOption('适用类别', '交通劝导');
    await shown(page, 'new-title').locator('input').fill('已劝离');
    await shown(page, 'new-body').locator('textarea').fill('已到现场劝离违停车辆，道路恢复通行。');
    await shown(page, 'create-template').click();
    await page.locator('[data-testid="admin-message"]:visible', { hasText: '已保存模板「已劝离」' }).waitFor({ timeout: 20_000 });
    const templateRow = page.locator('[data-testid="template-table"]:visible tr', { hasText: '已劝离' });
    await templateRow.waitFor({ timeout: 20_000 });
    assert.match(await templateRow.innerText(), /处置反馈[\s\S]*交通劝导[\s\S]*已到现场劝离违停车辆/);
    await screenshot(page, 'console-admin-templates-created');

    // The reconcile runs and reports in Chinese.
    await page.goto(`${ctx.server.url}/packages/staff/pages/admin-points/index`);
    await shown(page, 'run-reconcile').click();
    await shown(page, 'reconcile-result').waitFor({ timeout: 20_000 });
    assert.match(await shown(page, 'reconcile-result').innerText(), /核对了 \d+ 个账户，余额与流水全部一致/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('at 390×844 the queue keeps its phone list and the admin pages still work', async () => {
    const staff = await openAs(ctx, 'staff', PHONE);
    await staff.page.goto(`${ctx.server.url}/packages/staff/pages/reports/index`);
    await staff.page.locator('[data-testid="staff-report-item"]:visible').first().waitFor({ timeout: 20_000 });
    assert.equal(await staff.page.locator('[data-testid="queue-table"]:visible').count(), 0);
    await screenshot(staff.page, 'console-queue-phone');
    await staff.page.goto(`${ctx.server.url}/packages/staff/pages/home/index`);
    await shown(staff.page, 'staff-home').waitFor({ timeout: 20_000 });
    assert.equal(await shown(staff.page, 'admin-entries').count(), 0, 'staff see no admin entries');
    await staff.page.goto(`${ctx.server.url}/packages/staff/pages/admin-staff/index`);
    await shown(staff.page, 'admin-forbidden').waitFor({ timeout: 20_000 });
    assert.match(await shown(staff.page, 'admin-forbidden').innerText(), /仅管理员可用/);
    assert.deepEqual(staff.errors, []);
    await staff.context.close();

    const admin = await openAs(ctx, 'admin', PHONE);
    for (const p of ADMIN_PAGES) {
      await admin.page.goto(`${ctx.server.url}/packages/staff/pages/${p.path}/index`);
      await admin.page.locator('.console__title:visible', { hasText: p.text }).waitFor({ timeout: 20_000 });
      if (p.button) await assertReadable(shown(admin.page, p.button), `${p.path} primary button on a phone`);
    }
    await screenshot(admin.page, 'console-admin-phone');
    assert.deepEqual(admin.errors, []);
    await admin.context.close();
  });
});
