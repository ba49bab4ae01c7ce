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

/** Logs in a demo account through the API (POST /api/auth/dev): { token, expiresAt, user }. */
export async function demoLogin(serverUrl, account) {
  const res = await fetch(`${serverUrl}/api/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ account }) });
  if (!res.ok) throw new Error(`demo login ${account}: ${res.status}`);
  return res.json();
}

/**
 * Puts a session (and, unless told otherwise, the privacy consent) into the H5 app's storage before any page script
 * runs, as Taro.setStorageSync would: a test can open any page already logged in.
 */
export async function seedSession(context, login, { privacyConsent = true } = {}) {
  await context.addInitScript(
    ([token, expiresAt, user, consent]) => {
      const put = (k, data) => localStorage.setItem(k, JSON.stringify({ data }));
      if (!localStorage.getItem('xjy.token')) {
        put('xjy.token', token);
        put('xjy.expiresAt', expiresAt);
        put('xjy.user', user);
      }
      if (consent) put('xjy.privacyConsent', consent);
    },
    [login.token, login.expiresAt, login.user, privacyConsent ? '2025-01' : null],
  );
}

/** A page of the given viewport size (phone 390×844 or desktop 1440×900), failing on no page error by itself. */
export async function newSizedPage(browser, { width, height }) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: width < 600 ? 2 : 1, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  return { page, context, errors };
}

export const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1440, height: 900 },
];

/**
 * What the eye gets, evaluated in the page: text colour over the first opaque background behind it (the WCAG
 * contrast ratio), the opacity it is drawn with, its visible label and font size. Pass it to `evaluate`.
 */
/* global getComputedStyle -- looks() runs in the page */
export function looks(el) {
  const rgba = (s) => {
    const [r, g, b, a = 1] = s.match(/[\d.]+/g).map(Number);
    return { r, g, b, a };
  };
  let bg = null;
  for (let n = el; n && !bg; n = n.parentElement) {
    const c = rgba(getComputedStyle(n).backgroundColor);
    if (c.a > 0) bg = c;
  }
  bg ??= { r: 255, g: 255, b: 255, a: 1 };
  const fg = rgba(getComputedStyle(el).color);
  const text = { r: fg.r * fg.a + bg.r * (1 - fg.a), g: fg.g * fg.a + bg.g * (1 - fg.a), b: fg.b * fg.a + bg.b * (1 - fg.a) };
  const lum = ({ r, g, b }) => {
    const ch = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
  };
  const [hi, lo] = [lum(text), lum(bg)].sort((x, y) => y - x);
  let opacity = 1;
  for (let n = el; n; n = n.parentElement) opacity *= Number(getComputedStyle(n).opacity);
  return { contrast: (hi + 0.05) / (lo + 0.05), opacity, label: el.innerText.trim(), fontPx: parseFloat(getComputedStyle(el).fontSize) };
}
