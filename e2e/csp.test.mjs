/* global window, document -- evaluated in the page */
// The H5 app under a strict Content-Security-Policy: no inline script, so an injected one cannot run either. The
// policy is added here to the page's own response, so the app's side is checked whatever the server sends.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byTestId, newPhonePage, useServerAndBrowser, visible } from './support.mjs';

// Taro's web components add their styles as <style> elements at run time (styles need 'unsafe-inline') and its icon
// font is a data: URL; scripts need nothing inline.
const POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; img-src 'self' data: blob: https:; connect-src 'self' blob:";

describe('H5 under a strict Content-Security-Policy', () => {
  const ctx = useServerAndBrowser();

  it('starts, sizes its text for the phone and logs a rider in with nothing refused', async () => {
    const { page, context, errors } = await newPhonePage(ctx.browser);
    await page.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.effectiveDirective} ${e.blockedURI}`));
    });
    await page.route((url) => !url.pathname.startsWith('/api/') && !/\.\w+$/.test(url.pathname), async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, headers: { ...res.headers(), 'content-security-policy': POLICY } });
    });
    const doc = await page.goto(`${ctx.server.url}/`);
    assert.equal(doc.headers()['content-security-policy'], POLICY);
    await visible(byTestId(page, 'demo-login-rider')).waitFor({ timeout: 15_000 });
    // Taro's rem base: 40 px per 750 design px of a 390 px wide screen.
    assert.equal(await page.evaluate(() => document.documentElement.style.fontSize), `${(40 * 390) / 750}px`);
    await visible(byTestId(page, 'demo-login-rider')).click();
    await visible(byTestId(page, 'stations-page')).waitFor({ timeout: 15_000 });
    const refused = await page.evaluate(() => window.__csp);
    assert.deepEqual(refused, []);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
