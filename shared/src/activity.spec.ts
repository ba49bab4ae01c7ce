import { MEETING_RULES, meetingProgress, sessionHours } from './activity';

describe('sessionHours', () => {
  const window = { startsAt: new Date('2026-11-22T11:00:00Z'), endsAt: new Date('2026-11-22T13:00:00Z') };
  const at = (hhmm: string) => new Date(`2026-11-22T${hhmm}:00Z`);

  it('is sign-out minus sign-in in hours, rounded to 2 decimals', () => {
    expect(sessionHours(window, at('11:10'), at('12:50'), 60)).toEqual({ hours: 1.67, counts: true });
  });

  it('clips to the activity window on both sides', () => {
    expect(sessionHours(window, at('10:40'), at('13:25'), 60)).toEqual({ hours: 2, counts: true });
  });

  it('counts only at or above the threshold share of the activity', () => {
    expect(sessionHours(window, at('11:00'), at('12:12'), 60)).toEqual({ hours: 1.2, counts: true });
    expect(sessionHours(window, at('11:00'), at('12:11'), 60).counts).toBe(false);
    expect(sessionHours(window, at('11:00'), at('11:30'), 25).counts).toBe(true);
  });

  it('gives zero for a sign-out before the start', () => {
    expect(sessionHours(window, at('10:40'), at('10:55'), 1)).toEqual({ hours: 0, counts: false });
  });
});

describe('meetingProgress', () => {
  it('counts quarter rules once per quarter and monthly rules per month', () => {
    const p = meetingProgress(MEETING_RULES, [
      { kind: 'party_congress', month: 0 },
      { kind: 'group_meeting', month: 0 },
      { kind: 'group_meeting', month: 2 },
    ]);
    expect(p.map((r) => [r.kind, r.attended, r.met])).toEqual([
      ['party_congress', [1], true],
      ['party_lecture', [0], false],
      ['group_meeting', [1, 0, 1], false],
    ]);
  });
});
