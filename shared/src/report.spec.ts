import { actionsAvailable, canTransition, isReportFinished, REPORT_STATUS_DEADLINE, REPORT_STATUSES, REPORT_TRANSITIONS, reportStatusesDue, reportStatusesIn } from './report';

describe('report state machine', () => {
  it('puts every status in exactly one group, and only open ones are unfinished', () => {
    expect(reportStatusesIn('open', 'fixed', 'closed').sort()).toEqual([...REPORT_STATUSES].sort());
    expect(reportStatusesIn('open')).toEqual(['submitted', 'accepted', 'dispatched']);
    expect(REPORT_STATUSES.filter((s) => !isReportFinished(s))).toEqual(reportStatusesIn('open'));
  });

  it('accepts only a submitted report; a resolved one can only be reopened', () => {
    expect(REPORT_STATUSES.filter((s) => canTransition('accept', s))).toEqual(['submitted']);
    expect(actionsAvailable('resolved')).toEqual(['reopen']);
    expect(actionsAvailable('submitted')).toEqual(['accept', 'reject', 'duplicate']);
    expect(actionsAvailable('dispatched')).toEqual(['dispatch', 'resolve']);
  });

  it('never leads an action to a status it may start from, except re-dispatch', () => {
    for (const [action, t] of Object.entries(REPORT_TRANSITIONS)) {
      if (action !== 'dispatch') expect(t.from).not.toContain(t.to);
    }
  });

  it('runs a deadline exactly while a report is open: accept until reviewed, then resolve', () => {
    expect(reportStatusesDue('accept')).toEqual(['submitted']);
    expect(reportStatusesDue('resolve')).toEqual(['accepted', 'dispatched']);
    expect(REPORT_STATUSES.filter((s) => REPORT_STATUS_DEADLINE[s] !== null)).toEqual(reportStatusesIn('open'));
  });

  it('awards points only on accept and reverses them only on reject', () => {
    expect(Object.entries(REPORT_TRANSITIONS).filter(([, t]) => t.points).map(([a, t]) => [a, t.points])).toEqual([
      ['accept', 'award'],
      ['reject', 'reverse'],
    ]);
  });
});
