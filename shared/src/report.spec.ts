import { actionsAvailable, canTransition, isReportFinished, REPORT_STATUSES, REPORT_TRANSITIONS, reportStatusesIn } from './report';

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
});
