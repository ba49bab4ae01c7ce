// First load of the H5 app on a bad phone network: a logged-in rider opens 驿站 with an empty cache in Chromium
// throttled to 1.6 Mbps down / 750 kbps up / 300 ms round trip (Chrome DevTools' "Slow 4G"-like preset, via CDP).
// Measured: JS bytes on the wire for the stations page (target ≤ 150 KB), first contentful paint (target ≤ 1.5 s),
// the total bytes, and — as the reference floor — the same page's HTML alone under the same throttling (its
// response end, i.e. what no amount of bundle work can beat).
// JS counts every script the page fetched until the network is idle, headers included (CDP encodedDataLength), the
// map library too (reported apart as mapJsKB: 0 since the H5 page lists first and loads its map only on request).
// Needs `pnpm --filter @xjy/miniapp build:h5` and the server build (scripts/bench.mjs builds both).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, startServer, writeResult } from './lib.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const THROTTLE = { offline: false, latency: 300, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const TARGET_JS_KB = 150;
const TARGET_FCP_MS = 1500;
const RIDER_GPS = { latitude: 38.3422, longitude: 114.6778, accuracy: 20 }; // WGS-84 near the demo city centre
const PRIVACY_GUIDE_VERSION = '2025-01';

if (!existsSync(join(ROOT, 'miniapp/dist/h5/index.html'))) {
  console.error('first-load bench: build the H5 app first (pnpm --filter @xjy/miniapp build:h5)');
  process.exit(1);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** A fresh context (empty cache) with the session and privacy consent already in storage, throttled by CDP. */
async function throttledPage(browser, login) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    geolocation: RIDER_GPS,
    permissions: ['geolocation'],
  });
  await context.addInitScript(
    ([token, expiresAt, user, consent]) => {
      const put = (k, data) => localStorage.setItem(k, JSON.stringify({ data }));
      put('xjy.token', token);
      put('xjy.expiresAt', expiresAt);
      put('xjy.user', user);
      put('xjy.privacyConsent', consent);
    },
    [login.token, login.expiresAt, login.user, PRIVACY_GUIDE_VERSION],
  );
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', THROTTLE);
  const byId = new Map();
  cdp.on('Network.responseReceived', (e) => byId.set(e.requestId, { type: e.type, url: e.response.url, encoding: e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? '' }));
  cdp.on('Network.loadingFinished', (e) => {
    const r = byId.get(e.requestId);
    if (r) r.bytes = e.encodedDataLength;
  });
  return { context, page, cdp, responses: byId };
}

async function measureStations(browser, url, login) {
  const { context, page, responses } = await throttledPage(browser, login);
  const t0 = Date.now();
  await page.goto(`${url}/pages/stations/index`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
  await page.locator('[data-testid="station-item"]:visible').first().waitFor({ timeout: 120_000 });
  const listMs = Date.now() - t0;
  await page.waitForLoadState('networkidle', { timeout: 120_000 });
  const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
  const all = [...responses.values()].filter((r) => r.bytes !== undefined);
  const js = all.filter((r) => r.type === 'Script');
  if (process.env.BENCH_VERBOSE) for (const r of js) console.log(`  ${(r.bytes / 1024).toFixed(1).padStart(7)} KB ${r.encoding || 'identity'} ${r.url}`);
  const result = {
    fcpMs: Math.round(fcp),
    stationListMs: listMs,
    jsKB: Math.round(js.reduce((s, r) => s + r.bytes, 0) / 102.4) / 10,
    jsFiles: js.length,
    jsCompressed: js.every((r) => /gzip|br/.test(r.encoding)),
    totalKB: Math.round(all.filter((r) => !r.url.includes('/api/')).reduce((s, r) => s + r.bytes, 0) / 102.4) / 10,
    // The map library and its wrapper, fetched only if the page opens with its map (the rider's kept choice).
    mapJsKB: Math.round(js.filter((r) => /\/js\/leaflet(-map)?\./.test(r.url)).reduce((s, r) => s + r.bytes, 0) / 102.4) / 10,
  };
  await context.close();
  return result;
}

/** The reference: the same URL's HTML document alone (every subresource blocked), under the same throttling. */
async function measureHtmlAlone(browser, url, login) {
  const { context, page } = await throttledPage(browser, login);
  await page.route('**/*', (route) => (route.request().resourceType() === 'document' ? route.continue() : route.abort()));
  await page.goto(`${url}/pages/stations/index`, { waitUntil: 'load', timeout: 120_000 });
  const htmlMs = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return Math.round(nav.responseEnd - nav.startTime);
  });
  await context.close();
  return { htmlMs };
}

const server = await startServer();
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const login = await (await fetch(`${server.url}/api/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ account: 'rider' }) })).json();
  const runs = [];
  const refs = [];
  for (let i = 0; i < RUNS; i++) {
    refs.push(await measureHtmlAlone(browser, server.url, login));
    runs.push(await measureStations(browser, server.url, login));
    console.log(`run ${i + 1}: ${JSON.stringify({ ...runs.at(-1), ...refs.at(-1) })}`);
  }
  const fcpMs = median(runs.map((r) => r.fcpMs));
  const htmlMs = median(refs.map((r) => r.htmlMs));
  const jsKB = median(runs.map((r) => r.jsKB));
  const summary = {
    network: '1.6 Mbps down, 750 kbps up, 300 ms RTT (CDP), empty cache, 390×844',
    runs: RUNS,
    stationsPage: {
      jsKB,
      jsKBWithoutMap: median(runs.map((r) => Math.round((r.jsKB - r.mapJsKB) * 10) / 10)),
      mapJsKB: median(runs.map((r) => r.mapJsKB)),
      jsFiles: runs[0].jsFiles,
      jsCompressed: runs.every((r) => r.jsCompressed),
      totalKB: median(runs.map((r) => r.totalKB)),
      fcpMs,
      stationListMs: median(runs.map((r) => r.stationListMs)),
    },
    htmlAloneReference: { htmlMs },
    fcpOverHtmlAlone: Math.round((fcpMs / htmlMs) * 100) / 100,
    targets: { jsKB: TARGET_JS_KB, fcpMs: TARGET_FCP_MS },
    met: { jsKB: jsKB <= TARGET_JS_KB, fcpMs: fcpMs <= TARGET_FCP_MS },
  };
  console.log(JSON.stringify(summary, null, 2));
  writeResult('first-load', summary);
} finally {
  await browser.close();
  await server.stop();
}
