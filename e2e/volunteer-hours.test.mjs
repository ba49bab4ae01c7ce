// 志愿服务时长 as people do it: a member types the 6-digit code to sign in and, later, to sign out of a volunteer
// service; staff confirm the hours after the end; the member sees the confirmed hours in 我的签到.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gcj02ToWgs84 } from '../shared/dist/esm/geo.js';
import { byTestId, newPhonePage, screenshot, useServerAndBrowser, visible } from './support.mjs';

const api = async (url, { method = 'GET', token, body } = {}) => {
  const r = await fetch(url, { method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  return r.json();
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

describe('volunteer hours', () => {
  const ctx = useServerAndBrowser();

  it('a member signs in and out with the typed code and sees the hours staff confirmed', async () => {
    const base = ctx.server.url;
    const admin = (await api(`${base}/api/auth/dev`, { method: 'POST', body: { account: 'admin' } })).token;
    // 新华社区's organization, in the demo staff's scope.
    const org = (await api(`${base}/api/organizations`, { token: admin })).items.find((o) => o.areaName === '新华社区');
    assert.ok(org, 'the demo data has an organization at 新华社区');
    // A short service (started a minute ago, ends in 90 s) that counts any session of 1% or more, so the test
    // need not wait an hour; the member stands 20 m from the published point.
    const now = Date.now();
    const point = { lat: 38.3435, lng: 114.6839 };
    const activity = await api(`${base}/api/activities`, {
      method: 'POST',
      token: admin,
      body: { organizationId: org.id, type: 'volunteer', title: '浏览器测试志愿服务', startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 90_000).toISOString(), ...point, points: 3, hoursThresholdPct: 1 },
    });
    assert.ok(activity.id, JSON.stringify(activity));
    const code = async () => (await api(`${base}/api/activities/${activity.id}/qr-token`, { token: admin })).code;

    const here = gcj02ToWgs84({ lat: point.lat + 0.00018, lng: point.lng });
    const member = await newPhonePage(ctx.browser, { geolocation: { latitude: here.lat, longitude: here.lng, accuracy: 15 } });
    await member.page.goto(`${base}/pages/login/index`);
    await byTestId(member.page, 'demo-login-rider').click();
    await byTestId(member.page, 'stations-page').waitFor();
    await member.page.goto(`${base}/packages/org/pages/activity/index?id=${activity.id}`);
    await visible(byTestId(member.page, 'check-in-code')).locator('input').fill(await code());
    await visible(byTestId(member.page, 'check-in-submit')).click();
    await visible(byTestId(member.page, 'privacy-agree')).click();
    await visible(byTestId(member.page, 'check-in-done')).waitFor({ timeout: 15_000 });

    // Twenty-odd seconds of service (0.01 h), then sign out with the code on screen now.
    await sleep(22_000);
    await visible(byTestId(member.page, 'check-out-code')).locator('input').fill(await code());
    await visible(byTestId(member.page, 'check-out-submit')).click();
    const signedOut = visible(byTestId(member.page, 'signed-out'));
    await signedOut.waitFor({ timeout: 15_000 }).catch(async (e) => {
      await screenshot(member.page, 'volunteer-sign-out-failed');
      throw e;
    });
    assert.match(await signedOut.innerText(), /待确认/);
    await screenshot(member.page, 'volunteer-signed-out');

    // Staff confirm after the end, on the attendance page.
    const staff = await newPhonePage(ctx.browser);
    await staff.page.goto(`${base}/pages/login/index`);
    await byTestId(staff.page, 'demo-login-staff').click();
    await byTestId(staff.page, 'stations-page').waitFor();
    const endsAt = Date.parse(activity.endsAt);
    await sleep(Math.max(0, endsAt - Date.now() + 1000));
    await staff.page.goto(`${base}/packages/staff/pages/attendance/index?id=${activity.id}`);
    const confirm = visible(byTestId(staff.page, 'confirm-hours-button'));
    await confirm.waitFor({ timeout: 15_000 });
    await confirm.click();
    const summary = visible(byTestId(staff.page, 'confirm-summary'));
    await summary.waitFor({ timeout: 15_000 });
    assert.match(await summary.innerText(), /本次确认 1 人/);

    // The member sees the confirmed hours and the points in 我的签到.
    await member.page.goto(`${base}/packages/org/pages/check-ins/index`);
    const hours = visible(byTestId(member.page, 'check-in-hours'));
    await hours.waitFor({ timeout: 15_000 });
    assert.match(await hours.innerText(), /服务时长 0\.0[1-9] 小时 · 已确认/);
    assert.match(await visible(member.page.locator('.check-ins__item').filter({ hasText: '浏览器测试志愿服务' })).innerText(), /\+3 积分/);
    await screenshot(member.page, 'volunteer-hours-confirmed');
    assert.deepEqual(member.errors, []);
    assert.deepEqual(staff.errors, []);
  });
});
