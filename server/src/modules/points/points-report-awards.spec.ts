import type { AreasRepository } from '../areas/areas.repository';
import type { AppConfig } from '../../config/app.config';
import { InMemoryPointsLedger, NO_MANAGER } from '../../../test/factories';
import type { PointsLedger } from './points-ledger.repository';
import type { PointsRepository } from './points.repository';
import { PointsService } from './points.service';

describe(PointsService.name, () => {
  const reporterId = 7;
  const staffId = 2;
  // 10:00 in Beijing; the day began at 2026-11-21T16:00Z.
  const now = new Date('2026-11-22T02:00:00Z');
  let ledger: InMemoryPointsLedger;
  let sut: PointsService;
  const award = (reportId: number, points: number, at = now) => sut.awardForReport(NO_MANAGER, { reporterId, reportId, points, actorId: staffId, now: at });

  beforeEach(() => {
    ledger = new InMemoryPointsLedger();
    ledger.now = now;
    sut = new PointsService({} as PointsRepository, ledger as unknown as PointsLedger, { reportPointsDailyCap: 30 } as AppConfig, {} as AreasRepository);
  });

  describe('awardForReport', () => {
    it('awards the points asked for while the reporter is under the daily cap', async () => {
      expect(await award(1, 8)).toEqual({ recorded: true, delta: 8, held: 8 });
      expect(ledger.entries).toMatchObject([{ userId: reporterId, delta: 8, reason: 'report_accepted', sourceType: 'report', sourceId: 1, actorId: staffId }]);
    });

    it('cuts an award to what is left of the daily cap, then awards nothing until Beijing midnight', async () => {
      await award(1, 10);
      await award(2, 10);
      expect(await award(3, 8)).toEqual({ recorded: true, delta: 8, held: 8 });
      expect(await award(4, 10)).toEqual({ recorded: true, delta: 2, held: 2 });
      expect(await award(5, 10)).toEqual({ recorded: true, delta: 0, held: 0 });
      const nextDay = new Date('2026-11-22T16:00:00Z');
      ledger.now = nextDay;
      expect(await award(6, 10, nextDay)).toMatchObject({ delta: 10 });
    });

    it('counts reversed points back under the cap', async () => {
      await award(1, 10);
      await award(2, 10);
      await award(3, 10);
      await sut.reverseForReport(NO_MANAGER, { reporterId, reportId: 3, held: 10, actorId: staffId });
      expect(await award(4, 10)).toMatchObject({ recorded: true, delta: 10 });
    });

    it('awards a report once: a second award records nothing and says what the reporter still holds', async () => {
      await award(1, 6);
      expect(await award(1, 9)).toEqual({ recorded: false, delta: 6, held: 6 });
      expect(ledger.balance(reporterId)).toBe(6);
    });

    it('never awards a report again after its points were reversed', async () => {
      await award(1, 7);
      await sut.reverseForReport(NO_MANAGER, { reporterId, reportId: 1, held: 7, actorId: staffId });
      expect(await award(1, 7)).toEqual({ recorded: false, delta: 7, held: 0 });
      expect(ledger.balance(reporterId)).toBe(0);
    });
  });

  describe('reverseForReport', () => {
    it('reverses exactly what the reporter holds, once', async () => {
      await award(1, 7);
      expect(await sut.reverseForReport(NO_MANAGER, { reporterId, reportId: 1, held: 7, actorId: staffId })).toBe(true);
      expect(await sut.reverseForReport(NO_MANAGER, { reporterId, reportId: 1, held: 7, actorId: staffId })).toBe(false);
      expect(ledger.entries.map((e) => [e.reason, e.delta])).toEqual([
        ['report_accepted', 7],
        ['report_accept_reversed', -7],
      ]);
    });

    it('writes nothing when the reporter holds nothing for the report', async () => {
      expect(await sut.reverseForReport(NO_MANAGER, { reporterId, reportId: 1, held: 0, actorId: staffId })).toBe(false);
      expect(ledger.entries).toEqual([]);
    });
  });
});
