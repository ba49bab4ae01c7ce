// 随手拍 end to end in a browser: a streamer sends a report with a photo, staff accept it with 8 points, and the
// streamer sees 8 more points and the timeline.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { byTestId, newPhonePage, ROOT, screenshot, useServerAndBrowser } from './support.mjs';

// sharp is the server's dependency; the test borrows it to make a real photo with EXIF GPS.
const sharp = createRequire(`${ROOT}/server/package.json`)('sharp');

async function apiLogin(url, account) {
  const r = await fetch(`${url}/api/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ account }) });
  return (await r.json()).token;
}
async function api(url, token, path) {
  const r = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return r.json();
}

describe('随手拍 in Chromium', () => {
  const ctx = useServerAndBrowser();

  it('a streamer reports with a photo, staff accept it with 8 points, the streamer sees the points and the timeline', async () => {
    const streamerToken = await apiLogin(ctx.server.url, 'streamer');
    const before = (await api(ctx.server.url, streamerToken, '/api/points/me')).balance;

    // The streamer, on a phone, standing in 新乐 长寿街道 (WGS-84 from the browser, converted by the app).
    const s = await newPhonePage(ctx.browser, { geolocation: { latitude: 38.3333, longitude: 114.6530 } });
    await s.page.goto(`${ctx.server.url}/pages/login/index`);
    await s.page.locator('[data-testid="demo-login-streamer"]:visible').click({ timeout: 30_000 });
    await s.page.waitForURL((u) => !u.pathname.includes('/pages/login'), { timeout: 15_000 });
    await s.page.goto(`${ctx.server.url}/pages/report/index`);
    const report = s.page.locator('[data-testid="report-page"]:visible');
    await report.waitFor({ timeout: 15_000 });
    const agree = s.page.locator('[data-testid="privacy-agree"]:visible');
    if (await agree.count()) await agree.click();
    await s.page.locator('[data-testid="report-spot"]:visible').waitFor({ timeout: 15_000 });

    const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 90, g: 120, b: 160 } } })
      .jpeg({ quality: 90 })
      .withExif({ IFD0: { Make: 'E2EPhone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '38/1 20/1 0/1' } })
      .toBuffer();
    const chooser = s.page.waitForEvent('filechooser');
    await s.page.locator('[data-testid="report-add-photo"]:visible').click();
    await (await chooser).setFiles({ name: 'problem.jpg', mimeType: 'image/jpeg', buffer: photo });
    await s.page.locator('[data-testid="photo-tile"]:visible').first().waitFor({ timeout: 10_000 });
    await s.page.locator('[data-testid="report-cat-traffic"]:visible').click();
    await s.page.locator('[data-testid="report-description"]:visible textarea').fill('长寿街路口电动车逆行，早高峰很危险');
    await screenshot(s.page, 'report-form');
    await s.page.locator('[data-testid="report-send"]:visible').click();
    const detail = s.page.locator('[data-testid="report-detail"]:visible');
    await detail.waitFor({ timeout: 20_000 });
    const id = Number(new URL(s.page.url()).searchParams.get('id'));
    assert.ok(id > 0, `report id in ${s.page.url()}`);
    assert.match(await s.page.locator('[data-testid="report-status"]:visible').innerText(), /待审核/);

    // The stored photo carries no EXIF.
    const mine = await api(ctx.server.url, streamerToken, `/api/reports/${id}`);
    const stored = Buffer.from(await (await fetch(ctx.server.url + mine.photos[0].url)).arrayBuffer());
    assert.equal((await sharp(stored).metadata()).exif, undefined);

    // Staff, in a desktop browser, accept it with 8 points.
    const st = await newPhonePage(ctx.browser);
    await st.page.setViewportSize({ width: 1280, height: 900 });
    await st.page.goto(`${ctx.server.url}/pages/login/index`);
    await byTestId(st.page, 'login-username').locator('input').fill('staff');
    await byTestId(st.page, 'login-password').locator('input').fill('staff-demo-2026');
    await byTestId(st.page, 'login-submit').click();
    await st.page.waitForURL((u) => !u.pathname.includes('/pages/login'), { timeout: 15_000 });
    await st.page.goto(`${ctx.server.url}/packages/staff/pages/reports/index`);
    await st.page.locator('[data-testid="staff-report-item"]:visible').first().waitFor({ timeout: 15_000 });
    await screenshot(st.page, 'staff-report-queue');
    await st.page.goto(`${ctx.server.url}/packages/staff/pages/report/index?id=${id}`);
    await st.page.locator('[data-testid="action-accept"]:visible').click();
    await st.page.locator('[data-testid="accept-points-8"]:visible').click();
    await st.page.locator('[data-testid="action-note"]:visible textarea').fill('情况属实，已通知交警');
    await st.page.locator('[data-testid="action-submit"]:visible').click();
    await st.page.locator('[data-testid="staff-report-status"]:visible').filter({ hasText: '已采纳' }).waitFor({ timeout: 15_000 });
    await screenshot(st.page, 'staff-report-accepted');

    // The streamer sees 8 more points and the timeline.
    await s.page.goto(`${ctx.server.url}/pages/points/index`);
    const balance = s.page.locator('[data-testid="points-balance"]:visible');
    await balance.filter({ hasText: String(before + 8) }).waitFor({ timeout: 15_000 });
    assert.equal(Number((await balance.innerText()).trim()), before + 8);
    await screenshot(s.page, 'points-after');
    await s.page.goto(`${ctx.server.url}/pages/report-detail/index?id=${id}`);
    await s.page.locator('[data-testid="timeline-accepted"]:visible').waitFor({ timeout: 15_000 });
    const timeline = await s.page.locator('[data-testid="report-timeline"]:visible').innerText();
    assert.match(timeline, /提交上报/);
    assert.match(timeline, /采纳/);
    assert.match(timeline, /\+8 积分/);
    assert.match(timeline, /情况属实/);
    assert.match(await s.page.locator('[data-testid="report-points"]:visible').innerText(), /8 积分/);
    await screenshot(s.page, 'report-timeline');
    assert.deepEqual(s.errors, []);
    assert.deepEqual(st.errors, []);
    await s.context.close();
    await st.context.close();
  });
});
