// 报到 as people do it: staff put the rotating QR on screen, a member at the place checks in with the code it shows.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gcj02ToWgs84 } from '../shared/dist/esm/geo.js';
import { byTestId, newPhonePage, screenshot, useServerAndBrowser, visible } from './support.mjs';


describe('check-in with the rotating QR code', () => {
  const ctx = useServerAndBrowser();

  it('staff open the QR page and a member at the place checks in with the code it shows', async () => {
    // Staff: 工作台 › 组织生活 › 签到码 of the theme day that is about to start.
    const staff = await newPhonePage(ctx.browser);
    await staff.page.goto(`${ctx.server.url}/pages/login/index`);
    await byTestId(staff.page, 'demo-login-staff').click();
    await byTestId(staff.page, 'stations-page').waitFor();
    await staff.page.goto(`${ctx.server.url}/packages/staff/pages/activities/index`);
    const card = visible(staff.page.locator('[data-testid^="managed-activity-"]').filter({ hasText: '红色骑手' }));
    await card.waitFor({ timeout: 15_000 });
    const activityId = Number((await card.getAttribute('data-testid')).replace('managed-activity-', ''));
    await visible(byTestId(staff.page, `show-qr-${activityId}`)).click();
    const tokenEl = visible(byTestId(staff.page, 'qr-token'));
    await tokenEl.waitFor({ timeout: 15_000 });
    const token = await tokenEl.getAttribute('data-token');
    assert.match(token, new RegExp(`^${activityId}\\.\\d+\\.[\\w-]{22}$`));
    assert.equal(await visible(byTestId(staff.page, 'qr-image')).isVisible(), true);
    await screenshot(staff.page, 'staff-qr');

    // The member stands at the activity: the browser reports WGS-84 for that GCJ-02 point.
    const details = await (await fetch(`${ctx.server.url}/api/activities/${activityId}`, { headers: { authorization: `Bearer ${await staffToken(ctx.server.url)}` } })).json();
    const here = gcj02ToWgs84({ lat: details.lat, lng: details.lng });
    const member = await newPhonePage(ctx.browser, { geolocation: { latitude: here.lat, longitude: here.lng, accuracy: 15 } });
    await member.page.goto(`${ctx.server.url}/pages/login/index`);
    await byTestId(member.page, 'demo-login-rider').click();
    await byTestId(member.page, 'stations-page').waitFor();
    await member.page.goto(`${ctx.server.url}/pages/me/index`);
    await visible(byTestId(member.page, 'entry-activities')).click();
    await visible(byTestId(member.page, `activity-${activityId}`)).click();
    await visible(byTestId(member.page, 'check-in-code')).locator('input').fill(token);
    await visible(byTestId(member.page, 'check-in-submit')).click();
    // First use of the location: the privacy guide asks for consent before the app may read it.
    await visible(byTestId(member.page, 'privacy-agree')).click();
    const done = visible(byTestId(member.page, 'check-in-done'));
    await done.waitFor({ timeout: 15_000 }).catch(async (e) => {
      await screenshot(member.page, 'member-check-in-failed');
      throw e;
    });
    assert.match(await done.innerText(), /签到成功/);
    await screenshot(member.page, 'member-checked-in');

    // Staff see the member in the live list.
    await staff.page.goto(`${ctx.server.url}/packages/staff/pages/attendance/index?id=${activityId}`);
    const attendee = visible(byTestId(staff.page, 'attendee').filter({ hasText: '李师傅' }));
    await attendee.waitFor({ timeout: 15_000 });
    assert.deepEqual(staff.errors, []);
    assert.deepEqual(member.errors, []);
  });

  it('tells a member of another organization that they cannot check in, instead of showing the form', async () => {
    const staffTok = await staffToken(ctx.server.url);
    const list = await (await fetch(`${ctx.server.url}/api/activities?scope=managed`, { headers: { authorization: `Bearer ${staffTok}` } })).json();
    const activity = list.items.find((a) => a.title.includes('红色骑手'));
    const member = await newPhonePage(ctx.browser);
    await member.page.goto(`${ctx.server.url}/pages/login/index`);
    await byTestId(member.page, 'demo-login-streamer').click();
    await byTestId(member.page, 'stations-page').waitFor();
    await member.page.goto(`${ctx.server.url}/packages/org/pages/activity/index?id=${activity.id}`);
    // The streamer's residence grid is not this activity's organization: the page says so instead of a form.
    await visible(member.page.getByText('你不是该组织的成员')).waitFor({ timeout: 15_000 });
    await member.context.close();
  });
});

async function staffToken(url) {
  const r = await fetch(`${url}/api/auth/password`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'staff', password: 'staff-demo-2026' }) });
  return (await r.json()).token;
}
