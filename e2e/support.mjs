// Browser e2e support: the built server serving the built H5 app, and Debian's Chromium driven by playwright-core.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { startBuiltServer } from '../scripts/lib/built-server.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SHOTS = join(ROOT, '.test-out', 'screenshots');

/** The production server build with a fresh embedded database and the demo data. */
export function startServer(env = {}) {
  return startBuiltServer(env, { tmpPrefix: 'xjy-e2e-' });
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A phone-sized page that fails the test on any uncaught page error. */
export async function newPhonePage(browser, { geolocation } = {}) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(geolocation ? { geolocation, permissions: ['geolocation'] } : {}),
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  return { page, context, errors };
}

export async function screenshot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

export const byTestId = (page, id) => page.locator(`[data-testid="${id}"]`);

/** Taro H5 keeps earlier pages in the DOM, hidden: pick the one a person can see. */
export const visible = (locator) => locator.locator('visible=true').first();

/**
 * Starts the built server and Chromium before the suite's tests and stops both after them; the returned object's
 * `server` and `browser` are set once the suite runs.
 */
export function useServerAndBrowser(env = {}) {
  const ctx = { server: null, browser: null };
  before(async () => {
    ctx.server = await startServer(env);
    ctx.browser = await launchBrowser();
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.server?.stop();
  });
  return ctx;
}
