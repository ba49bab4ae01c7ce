// Accessibility: axe-core on every page of the H5 app, on a phone (390×844) and a desktop (1440×900), as a visitor,
// a rider or an admin sees it. No critical and no serious violation may remain, apart from the page-specific ones
// listed in KNOWN_PAGE_EXCEPTIONS (owned by other pages' work; the list is to be emptied, never grown).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { demoLogin, newSizedPage, seedSession, useServerAndBrowser, VIEWPORTS } from './support.mjs';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * KNOWN_PAGE_EXCEPTIONS: serious or critical violations of pages that other work owns (staff and org pages), by
 * page and axe rule; `targets` are axe's selectors as last seen, for whoever fixes the page. A (page, rule) listed
 * here does not fail the test; one that no longer occurs is printed as stale. The list is to be emptied, never grown:
 * global causes (shared components, app.scss) are fixed, not listed.
 */
export const KNOWN_PAGE_EXCEPTIONS = [];

const EXCEPTED = new Set(KNOWN_PAGE_EXCEPTIONS.map((e) => `${e.page}|${e.rule}`));

/** Every page of app.config.ts (and one unknown route), with the account that sees it and the query it needs. */
function pagesToCheck(ids) {
  return [
    { path: '/pages/login/index', as: null },
    { path: '/pages/no-such-page', as: 'rider', name: 'not-found' },
    { path: '/pages/stations/index', as: 'rider' },
    { path: '/pages/report/index', as: 'rider' },
    { path: '/pages/points/index', as: 'rider' },
    { path: '/pages/me/index', as: 'rider' },
    { path: '/pages/privacy/index', as: 'rider' },
    { path: `/pages/report-detail/index?id=${ids.report}`, as: 'rider' },
    { path: '/pages/my-reports/index', as: 'rider' },
    { path: `/pages/station-detail/index?id=${ids.station}`, as: 'rider' },
    { path: '/packages/org/pages/orgs/index', as: 'rider' },
    { path: '/packages/org/pages/activities/index', as: 'rider' },
    { path: `/packages/org/pages/activity/index?id=${ids.activity}`, as: 'rider' },
    { path: '/packages/org/pages/check-ins/index', as: 'rider' },
    ...[
      'home',
      'areas',
      'activities',
      'activity-edit',
      `activity-qr?id=${ids.activity}`,
      `attendance?id=${ids.activity}`,
      'memberships',
      'absentees',
      'reports',
      `report?id=${ids.report}`,
      'report-dashboard',
      'stations',
      `station-edit?id=${ids.station}`,
      'station-import',
      'station-feedback',
      'station-coverage',
      'admin-templates',
    ].map((p) => {
      const [page, query] = p.split('?');
      return { path: `/packages/staff/pages/${page}/index${query ? `?${query}` : ''}`, as: 'admin' };
    }),
  ];
}

async function api(url, token, path, init = {}) {
  const res = await fetch(`${url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });
  return res.json();
}

/** Ids for the detail pages, from the demo data. */
async function fixtureIds(url, logins) {
  const stations = await api(url, logins.rider.token, '/api/stations/nearby?lat=38.3435&lng=114.6839&radius=5000&limit=1');
  const reports = await api(url, logins.admin.token, '/api/reports?limit=1');
  const activities = await api(url, logins.admin.token, '/api/activities?limit=1');
  return { station: stations.items?.[0]?.id ?? 1, report: reports.items?.[0]?.id ?? 1, activity: activities.items?.[0]?.id ?? 1 };
}

const pageName = (p) => p.name ?? p.path.split('?')[0].replace(/^\/|\/index$/g, '');

/** Waits until the page has rendered and its requests have settled, then runs axe and keeps serious and critical. */
async function audit(page) {
  const rendered = await page
    .locator('.taro_page:visible [data-testid]')
    .first()
    .waitFor({ timeout: 20_000 })
    .then(() => true, () => false);
  // A blank page fails as such (axe finds nothing wrong with nothing).
  if (!rendered) return [{ rule: 'page-renders', impact: 'critical', target: 'body', html: (await page.content()).slice(0, 160), help: 'the page shows nothing' }];
  await page.waitForLoadState('networkidle', { timeout: 20_000 }).catch(() => undefined);
  await page.waitForTimeout(300);
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() => globalThis.axe.run(globalThis.document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => ({ rule: v.id, impact: v.impact, target: n.target.join(' '), html: n.html.slice(0, 160), help: v.help })));
}

describe('accessibility (axe-core) on every page, phone and desktop', () => {
  const ctx = useServerAndBrowser();

  it('finds no serious or critical violation on any page', { timeout: 600_000 }, async () => {
    const logins = { rider: await demoLogin(ctx.server.url, 'rider'), admin: await demoLogin(ctx.server.url, 'admin') };
    const ids = await fixtureIds(ctx.server.url, logins);
    const found = [];
    const seen = new Set();
    for (const viewport of VIEWPORTS) {
      for (const target of pagesToCheck(ids)) {
        const { page, context } = await newSizedPage(ctx.browser, viewport);
        if (target.as) await seedSession(context, logins[target.as]);
        // Only this server: map tiles from the internet would keep the network busy (and are not our markup).
        await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
        await page.goto(`${ctx.server.url}${target.path}`);
        for (const v of await audit(page)) {
          const key = `${pageName(target)}|${v.rule}`;
          seen.add(key);
          if (!EXCEPTED.has(key)) found.push({ viewport: viewport.name, page: pageName(target), ...v });
        }
        await context.close();
      }
    }
    const report = found.map((v) => `${v.impact} ${v.rule} on ${v.page} (${v.viewport}): ${v.target} — ${v.html}`).join('\n');
    if (process.env.A11Y_REPORT) console.log(JSON.stringify({ counts: countBy(found), found }, null, 1));
    assert.equal(found.length, 0, `axe found serious/critical violations:\n${report}`);
    const stale = [...EXCEPTED].filter((k) => !seen.has(k));
    if (stale.length) console.log(`KNOWN_PAGE_EXCEPTIONS no longer needed (remove them): ${stale.join(', ')}`);
  });
});

function countBy(found) {
  const out = {};
  for (const v of found) out[v.impact] = (out[v.impact] ?? 0) + 1;
  return out;
}
