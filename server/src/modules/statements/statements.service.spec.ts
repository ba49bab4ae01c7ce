import { STATEMENT_LINES_MAX, STATEMENT_PER_USER_MAX } from '@xjy/shared';
import { inlineTx, testConfig } from '../../../test/fakes/activities.fakes';
import { InMemoryStatementsRepository } from '../../../test/fakes/statements.fakes';
import { AppException } from '../../common/app.exception';
import type { StatementsRepository } from './statements.repository';
import { StatementsService } from './statements.service';

const NOW = new Date('2026-06-15T04:00:00Z'); // 12:00 in China
const at = (iso: string) => new Date(iso);

describe(StatementsService.name, () => {
  let repo: InMemoryStatementsRepository;
  let service: StatementsService;
  const code = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      return e instanceof AppException ? { code: e.code, reason: e.details?.reason } : e;
    }
    return 'resolved';
  };

  beforeEach(() => {
    repo = new InMemoryStatementsRepository();
    repo.names.set(1, '李师傅');
    repo.points = [
      { userId: 1, entryId: 11, at: at('2026-05-31T15:59:59Z'), delta: 9, reason: 'report_accepted', sourceType: 'report', sourceId: 100, categoryLabel: '交通劝导', activityId: null, activityTitle: null },
      { userId: 1, entryId: 12, at: at('2026-05-31T16:00:00Z'), delta: 6, reason: 'report_accepted', sourceType: 'report', sourceId: 101, categoryLabel: '设施损坏', activityId: null, activityTitle: null },
      { userId: 1, entryId: 13, at: at('2026-06-02T02:00:00Z'), delta: 5, reason: 'volunteer_check_in', sourceType: 'check_in', sourceId: 700, categoryLabel: null, activityId: 70, activityTitle: '周末社区清扫' },
      { userId: 1, entryId: 14, at: at('2026-06-03T02:00:00Z'), delta: -6, reason: 'report_accept_reversed', sourceType: 'report', sourceId: 101, categoryLabel: '设施损坏', activityId: null, activityTitle: null },
      { userId: 2, entryId: 15, at: at('2026-06-03T02:00:00Z'), delta: 8, reason: 'report_accepted', sourceType: 'report', sourceId: 102, categoryLabel: '其他', activityId: null, activityTitle: null },
    ];
    repo.hours = [{ userId: 1, checkInId: 700, activityId: 70, activityTitle: '周末社区清扫', startsAt: at('2026-06-02T01:00:00Z'), hours: 2.5 }];
    service = new StatementsService(repo as unknown as StatementsRepository, inlineTx, testConfig);
  });

  it('counts entries from China midnight of `from` to the end of `to`, each line traced to its report or activity', async () => {
    const s = await service.create(1, '2026-06-01', '2026-06-15', NOW);
    // 2026-05-31T16:00Z is 00:00 on June 1st in China: in; one second earlier: out.
    expect(s.lines.map((l) => [l.kind, l.recordId, l.sourceType, l.sourceId, l.points ?? l.hours, l.label])).toEqual([
      ['points', 12, 'report', 101, 6, '设施损坏'],
      ['points', 13, 'activity', 70, 5, '周末社区清扫'],
      ['points', 14, 'report', 101, -6, '设施损坏'],
      ['hours', 700, 'activity', 70, 2.5, '周末社区清扫'],
    ]);
    expect(s).toMatchObject({ from: '2026-06-01', to: '2026-06-15', memberName: '李**', pointsTotal: 5, hoursTotal: 2.5, issuedAt: NOW.toISOString() });
  });

  it('verifies by code as typed (grouped, lower case), and refuses a code never issued', async () => {
    const s = await service.create(1, '2026-06-01', '2026-06-15', NOW);
    expect(await service.verify(s.code.replace(/(.{4})(?=.)/g, '$1-').toLowerCase())).toEqual(s);
    expect(await code(service.verify('0'.repeat(20)))).toEqual({ code: 'statement_not_found', reason: undefined });
    expect(await code(service.verify('not a code'))).toEqual({ code: 'statement_not_found', reason: undefined });
  });

  it('refuses a statement whose stored header or lines changed after issue', async () => {
    const s = await service.create(1, '2026-06-01', '2026-06-15', NOW);
    repo.lines[1].label = '别的活动';
    expect(await code(service.verify(s.code))).toEqual({ code: 'statement_altered', reason: undefined });
    repo.lines[1].label = '周末社区清扫';
    await expect(service.verify(s.code)).resolves.toEqual(s);
    repo.statements[0].userId = 2;
    expect(await code(service.verify(s.code))).toEqual({ code: 'statement_altered', reason: undefined });
  });

  it('issues a new code when the drawn one is already taken', async () => {
    const first = await service.create(1, '2026-06-01', '2026-06-15', NOW);
    const spy = jest.spyOn(repo, 'insert');
    repo.collideOnce.add(first.code);
    const second = await service.create(1, '2026-06-01', '2026-06-15', NOW);
    expect(second.code).not.toBe(first.code);
    expect(repo.statements).toHaveLength(2);
    spy.mockRestore();
  });

  it('refuses periods that are not real, reversed, in the future or longer than two years', async () => {
    expect(await code(service.create(1, '2026-06-10', '2026-06-01', NOW))).toEqual({ code: 'statement_period_invalid', reason: 'order' });
    expect(await code(service.create(1, '2026-06-01', '2026-06-16', NOW))).toEqual({ code: 'statement_period_invalid', reason: 'future' });
    expect(await code(service.create(1, '2024-06-14', '2026-06-15', NOW))).toEqual({ code: 'statement_period_invalid', reason: 'too_long' });
    expect(await code(service.create(1, '2026-02-29', '2026-03-01', NOW))).toEqual({ code: 'statement_period_invalid', reason: 'date' });
    // 731 days counting both ends: two years, a leap day included.
    await expect(service.create(1, '2024-06-15', '2026-06-15', NOW)).resolves.toMatchObject({ from: '2024-06-15' });
    expect(repo.statements).toHaveLength(1);
  });

  it('refuses a period with more lines than a statement holds, and a member past the statement limit', async () => {
    repo.points = Array.from({ length: STATEMENT_LINES_MAX + 1 }, (_, i) => ({ ...repo.points[1], entryId: 1000 + i }));
    expect(await code(service.create(1, '2026-06-01', '2026-06-15', NOW))).toEqual({ code: 'statement_too_long', reason: undefined });
    repo.points = [];
    for (let i = 0; i < STATEMENT_PER_USER_MAX; i++) await service.create(1, '2026-06-01', '2026-06-15', NOW);
    expect(await code(service.create(1, '2026-06-01', '2026-06-15', NOW))).toEqual({ code: 'statement_limit_reached', reason: undefined });
  });

  it('lists only the caller’s statements, newest first', async () => {
    const a = await service.create(1, '2026-06-01', '2026-06-15', NOW);
    await service.create(2, '2026-06-01', '2026-06-15', NOW);
    const b = await service.create(1, '2026-06-10', '2026-06-15', NOW);
    expect((await service.mine(1)).items.map((s) => s.code)).toEqual([b.code, a.code]);
  });
});
