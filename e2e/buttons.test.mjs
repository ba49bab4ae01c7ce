// Buttons as a person sees them on H5: an enabled button's label is readable and does not look greyed out; a
// disabled one looks disabled and does nothing. (Taro wrote disabled="false", which every [disabled] style matched.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byTestId, looks, newPhonePage, screenshot, useServerAndBrowser } from './support.mjs';


describe('Buttons in Chromium', () => {
  const ctx = useServerAndBrowser();

  it('enabled buttons have readable labels; a disabled one looks disabled and sends nothing', async () => {
    const { page, context, errors } = await newPhonePage(ctx.browser);
    const posts = [];
    page.on('request', (r) => r.method() === 'POST' && posts.push(new URL(r.url()).pathname));
    await page.goto(`${ctx.server.url}/pages/login/index`);
    await byTestId(page, 'demo-login-rider').waitFor({ timeout: 15_000 });

    for (const button of await page.locator('[data-testid^="demo-login-"]').all()) {
      assert.equal(await button.getAttribute('disabled'), null);
      const seen = await button.evaluate(looks);
      assert.ok(seen.label.length > 0, 'the button has a label');
      assert.ok(seen.contrast >= 4.5, `${seen.label}: contrast ${seen.contrast.toFixed(2)} is below 4.5`);
      assert.equal(seen.opacity, 1, `${seen.label} looks disabled`);
    }

    const submit = byTestId(page, 'login-submit');
    assert.notEqual(await submit.getAttribute('disabled'), null);
    assert.ok((await submit.evaluate(looks)).opacity < 1, 'the empty form\'s 登录 looks disabled');
    await submit.click({ force: true });
    await byTestId(page, 'login-username').locator('input').fill('staff');
    assert.deepEqual(posts, [], 'a disabled 登录 sent nothing');

    await byTestId(page, 'login-password').locator('input').fill('staff-demo-2026');
    assert.equal(await submit.getAttribute('disabled'), null);
    const ready = await submit.evaluate(looks);
    assert.ok(ready.contrast >= 4.5, `登录: contrast ${ready.contrast.toFixed(2)} is below 4.5`);
    assert.equal(ready.opacity, 1);
    await screenshot(page, 'login-buttons');
    await submit.click();
    await byTestId(page, 'stations-page').waitFor({ timeout: 15_000 });
    assert.deepEqual(posts.filter((p) => p.startsWith('/api/auth/')), ['/api/auth/password']);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
