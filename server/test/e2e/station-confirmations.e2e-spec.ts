import { chinaWeekday, haversineM, M_PER_DEG_LAT, STATION_CONFIRM_POINTS_DAILY_CAP_DEFAULT } from '@xjy/shared';
import { PointsEntry } from '../../src/modules/points/points-entry.entity';
import { StationConfirmation } from '../../src/modules/stations/station-confirmation.entity';
import { StationIndexService } from '../../src/modules/stations/station-index.service';
import { Station } from '../../src/modules/stations/station.entity';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_DRIVERS } from '../support/test-db';

jest.setTimeout(90_000);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The point `north` metres north of `p`. */
const north = (p: { lat: number; lng: number }, m: number) => ({ lat: p.lat + m / M_PER_DEG_LAT, lng: p.lng });

describe.each(TEST_DRIVERS)('rider confirmations, favourites and services at stations (%s)', (driver) => {
  let t: TestApp;
  let staff: string;
  let admin: string;
  let areaId: number;
  let centre: { lat: number; lng: number };
  let seq = 0;
  /** Stations are laid out 40 m apart going north-east of the community centre, so each test has its own. */
  let slot = 0;

  const worker = async (): Promise<{ token: string; id: number }> => {
    const r = await t.http('POST', '/api/auth/wechat', { body: { code: t.wechat.issueCode(`confirm-${driver}-${++seq}`) } });
    expect(r.status).toBe(200);
    return { token: r.body.token, id: r.body.user.id };
  };

  const station = async (over: Record<string, unknown> = {}): Promise<{ id: number; lat: number; lng: number }> => {
    slot++;
    const lat = centre.lat + ((slot % 10) - 5) * 0.00036;
    const lng = centre.lng + (Math.floor(slot / 10) - 2) * 0.00046;
    const r = await t.http('POST', '/api/stations', {
      token: staff,
      body: {
        name: `确认测试驿站${slot}`,
        kind: 'rest_station',
        hostUnit: '测试单位',
        address: '新乐市测试路',
        lat,
        lng,
        amenities: ['drinking_water', 'phone_charging'],
        hours: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open: '00:00', close: '24:00' })),
        phone: '13800138000',
        areaId,
        ...over,
      },
    });
    expect(r.status).toBe(201);
    return { id: r.body.id, lat: r.body.lat, lng: r.body.lng };
  };

  const confirm = (token: string, s: { id: number; lat: number; lng: number }, over: Record<string, unknown> = {}) =>
    t.http('POST', `/api/stations/${s.id}/confirmations`, { token, body: { lat: s.lat, lng: s.lng, open: true, water: true, charging: false, ...over } });

  const nearbyItem = async (token: string, s: { id: number; lat: number; lng: number }, qs = '') => {
    const r = await t.http('GET', `/api/stations/nearby?lat=${s.lat}&lng=${s.lng}&radius=50&limit=100${qs}`, { token });
    expect(r.status).toBe(200);
    return r.body.items.find((i: { id: number }) => i.id === s.id) as Record<string, any> | undefined;
  };

  /** Moves a station's last confirmation back (as time passing would) and lets the index pick it up. */
  const ageStation = async (id: number, lastConfirmedAt: Date | null) => {
    await t.ds.getRepository(Station).update({ id }, { lastConfirmedAt, updatedAt: new Date() });
    await t.app.get(StationIndexService).poll();
  };

  beforeAll(async () => {
    t = await startTestApp(driver);
    staff = (await t.loginAs('staff')).token;
    admin = (await t.loginAs('admin')).token;
    const roots = await t.http('GET', '/api/areas', { token: admin });
    let node = roots.body.items.find((a: { code: string }) => '130184001001'.startsWith(a.code));
    while (node.code !== '130184001001') {
      const kids = await t.http('GET', `/api/areas?parentId=${node.id}`, { token: admin });
      node = kids.body.items.find((a: { code: string }) => '130184001001'.startsWith(a.code));
    }
    areaId = node.id;
    centre = { lat: node.centerLat, lng: node.centerLng };
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('POST /api/stations/:id/confirmations', () => {
    it('refuses a rider more than 100 m away, saying how far, and stores nothing', async () => {
      const s = await station();
      const w = await worker();
      const far = north(s, 150);
      const r = await confirm(w.token, { ...s, ...far });
      expect(r.status).toBe(422);
      expect(r.body.code).toBe('station_confirm_too_far');
      expect(r.body.details).toEqual({ distanceM: Math.round(haversineM(far, s)), radiusM: 100 });
      expect(r.body.message).toMatch(/米/);
      expect(await t.ds.getRepository(StationConfirmation).countBy({ stationId: s.id })).toBe(0);
    });

    it('stores a confirmation from within 100 m with its time and distance, awards a point and freshens the station', async () => {
      const s = await station();
      const w = await worker();
      const near = north(s, 60);
      const before = Date.now();
      const r = await confirm(w.token, { ...s, ...near }, { open: true, water: true, charging: false });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ stationId: s.id, distanceM: 60, open: true, water: true, charging: false, pointsAwarded: 1, escalated: false });
      const row = await t.ds.getRepository(StationConfirmation).findOneByOrFail({ id: r.body.id });
      expect(row).toMatchObject({ userId: w.id, distanceM: 60, lat: near.lat, lng: near.lng });
      expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
      const item = await nearbyItem(w.token, s);
      expect(item).toMatchObject({ needsConfirmation: false });
      expect(Date.parse(item!.lastConfirmedAt)).toBeGreaterThanOrEqual(before - 1000);
      const detail = await t.http('GET', `/api/stations/${s.id}`, { token: w.token });
      expect(detail.body).toMatchObject({ needsConfirmation: false, phone: '13800138000', lastConfirmation: { open: true, water: true, charging: false } });
      expect(Date.parse(detail.body.lastConfirmation.at)).toBeGreaterThanOrEqual(before - 1000);
      const ledger = await t.ds.getRepository(PointsEntry).findBy({ userId: w.id, reason: 'station_confirmed' });
      expect(ledger.map((e) => [e.sourceType, e.sourceId, e.delta])).toEqual([['station_confirm', r.body.id, 1]]);
      const me = await t.http('GET', '/api/points/me', { token: w.token });
      expect(me.body.balance).toBe(1);
    });

    it('allows one confirmation per worker per station in 6 hours, and another after', async () => {
      const s = await station();
      const w = await worker();
      const first = await confirm(w.token, s);
      expect(first.status).toBe(201);
      const again = await confirm(w.token, s, { open: false });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('station_confirm_too_soon');
      expect(again.body.details.retryInMinutes).toBeGreaterThan(350);
      // Another worker may confirm the same station meanwhile.
      expect((await confirm((await worker()).token, s)).status).toBe(201);
      await t.ds.getRepository(StationConfirmation).update({ id: first.body.id }, { createdAt: new Date(Date.now() - 5 * HOUR - 50 * 60_000) });
      expect((await confirm(w.token, s)).status).toBe(409);
      await t.ds.getRepository(StationConfirmation).update({ id: first.body.id }, { createdAt: new Date(Date.now() - 6 * HOUR - 60_000) });
      expect((await confirm(w.token, s)).status).toBe(201);
      expect(await t.ds.getRepository(StationConfirmation).countBy({ stationId: s.id, userId: w.id })).toBe(2);
    });

    it('stores one of several identical confirmations sent at once, with one award', async () => {
      const s = await station();
      const w = await worker();
      const all = await Promise.all(Array.from({ length: 6 }, () => confirm(w.token, s)));
      expect(all.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      expect(await t.ds.getRepository(StationConfirmation).countBy({ stationId: s.id })).toBe(1);
      expect(await t.ds.getRepository(PointsEntry).countBy({ userId: w.id, reason: 'station_confirmed' })).toBe(1);
    });

    it(`awards confirmation points up to their own daily cap (${STATION_CONFIRM_POINTS_DAILY_CAP_DEFAULT}) and still stores the rest`, async () => {
      const w = await worker();
      const awarded: number[] = [];
      for (let i = 0; i < STATION_CONFIRM_POINTS_DAILY_CAP_DEFAULT + 2; i++) {
        const r = await confirm(w.token, await station());
        expect(r.status).toBe(201);
        awarded.push(r.body.pointsAwarded);
      }
      expect(awarded).toEqual([...Array(STATION_CONFIRM_POINTS_DAILY_CAP_DEFAULT).fill(1), 0, 0]);
      expect((await t.http('GET', '/api/points/me', { token: w.token })).body.balance).toBe(STATION_CONFIRM_POINTS_DAILY_CAP_DEFAULT);
      expect(await t.ds.getRepository(StationConfirmation).countBy({ userId: w.id })).toBe(STATION_CONFIRM_POINTS_DAILY_CAP_DEFAULT + 2);
    });

    it('refuses bad input naming the field, an unknown station, and needs a login', async () => {
      const s = await station();
      const w = await worker();
      const bad = await t.http('POST', `/api/stations/${s.id}/confirmations`, { token: w.token, body: { lat: s.lat, lng: s.lng, open: 'yes', water: true } });
      expect(bad.status).toBe(400);
      expect(bad.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['charging', 'open']);
      expect((await confirm(w.token, { ...s, id: 99_999_999 })).body.code).toBe('station_not_found');
      expect((await t.http('POST', `/api/stations/${s.id}/confirmations`, { body: { lat: s.lat, lng: s.lng, open: true, water: true, charging: true } })).status).toBe(401);
    });
  });

  describe('freshness', () => {
    it('marks a station 待确认 after 30 days without confirmation, lists it for staff, and a confirmation clears it', async () => {
      const s = await station();
      const w = await worker();
      await ageStation(s.id, new Date(Date.now() - 31 * DAY));
      expect(await nearbyItem(w.token, s)).toMatchObject({ needsConfirmation: true });
      expect(await nearbyItem(w.token, s, '&confirmedWithinDays=30')).toBeUndefined();
      expect(await nearbyItem(w.token, s, '&confirmedWithinDays=40')).toMatchObject({ needsConfirmation: true });
      const pending = await t.http('GET', '/api/stations/managed?needsConfirmation=true&q=' + encodeURIComponent(`确认测试驿站${slot}`), { token: staff });
      expect(pending.body.items.map((i: { id: number }) => i.id)).toContain(s.id);
      expect(pending.body.items.every((i: { needsConfirmation: boolean }) => i.needsConfirmation)).toBe(true);

      expect((await confirm(w.token, s)).status).toBe(201);
      expect(await nearbyItem(w.token, s, '&confirmedWithinDays=1')).toMatchObject({ needsConfirmation: false });
      const after = await t.http('GET', '/api/stations/managed?needsConfirmation=true&q=' + encodeURIComponent(`确认测试驿站${slot}`), { token: staff });
      expect(after.body.items.map((i: { id: number }) => i.id)).not.toContain(s.id);
    });

    it('counts a never-confirmed station as 待确认, and a staff check confirms it', async () => {
      const s = await station();
      await ageStation(s.id, null);
      const w = await worker();
      expect(await nearbyItem(w.token, s)).toMatchObject({ needsConfirmation: true, lastConfirmedAt: null });
      const v = await t.http('POST', `/api/stations/${s.id}/verify`, { token: staff });
      expect(v.status).toBe(200);
      expect(v.body.needsConfirmation).toBe(false);
      expect(await nearbyItem(w.token, s)).toMatchObject({ needsConfirmation: false });
      expect((await t.http('POST', `/api/stations/${s.id}/verify`, { token: w.token })).status).toBe(403);
    });

    it('puts the fresher of two stations at the same distance first, and with sort=fresh within 100 m bands', async () => {
      const a = await station();
      const b = await station({ lat: a.lat, lng: a.lng, name: '同址驿站' });
      await ageStation(a.id, new Date(Date.now() - 10 * DAY));
      await ageStation(b.id, new Date(Date.now() - 2 * DAY));
      const w = await worker();
      const list = async (qs: string) =>
        (await t.http('GET', `/api/stations/nearby?lat=${a.lat}&lng=${a.lng}&radius=30&limit=100${qs}`, { token: w.token })).body.items.map((i: { id: number }) => i.id).filter((id: number) => id === a.id || id === b.id);
      expect(await list('')).toEqual([b.id, a.id]);
      await ageStation(a.id, new Date(Date.now() - DAY));
      expect(await list('')).toEqual([a.id, b.id]);
      // A station 60 m away but confirmed today comes before a nearer stale one with sort=fresh, not by default.
      const c = await station({ ...north(a, 60), name: '稍远驿站' });
      await ageStation(a.id, new Date(Date.now() - 20 * DAY));
      await ageStation(b.id, new Date(Date.now() - 20 * DAY));
      const ids = async (qs: string) =>
        (await t.http('GET', `/api/stations/nearby?lat=${a.lat}&lng=${a.lng}&radius=90&limit=100${qs}`, { token: w.token })).body.items
          .map((i: { id: number }) => i.id)
          .filter((id: number) => [a.id, b.id, c.id].includes(id));
      expect((await ids('')).indexOf(c.id)).toBe(2);
      expect((await ids('&sort=fresh'))[0]).toBe(c.id);
    });

    it('refuses a bad confirmedWithinDays or sort with 400 naming the field', async () => {
      const w = await worker();
      for (const qs of ['confirmedWithinDays=0', 'confirmedWithinDays=abc', 'confirmedWithinDays=1.5', 'sort=newest']) {
        const r = await t.http('GET', `/api/stations/nearby?lat=${centre.lat}&lng=${centre.lng}&${qs}`, { token: w.token });
        expect(r.status).toBe(400);
        expect(r.body.details.fields[0].field).toBe(qs.split('=')[0]);
      }
    });
  });

  describe('closed when it should be open', () => {
    it('raises one high-priority item when two workers find it closed within a day; staff confirming it stamps the station', async () => {
      const s = await station();
      const [a, b, c] = [await worker(), await worker(), await worker()];
      expect((await confirm(a.token, s, { open: false })).body.escalated).toBe(false);
      // The same worker again does not count twice (and is refused by the 6-hour rule anyway).
      expect((await confirm(a.token, s, { open: false })).status).toBe(409);
      expect((await confirm(b.token, s, { open: false })).body.escalated).toBe(true);
      expect((await confirm(c.token, s, { open: false })).body.escalated).toBe(false);
      const queue = await t.http('GET', '/api/stations/feedback', { token: staff });
      const mine = queue.body.items.filter((f: { stationId: number }) => f.stationId === s.id);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ type: 'closed_when_open', priority: 'high', status: 'open' });
      expect(queue.body.items[0].priority).toBe('high');

      await ageStation(s.id, new Date(Date.now() - 40 * DAY));
      const resolved = await t.http('POST', `/api/stations/feedback/${mine[0].id}/resolve`, { token: staff, body: { resolution: 'confirmed_correct' } });
      expect(resolved.status).toBe(200);
      const detail = await t.http('GET', `/api/stations/${s.id}`, { token: a.token });
      expect(Date.now() - Date.parse(detail.body.lastConfirmedAt)).toBeLessThan(60_000);
      expect(await nearbyItem(a.token, s)).toMatchObject({ needsConfirmation: false });
    });

    it('does not escalate "closed" at a station whose hours say closed, nor one worker alone', async () => {
      const today = chinaWeekday(new Date());
      const otherDay = ((today % 7) + 1) as 1;
      const s = await station({ hours: [{ day: otherDay, open: '09:00', close: '10:00' }] });
      const [a, b] = [await worker(), await worker()];
      expect((await confirm(a.token, s, { open: false })).body.escalated).toBe(false);
      expect((await confirm(b.token, s, { open: false })).body.escalated).toBe(false);
      const queue = await t.http('GET', '/api/stations/feedback', { token: staff });
      expect(queue.body.items.filter((f: { stationId: number }) => f.stationId === s.id)).toEqual([]);
    });
  });

  describe('favourites', () => {
    it('puts a starred station first in the rider’s own nearby list only, until unstarred', async () => {
      const near = await station();
      const far = await station({ ...north(near, 300), name: '收藏驿站' });
      const [w, other] = [await worker(), await worker()];
      const ids = async (token: string) => (await t.http('GET', `/api/stations/nearby?lat=${near.lat}&lng=${near.lng}&radius=1000&limit=100`, { token })).body.items;
      const star = await t.http('POST', `/api/stations/${far.id}/favorite`, { token: w.token });
      expect(star.status).toBe(200);
      expect(star.body).toEqual({ stationId: far.id, favorite: true });
      expect((await t.http('POST', `/api/stations/${far.id}/favorite`, { token: w.token })).status).toBe(200);
      const mine = await ids(w.token);
      expect(mine[0]).toMatchObject({ id: far.id, favorite: true });
      expect(mine.filter((i: { favorite: boolean }) => i.favorite)).toHaveLength(1);
      const others = await ids(other.token);
      expect(others[0].id).not.toBe(far.id);
      expect(others.every((i: { favorite: boolean }) => !i.favorite)).toBe(true);
      expect((await t.http('GET', `/api/stations/${far.id}`, { token: w.token })).body.favorite).toBe(true);
      // Out of the radius a star does not bring it in.
      const small = await t.http('GET', `/api/stations/nearby?lat=${near.lat}&lng=${near.lng}&radius=100`, { token: w.token });
      expect(small.body.items.map((i: { id: number }) => i.id)).not.toContain(far.id);

      const unstar = await t.http('DELETE', `/api/stations/${far.id}/favorite`, { token: w.token });
      expect(unstar.body).toEqual({ stationId: far.id, favorite: false });
      const after = await ids(w.token);
      expect(after[0].id).not.toBe(far.id);
      expect(after.find((i: { id: number }) => i.id === far.id).favorite).toBe(false);
      expect((await t.http('POST', '/api/stations/99999999/favorite', { token: w.token })).body.code).toBe('station_not_found');
    });
  });

  describe('services at stations', () => {
    const at = (h: number) => new Date(Date.now() + h * HOUR).toISOString();

    it('shows the next session on the station and its nearby item; workers sign up once and see a reminder', async () => {
      const s = await station();
      const later = await t.http('POST', `/api/stations/${s.id}/services`, { token: staff, body: { kind: 'policy_briefing', startsAt: at(48), endsAt: at(49), host: '人社局' } });
      expect(later.status).toBe(201);
      const soon = await t.http('POST', `/api/stations/${s.id}/services`, { token: staff, body: { kind: 'legal_consult', startsAt: at(2), endsAt: at(4), host: '新乐律师事务所', capacity: 1 } });
      expect(soon.status).toBe(201);
      const [w, w2] = [await worker(), await worker()];
      expect(await nearbyItem(w.token, s)).toMatchObject({ nextService: { id: soon.body.id, kind: 'legal_consult', host: '新乐律师事务所', startsAt: soon.body.startsAt } });
      expect((await t.http('GET', `/api/stations/${s.id}`, { token: w.token })).body.nextService).toMatchObject({ id: soon.body.id });

      const up = await t.http('POST', `/api/stations/services/${soon.body.id}/signup`, { token: w.token });
      expect(up.status).toBe(200);
      expect(up.body).toMatchObject({ signedUp: true, signups: 1 });
      expect((await t.http('POST', `/api/stations/services/${soon.body.id}/signup`, { token: w.token })).body.signups).toBe(1);
      const full = await t.http('POST', `/api/stations/services/${soon.body.id}/signup`, { token: w2.token });
      expect(full.status).toBe(409);
      expect(full.body.code).toBe('station_service_full');
      expect((await t.http('POST', `/api/stations/services/${later.body.id}/signup`, { token: w.token })).status).toBe(200);

      const mine = await t.http('GET', '/api/stations/services/mine', { token: w.token });
      expect(mine.body.items.map((v: { id: number; remindNow: boolean }) => [v.id, v.remindNow])).toEqual([
        [soon.body.id, true],
        [later.body.id, false],
      ]);
      const list = await t.http('GET', `/api/stations/${s.id}/services`, { token: w.token });
      expect(list.body.items.map((v: { id: number; signedUp: boolean }) => [v.id, v.signedUp])).toEqual([
        [soon.body.id, true],
        [later.body.id, true],
      ]);

      const cancel = await t.http('POST', `/api/stations/services/${soon.body.id}/cancel`, { token: staff });
      expect(cancel.body.cancelled).toBe(true);
      expect(await nearbyItem(w.token, s)).toMatchObject({ nextService: { id: later.body.id } });
      expect((await t.http('POST', `/api/stations/services/${soon.body.id}/signup`, { token: w2.token })).body.code).toBe('station_service_cancelled');
      const withdraw = await t.http('DELETE', `/api/stations/services/${later.body.id}/signup`, { token: w.token });
      expect(withdraw.body).toMatchObject({ signedUp: false, signups: 0 });
    });

    it('refuses a session in the past, ending before it starts, or from a worker', async () => {
      const s = await station();
      const past = await t.http('POST', `/api/stations/${s.id}/services`, { token: staff, body: { kind: 'counselling', startsAt: at(-1), endsAt: at(1), host: '心理老师' } });
      expect(past.status).toBe(400);
      expect(past.body.code).toBe('station_service_in_past');
      const inverted = await t.http('POST', `/api/stations/${s.id}/services`, { token: staff, body: { kind: 'counselling', startsAt: at(3), endsAt: at(2), host: '心理老师' } });
      expect(inverted.body.details.fields[0].field).toBe('endsAt');
      const badKind = await t.http('POST', `/api/stations/${s.id}/services`, { token: staff, body: { kind: 'karaoke', startsAt: at(3), endsAt: at(4), host: 'x' } });
      expect(badKind.status).toBe(400);
      const w = await worker();
      expect((await t.http('POST', `/api/stations/${s.id}/services`, { token: w.token, body: { kind: 'counselling', startsAt: at(3), endsAt: at(4), host: 'x' } })).status).toBe(403);
    });
  });
});
