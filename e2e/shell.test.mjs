// The H5 shell as a person uses it: log in, land on 驿站, see who you are, staff reach their areas.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byTestId, newPhonePage, screenshot, useServerAndBrowser } from './support.mjs';

describe('H5 shell in Chromium', () => {
  const ctx = useServerAndBrowser();

  it('sends a visitor to the login page, and a rider logs in with one tap', async () => {
    const { page, context, errors } = await newPhonePage(ctx.browser);
    await page.goto(`${ctx.server.url}/`);
    await byTestId(page, 'demo-login-rider').waitFor({ timeout: 15_000 });
    assert.match(await byTestId(page, 'demo-login-rider').innerText(), /骑手/);
    await screenshot(page, 'login');
    await byTestId(page, 'demo-login-rider').click();
    await byTestId(page, 'stations-page').waitFor({ timeout: 15_000 });
    await screenshot(page, 'stations');
    await page.getByText('我的', { exact: true }).last().click();
    await byTestId(page, 'me-nickname').waitFor({ timeout: 15_000 });
    assert.equal((await byTestId(page, 'me-nickname').innerText()).trim(), '李师傅');
    assert.match(await byTestId(page, 'me-role').innerText(), /骑手|新就业/);
    await screenshot(page, 'me-rider');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('shows the server message for a wrong password and changes nothing', async () => {
    const { page, context } = await newPhonePage(ctx.browser);
    await page.goto(`${ctx.server.url}/pages/login/index`);
    await byTestId(page, 'login-username').locator('input').fill('staff');
    await byTestId(page, 'login-password').locator('input').fill('not-the-password');
    await byTestId(page, 'login-submit').click();
    await byTestId(page, 'login-error').waitFor({ timeout: 10_000 });
    assert.match(await byTestId(page, 'login-error').innerText(), /用户名或密码错误/);
    assert.equal(await byTestId(page, 'stations-page').count(), 0);
    await context.close();
  });

  it('staff log in with a password and browse the areas they look after', async () => {
    const { page, context, errors } = await newPhonePage(ctx.browser);
    await page.goto(`${ctx.server.url}/pages/login/index`);
    await byTestId(page, 'login-username').locator('input').fill('staff');
    await byTestId(page, 'login-password').locator('input').fill('staff-demo-2026');
    await byTestId(page, 'login-submit').click();
    await byTestId(page, 'stations-page').waitFor({ timeout: 15_000 });
    await page.getByText('我的', { exact: true }).last().click();
    await byTestId(page, 'me-nickname').waitFor();
    assert.equal((await byTestId(page, 'me-nickname').innerText()).trim(), '张社工');
    await page.getByText('工作台').first().click();
    await page.getByText('辖区').first().click();
    await page.getByText('长寿街道').first().waitFor({ timeout: 15_000 });
    await page.getByText('长寿街道').first().click();
    await page.getByText('新华社区').first().waitFor({ timeout: 15_000 });
    await screenshot(page, 'staff-areas');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
