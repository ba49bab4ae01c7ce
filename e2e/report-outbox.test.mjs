// 随手拍 on a bad network: a report sent while the API is unreachable waits on the phone with its photo, survives a
// reload of the page, and goes out by itself once the network is back.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { byTestId, demoLogin, newPhonePage, ROOT, screenshot, seedSession, useServerAndBrowser, visible } from './support.mjs';

const sharp = createRequire(`${ROOT}/server/package.json`)('sharp');

describe('随手拍 outbox in Chromium', () => {
  const ctx = useServerAndBrowser();

  it('queues a report offline, keeps its photo across a reload, and sends it when the network returns', async () => {
    const login = await demoLogin(ctx.server.url, 'streamer');
    const mine = async () => (await (await fetch(`${ctx.server.url}/api/reports/mine`, { headers: { authorization: `Bearer ${login.token}` } })).json()).items;
    const description = `离线上报测试 ${Date.now().toString(36)}：井盖缺失`;

    const { page, context, errors } = await newPhonePage(ctx.browser, { geolocation: { latitude: 38.3333, longitude: 114.653 } });
    await seedSession(context, login);
    if (process.env.DEBUG_ERRORS) {
      await context.addInitScript(() => globalThis.addEventListener('unhandledrejection', (e) => console.log('UNHANDLED', JSON.stringify(e.reason), e.reason?.stack ?? '')));
      page.on('console', (m) => m.text().startsWith('UNHANDLED') && console.log(m.text()));
    }
    await page.goto(`${ctx.server.url}/pages/report/index`);
    await visible(byTestId(page, 'report-spot')).waitFor({ timeout: 20_000 });

    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 60, g: 140, b: 90 } } }).jpeg().toBuffer();
    const chooser = page.waitForEvent('filechooser');
    await visible(byTestId(page, 'report-add-photo')).click();
    await (await chooser).setFiles({ name: 'manhole.jpg', mimeType: 'image/jpeg', buffer: photo });
    await visible(byTestId(page, 'photo-tile')).waitFor({ timeout: 10_000 });
    await visible(byTestId(page, 'report-cat-hazard')).click();
    await visible(byTestId(page, 'report-description')).locator('textarea').fill(description);

    // The API is unreachable (the page itself still loads, as on a flaky mobile network).
    const block = (route) => route.abort('internetdisconnected');
    await context.route('**/api/**', block);
    await visible(byTestId(page, 'report-send')).click();
    const item = visible(byTestId(page, 'outbox-item'));
    await item.waitFor({ timeout: 30_000 });
    assert.match(await item.innerText(), /自动重试|网络恢复后自动发送/);
    assert.equal((await mine()).filter((r) => r.description === description).length, 0);

    // A reload: the queued report and its photo are still on the phone, and nothing says it cannot be sent.
    await page.reload();
    await visible(byTestId(page, 'report-page')).waitFor({ timeout: 20_000 });
    await item.waitFor({ timeout: 20_000 });
    assert.match(await item.innerText(), new RegExp(description.slice(0, 8)));
    assert.equal(await byTestId(page, 'outbox-refused').count(), 0);
    await screenshot(page, 'report-outbox-waiting');

    // The network comes back: the browser says so and the outbox sends the report by itself.
    await context.unroute('**/api/**', block);
    await context.setOffline(true);
    await context.setOffline(false);
    await byTestId(page, 'report-outbox').waitFor({ state: 'detached', timeout: 60_000 });
    const sent = (await mine()).find((r) => r.description === description);
    assert.ok(sent, 'the queued report reached the server');
    assert.equal((await mine()).filter((r) => r.description === description).length, 1, 'sent once, not twice');
    const detail = await (await fetch(`${ctx.server.url}/api/reports/${sent.id}`, { headers: { authorization: `Bearer ${login.token}` } })).json();
    assert.equal(detail.photos.length, 1, 'with its photo');
    if (process.env.DEBUG_ERRORS) console.log(errors.map((e) => `${e.name}: ${e.message} ${e.stack}`));
    assert.deepEqual(errors, []);
    await context.close();
  });
});
