// 驿站 as a rider uses it: located in 新乐, find the nearest open station with e-bike charging, open its detail.
// This machine has no internet, so the map's tiles fail: the page must say so and keep the list.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gcj02ToWgs84 } from '../shared/dist/esm/geo.js';
import { byTestId, newPhonePage, screenshot, useServerAndBrowser, visible } from './support.mjs';

// On 新乐's 长寿街 / 人民路 crossing area, GCJ-02 (what the API and maps use).
const RIDER_AT = { lat: 38.3435, lng: 114.6839 };

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
});
