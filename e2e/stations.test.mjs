/* global window -- evaluated in the page */
// 驿站 as a rider uses it: located in 新乐, find the nearest open station with e-bike charging, open its detail.
// This machine has no internet, so the map's tiles fail: the page must say so and keep the list.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gcj02ToWgs84, haversineM, M_PER_DEG_LAT, mPerDegLng, pointInRing } from '../shared/dist/esm/geo.js';
import { byTestId, newPhonePage, screenshot, useServerAndBrowser, visible } from './support.mjs';

// On 新乐's 长寿街 / 人民路 crossing area, GCJ-02 (what the API and maps use).
const RIDER_AT = { lat: 38.3435, lng: 114.6839 };
const ALL_DAY = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open: '00:00', close: '24:00' }));
// A 1×1 PNG: stands in for the map's tiles, which this machine cannot fetch, so the map stays up.
const TILE_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==', 'base64');

async function api(url, method, path, token, body) {
  const res = await fetch(`${url}${path}`, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const json = await res.json();
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/**
 * A point near the rider, inside the street the nearest station belongs to, far enough from every other station
 * that its marker is drawn alone (clusters merge markers within 48 px, about 180 m at the map's zoom).
 */
async function lonelySpot(url, token) {
  const near = await api(url, 'GET', `/api/stations/nearby?lat=${RIDER_AT.lat}&lng=${RIDER_AT.lng}&radius=3000&limit=50`, token);
  const area = await api(url, 'GET', `/api/areas/${(await api(url, 'GET', `/api/stations/${near.items[0].id}`, token)).areaId}`, token);
  const streetId = area.level === 'street' ? area.id : area.ancestors.find((a) => a.level === 'street')?.id ?? area.id;
  const street = await api(url, 'GET', `/api/areas/${streetId}`, token);
  let best = null;
  for (let dy = -1500; dy <= 1500; dy += 50) {
    for (let dx = -1500; dx <= 1500; dx += 50) {
      const p = { lat: RIDER_AT.lat + dy / M_PER_DEG_LAT, lng: RIDER_AT.lng + dx / mPerDegLng(RIDER_AT.lat) };
      if (street.boundary && !pointInRing(p, street.boundary)) continue;
      const gap = Math.min(haversineM(p, RIDER_AT), ...near.items.map((s) => haversineM(p, s)));
      if (gap < 300) continue;
      if (!best || haversineM(p, RIDER_AT) < haversineM(best.p, RIDER_AT)) best = { p, areaId: street.id };
    }
  }
  assert.ok(best, 'a free spot for a lone station near the rider');
  return best;
}

describe('驿站 in Chromium', () => {
  const ctx = useServerAndBrowser();

  it('a rider finds the nearest open station with e-bike charging and opens its detail', async () => {
    // What the API says is right, to compare the page against.
    const login = await (await fetch(`${ctx.server.url}/api/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ account: 'rider' }) })).json();
    const expected = await (
      await fetch(`${ctx.server.url}/api/stations/nearby?lat=${RIDER_AT.lat}&lng=${RIDER_AT.lng}&radius=3000&limit=50&amenities=ebike_charging&openNow=true`, { headers: { authorization: `Bearer ${login.token}` } })
    ).json();
    assert.ok(expected.items.length > 0, 'the demo data has an open station with e-bike charging near the rider');
    const nearest = expected.items[0];

    // The browser reports WGS-84 like a phone's GPS; the app converts it to GCJ-02.
    const gps = gcj02ToWgs84(RIDER_AT);
    const { page, context, errors } = await newPhonePage(ctx.browser, { geolocation: { latitude: gps.lat, longitude: gps.lng, accuracy: 20 } });
    const scripts = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
    await page.goto(`${ctx.server.url}/`);
    await visible(byTestId(page, 'demo-login-rider')).click();
    await visible(byTestId(page, 'stations-page')).waitFor({ timeout: 15_000 });
    // First use of the location: the privacy guide asks for consent before the app may read it.
    await visible(byTestId(page, 'privacy-agree')).click();
    await visible(byTestId(page, 'stations-location')).getByText('已定位到你的位置').waitFor({ timeout: 15_000 });
    await visible(byTestId(page, 'station-item')).waitFor({ timeout: 15_000 });

    await visible(byTestId(page, 'filter-open-now')).click();
    await visible(byTestId(page, 'filter-amenity-ebike_charging')).click();
    const first = visible(byTestId(page, 'station-item'));
    await first.getByText(nearest.name).waitFor({ timeout: 15_000 });
    const count = await page.locator('[data-testid="station-item"]:visible').count();
    assert.equal(count, expected.items.length);
    for (const open of await page.locator('[data-testid="station-open"]:visible').allInnerTexts()) assert.match(open, /^营业中/);

    // The list comes first: the map library is fetched only when the rider asks for the map.
    assert.deepEqual(scripts.filter((u) => /\/js\/leaflet/.test(u)), []);
    await visible(byTestId(page, 'map-toggle')).click();
    // No internet here: the map's tiles fail, the page says so and the list stays.
    await visible(byTestId(page, 'map-unavailable')).waitFor({ timeout: 20_000 });
    assert.match(await visible(byTestId(page, 'map-unavailable')).innerText(), /地图暂时无法加载/);
    assert.equal(await visible(byTestId(page, 'station-item')).isVisible(), true);
    await screenshot(page, 'stations-open-ebike');

    await first.click();
    await visible(byTestId(page, 'station-detail')).waitFor({ timeout: 15_000 });
    assert.equal((await visible(byTestId(page, 'station-name')).innerText()).trim(), nearest.name);
    assert.match(await visible(byTestId(page, 'station-open-now')).innerText(), /^营业中/);
    assert.match(await visible(byTestId(page, 'station-amenities')).innerText(), /电动车充电/);
    assert.match(await visible(byTestId(page, 'station-today')).innerText(), /今日/);
    await screenshot(page, 'station-detail');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('shows a station name that holds HTML as text on the map, the list and the detail, and runs none of it', async () => {
    const evil = '<img src=x onerror=window.__xss=1>';
    const admin = (await api(ctx.server.url, 'POST', '/api/auth/dev', null, { account: 'admin' })).token;
    const spot = await lonelySpot(ctx.server.url, admin);
    const created = await api(ctx.server.url, 'POST', '/api/stations', admin, {
      name: evil,
      kind: 'rest_station',
      hostUnit: '测试单位',
      address: '新乐市测试路1号',
      lat: Number(spot.p.lat.toFixed(6)),
      lng: Number(spot.p.lng.toFixed(6)),
      amenities: ['drinking_water'],
      hours: ALL_DAY,
      areaId: spot.areaId,
    });
    assert.equal(created.name, evil);

    const gps = gcj02ToWgs84(RIDER_AT);
    const { page, context, errors } = await newPhonePage(ctx.browser, { geolocation: { latitude: gps.lat, longitude: gps.lng, accuracy: 20 } });
    await context.route(/autonavi\.com/, (route) => route.fulfill({ status: 200, contentType: 'image/png', body: TILE_PNG }));
    await page.goto(`${ctx.server.url}/`);
    await visible(byTestId(page, 'demo-login-rider')).click();
    await visible(byTestId(page, 'privacy-agree')).click();
    await visible(byTestId(page, 'stations-location')).getByText('已定位到你的位置').waitFor({ timeout: 15_000 });
    const item = page.locator('[data-testid="station-item"]:visible', { hasText: evil });
    await item.waitFor({ timeout: 15_000 });
    await visible(byTestId(page, 'map-toggle')).click();

    // Leaflet fills a tooltip when it opens: hover every marker on the map a person sees.
    const map = visible(byTestId(page, 'station-map'));
    await map.locator('path.leaflet-interactive').first().waitFor({ timeout: 15_000 });
    for (const marker of await map.locator('path.leaflet-interactive').all()) await marker.dispatchEvent('mouseover');
    const tip = map.locator('.leaflet-tooltip', { hasText: evil });
    await tip.waitFor({ timeout: 5_000 });
    assert.equal((await tip.innerText()).trim(), evil);
    await screenshot(page, 'station-map-tooltip-text');

    await item.click();
    await visible(byTestId(page, 'station-detail')).waitFor({ timeout: 15_000 });
    assert.equal((await visible(byTestId(page, 'station-name')).innerText()).trim(), evil);
    // Whatever the name held was never parsed: no element from it, no handler, nothing run.
    assert.equal(await page.locator('img[src="x"], [onerror]').count(), 0);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('a rider standing at a station confirms it in three taps, and the list shows it as just confirmed', async () => {
    const admin = (await api(ctx.server.url, 'POST', '/api/auth/dev', null, { account: 'admin' })).token;
    const spot = await lonelySpot(ctx.server.url, admin);
    const at = { lat: Number(spot.p.lat.toFixed(6)), lng: Number(spot.p.lng.toFixed(6)) };
    const created = await api(ctx.server.url, 'POST', '/api/stations', admin, {
      name: '骑手确认测试驿站',
      kind: 'rest_station',
      hostUnit: '测试单位',
      address: '新乐市测试路2号',
      ...at,
      amenities: ['drinking_water', 'phone_charging'],
      hours: ALL_DAY,
      phone: '0311-88886666',
      areaId: spot.areaId,
    });
    // The browser stands at the station, as a rider would (the server accepts a confirmation only within 100 m).
    const gps = gcj02ToWgs84(at);
    const { page, context, errors } = await newPhonePage(ctx.browser, { geolocation: { latitude: gps.lat, longitude: gps.lng, accuracy: 10 } });
    await page.goto(`${ctx.server.url}/`);
    await visible(byTestId(page, 'demo-login-rider')).click();
    await visible(byTestId(page, 'privacy-agree')).click();
    const item = page.locator('[data-testid="station-item"]:visible', { hasText: created.name });
    await item.waitFor({ timeout: 15_000 });
    await item.click();
    await visible(byTestId(page, 'station-detail')).waitFor({ timeout: 15_000 });
    assert.match(await visible(byTestId(page, 'station-phone')).innerText(), /0311-88886666/);
    assert.match(await visible(byTestId(page, 'station-detail-distance')).innerText(), /^距你 \d+ 米$/);
    await visible(byTestId(page, 'confirm-open-yes')).click();
    await visible(byTestId(page, 'confirm-water-yes')).click();
    await visible(byTestId(page, 'confirm-charging-no')).click();
    await visible(byTestId(page, 'confirm-done')).waitFor({ timeout: 15_000 });
    assert.match(await visible(byTestId(page, 'station-rider-confirmed')).innerText(), /刚刚 骑手确认：开着 · 饮水✓ · 充电✗/);
    await screenshot(page, 'station-confirmed');

    await page.goBack();
    const again = page.locator('[data-testid="station-item"]:visible', { hasText: created.name });
    await again.waitFor({ timeout: 15_000 });
    await page.reload();
    await page.locator('[data-testid="station-item"]:visible', { hasText: created.name }).getByText('刚刚 确认').waitFor({ timeout: 15_000 });
    assert.equal(await page.locator('[data-testid="station-item"]:visible', { hasText: created.name }).locator('[data-testid="station-needs-confirmation"]').count(), 0);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
