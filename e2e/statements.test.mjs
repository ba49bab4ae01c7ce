// 积分证明 in a browser: a member issues a statement; anyone with its code opens it without logging in, sees the
// masked name and the traced lines, and prints a clean sheet.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byTestId, newPhonePage, screenshot, useServerAndBrowser, visible } from './support.mjs';

const chinaDate = (ms) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

describe('积分证明 in Chromium', () => {
  const ctx = useServerAndBrowser();

  it('opens a statement by its code without login, shows only what it holds, and prints without the app around it', async () => {
    const login = await fetch(`${ctx.server.url}/api/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ account: 'streamer' }) });
    const token = (await login.json()).token;
    const issued = await fetch(`${ctx.server.url}/api/statements`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ from: chinaDate(Date.now() - 364 * 86_400_000), to: chinaDate(Date.now()) }),
    });
    assert.equal(issued.status, 201);
    const s = await issued.json();
    const grouped = s.code.replace(/(.{4})(?=.)/g, '$1-');

    // A stranger's browser: no session at all.
    const { page, context, errors } = await newPhonePage(ctx.browser);
    await page.goto(`${ctx.server.url}/pages/statement/index?code=${grouped}`);
    const sheet = visible(byTestId(page, 'statement-sheet'));
    await sheet.waitFor({ timeout: 20_000 });
    const text = await sheet.innerText();
    // 小王直播, the demo streamer, whose accepted reports the demo data holds.
    assert.match(text, /持有人：小\*\*\*/);
    assert.doesNotMatch(text, /小王直播/);
    assert.ok(s.lines.length >= 3, `the demo streamer's accepted reports: ${s.lines.length} lines`);
    assert.match(text, /随手拍被采纳 · 市容环境 · 随手拍 #\d+/);
    assert.equal((await visible(byTestId(page, 'statement-points')).innerText()).trim(), String(s.pointsTotal));
    assert.equal((await visible(byTestId(page, 'statement-code')).innerText()).trim(), grouped);
    assert.equal(await byTestId(page, 'statement-line').locator('visible=true').count(), s.lines.length);
    assert.ok(page.url().includes('/pages/statement/'), 'the visitor stays on the statement, not sent to login');
    await screenshot(page, 'statement');

    await page.emulateMedia({ media: 'print' });
    assert.equal(await byTestId(page, 'statement-print').locator('visible=true').count(), 0);
    assert.equal(await byTestId(page, 'statement-code-input').locator('visible=true').count(), 0);
    assert.ok(await sheet.isVisible());
    await screenshot(page, 'statement-print');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('says plainly that an unknown code is not a statement', async () => {
    const { page, context } = await newPhonePage(ctx.browser);
    await page.goto(`${ctx.server.url}/pages/statement/index?code=0000-0000-0000-0000-0000`);
    const err = visible(byTestId(page, 'statement-error'));
    await err.waitFor({ timeout: 20_000 });
    assert.match(await err.innerText(), /没有找到这份证明/);
    assert.equal(await byTestId(page, 'statement-sheet').count(), 0);
    await context.close();
  });
});
