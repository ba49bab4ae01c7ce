import { M_PER_DEG_LAT } from '@xjy/shared';
import type { AuthContext } from '../../common/auth/auth-context';
import { FakeLedger, inlineTx } from '../../../test/fakes/activities.fakes';
import { FakeStationRiderRepository } from '../../../test/fakes/station-rider.fakes';
import { FakeStationsRepository } from '../../../test/fakes/stations.fakes';
import { stationFactory } from '../../../test/factories/station.factory';
import { StationConfirmationsService } from './station-confirmations.service';
import { StationIndexService } from './station-index.service';

const worker = (userId: number): AuthContext => ({ userId, role: 'worker', scopePaths: [], scopeAreaIds: [] });
const HOUR = 3_600_000;

describe(StationConfirmationsService.name, () => {
  let stations: FakeStationsRepository;
  let rider: FakeStationRiderRepository;
  let ledger: FakeLedger;
  let index: StationIndexService;
  let service: StationConfirmationsService;
  const open = stationFactory();
  // Open only at 03:00–03:01 on a day that is not today: closed whenever the spec runs.
  const closedByHours = stationFactory({ lat: 38.35, hours: [{ day: (((new Date().getUTCDay() + 3) % 7) + 1) as 1, open: '03:00', close: '03:01' }] });

  beforeEach(async () => {
    stations = new FakeStationsRepository();
    stations.add({ ...open }, { ...closedByHours });
    rider = new FakeStationRiderRepository(stations);
    rider.now = new Date();
    ledger = new FakeLedger();
    index = new StationIndexService(stations.asRepository());
    await index.ready();
    service = new StationConfirmationsService(stations.asRepository(), rider.asRepository(), index, ledger.asLedger(), inlineTx, { confirmPoints: 2, confirmPointsDailyCap: 5, staleDays: 30 });
  });
  afterEach(() => index.onModuleDestroy());

  const at = (s: { lat: number; lng: number }, northM: number) => ({ lat: s.lat + northM / M_PER_DEG_LAT, lng: s.lng });
  const taps = { open: true, water: true, charging: true };

  it('refuses a rider more than 100 m away and stores nothing', async () => {
    await expect(service.confirm(worker(1), open.id, { ...at(open, 120), ...taps })).rejects.toMatchObject({ code: 'station_confirm_too_far', details: { distanceM: 120, radiusM: 100 } });
    expect(rider.confirmations).toEqual([]);
    expect(ledger.entries).toEqual([]);
  });

  it('stores the confirmation with its distance, awards points through the ledger and freshens the index', async () => {
    const r = await service.confirm(worker(1), open.id, { ...at(open, 80), ...taps, charging: false });
    expect(r).toMatchObject({ stationId: open.id, distanceM: 80, pointsAwarded: 2, escalated: false, charging: false });
    expect(ledger.entries).toMatchObject([{ userId: 1, delta: 2, reason: 'station_confirmed', sourceType: 'station_confirm', sourceId: r.id }]);
    expect(stations.rows.get(open.id)!.lastConfirmedAt).not.toBeNull();
    expect(index.current.confirmedAtOf(open.id)).toBe(stations.rows.get(open.id)!.lastConfirmedAt!.getTime());
  });

  it('refuses a second confirmation of the same station by the same worker within 6 hours, with minutes to wait', async () => {
    await service.confirm(worker(1), open.id, { ...at(open, 0), ...taps });
    await expect(service.confirm(worker(1), open.id, { ...at(open, 0), ...taps })).rejects.toMatchObject({ code: 'station_confirm_too_soon', details: { retryInMinutes: 360 } });
    rider.confirmations[0].createdAt = new Date(Date.now() - 6 * HOUR - 1000);
    await expect(service.confirm(worker(1), open.id, { ...at(open, 0), ...taps })).resolves.toMatchObject({ stationId: open.id });
  });

  it('stops awarding at the daily cap but keeps storing', async () => {
    const extra = [1, 2, 3].map((i) => stationFactory({ lat: 38.4 + i * 0.01 }));
    stations.add(...extra);
    const got = [];
    for (const s of [open, ...extra]) got.push((await service.confirm(worker(7), s.id, { ...at(s, 0), ...taps })).pointsAwarded);
    expect(got).toEqual([2, 2, 1, 0]);
    expect(ledger.balance(7)).toBe(5);
    expect(rider.confirmations).toHaveLength(4);
  });

  it('escalates once when two different workers find it closed while its hours say open', async () => {
    expect((await service.confirm(worker(1), open.id, { ...at(open, 0), ...taps, open: false })).escalated).toBe(false);
    expect((await service.confirm(worker(2), open.id, { ...at(open, 0), ...taps, open: false })).escalated).toBe(true);
    expect((await service.confirm(worker(3), open.id, { ...at(open, 0), ...taps, open: false })).escalated).toBe(false);
    expect(rider.feedback).toMatchObject([{ stationId: open.id, type: 'closed_when_open', priority: 'high', status: 'open' }]);
  });

  it('does not escalate reports older than a day, nor "closed" when the hours say closed', async () => {
    await service.confirm(worker(1), open.id, { ...at(open, 0), ...taps, open: false });
    rider.confirmations[0].createdAt = new Date(Date.now() - 25 * HOUR);
    expect((await service.confirm(worker(2), open.id, { ...at(open, 0), ...taps, open: false })).escalated).toBe(false);
    await service.confirm(worker(1), closedByHours.id, { ...at(closedByHours, 0), ...taps, open: false });
    expect((await service.confirm(worker(2), closedByHours.id, { ...at(closedByHours, 0), ...taps, open: false })).escalated).toBe(false);
    expect(rider.feedback).toEqual([]);
  });

  it('refuses a suspended or unknown station', async () => {
    stations.write(open.id, { status: 'suspended' });
    await expect(service.confirm(worker(1), open.id, { ...at(open, 0), ...taps })).rejects.toMatchObject({ code: 'station_not_found' });
    await expect(service.confirm(worker(1), 999_999, { ...at(open, 0), ...taps })).rejects.toMatchObject({ code: 'station_not_found' });
  });

  it('lets staff stamp a station as confirmed now', async () => {
    await service.verify(open.id);
    expect(index.current.confirmedAtOf(open.id)).toBeGreaterThan(0);
    await expect(service.verify(999_999)).rejects.toMatchObject({ code: 'station_not_found' });
  });
});
