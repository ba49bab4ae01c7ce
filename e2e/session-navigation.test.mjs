// Session and navigation as a person meets them: a link to a page that needs an account brings them back there
// after login, an expired session says so, an unknown address shows 页面不存在 with a way home, and no page asks
// for a favicon that is not there.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byTestId, demoLogin, newPhonePage, seedSession, useServerAndBrowser, visible } from './support.mjs';

describe('session and navigation in Chromium', () => {
  const ctx = useServerAndBrowser();

  it('an unknown address shows 页面不存在 with a way home', async () => {
    const { page, context, errors } = await newPhonePage(ctx.browser);
    await seedSession(context, await demoLogin(ctx.server.url, 'rider'));
    await page.goto(`${ctx.server.url}/pages/no-such-page/index`);
    const notFound = visible(byTestId(page, 'not-found-page'));
    await notFound.waitFor({ timeout: 20_000 });
    assert.match(await notFound.innerText(), /页面不存在/);
    await visible(byTestId(page, 'not-found-home')).click();
    await visible(byTestId(page, 'stations-page')).waitFor({ timeout: 20_000 });
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('no page requests a favicon, and nothing the app loads is missing', async () => {
    const { page, context } = await newPhonePage(ctx.browser);
    await seedSession(context, await demoLogin(ctx.server.url, 'rider'));
    const asked = [];
    const missing = [];
    page.on('request', (r) => asked.push(r.url()));
    page.on('response', (r) => r.status() === 404 && missing.push(r.url()));
    for (const path of ['/', '/pages/report/index', '/pages/me/index', '/pages/login/index']) {
      await page.goto(`${ctx.server.url}${path}`);
      await page.locator('.taro_page:visible [data-testid]').first().waitFor({ timeout: 20_000 });
      await page.waitForLoadState('networkidle');
    }
    assert.deepEqual(asked.filter((u) => /favicon/i.test(u)), []);
    assert.deepEqual(missing, []);
    await context.close();
  });

  it('a visitor who opens a page that needs an account logs in and comes back to that page', async () => {
    const { page, context } = await newPhonePage(ctx.browser);
    await page.goto(`${ctx.server.url}/pages/my-reports/index`);
    await visible(byTestId(page, 'demo-login-rider')).click({ timeout: 20_000 });
    await page.waitForURL((u) => u.pathname === '/pages/my-reports/index', { timeout: 20_000 });
    assert.equal(await byTestId(page, 'login-expired').count(), 0);
    await context.close();
  });

  it('an expired session says 会话已过期，请重新登录 and, after login, returns to the page', async () => {
    const { page, context } = await newPhonePage(ctx.browser);
    const rider = await demoLogin(ctx.server.url, 'rider');
    // A token the server no longer accepts (as after it expired or was revoked).
    await seedSession(context, { ...rider, token: `${rider.token.slice(0, -4)}AAAA` });
    await page.goto(`${ctx.server.url}/pages/points/index`);
    const notice = visible(byTestId(page, 'login-expired'));
    await notice.waitFor({ timeout: 20_000 });
    assert.equal((await notice.innerText()).trim(), '会话已过期，请重新登录');
    await visible(byTestId(page, 'demo-login-rider')).click();
    await page.waitForURL((u) => u.pathname === '/pages/points/index', { timeout: 20_000 });
    await context.close();
  });
});
