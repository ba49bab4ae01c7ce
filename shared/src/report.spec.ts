import {
  actionsAvailable,
  canTransition,
  isReportFinished,
  REPORT_ACTIONS,
  REPORT_DEPARTMENT_STATUSES,
  REPORT_STATUS_DEADLINE,
  REPORT_STATUSES,
  REPORT_TRANSITIONS,
  reportStatusesDue,
  reportStatusesIn,
} from './report';

describe('report state machine', () => {
  it('puts every status in exactly one group, and only open ones are unfinished', () => {
    expect(reportStatusesIn('open', 'fixed', 'closed').sort()).toEqual([...REPORT_STATUSES].sort());
    expect(reportStatusesIn('open')).toEqual(['submitted', 'accepted', 'dispatched', 'handling', 'verifying', 'deferred']);
    expect(reportStatusesIn('fixed')).toEqual(['resolved']);
    expect(reportStatusesIn('closed')).toEqual(['rejected', 'duplicate', 'closed', 'withdrawn']);
    expect(REPORT_STATUSES.filter((s) => !isReportFinished(s))).toEqual(reportStatusesIn('open'));
  });

  it('accepts only a submitted report; a resolved one can only be reopened by staff', () => {
    expect(REPORT_STATUSES.filter((s) => canTransition('accept', s))).toEqual(['submitted']);
    expect(actionsAvailable('resolved')).toEqual(['reopen']);
    expect(actionsAvailable('submitted')).toEqual(['accept', 'reject', 'duplicate']);
    expect(actionsAvailable('dispatched')).toEqual(['dispatch', 'resolve', 'close']);
    expect(actionsAvailable('verifying')).toEqual(['verify', 'rework', 'close']);
  });

  it('gives each actor its own actions: the department signs, returns and handles; the reporter judges', () => {
    expect(actionsAvailable('dispatched', 'department')).toEqual(['sign', 'return']);
    expect(actionsAvailable('handling', 'department')).toEqual(['handled', 'request_extension', 'request_deferral']);
    expect(actionsAvailable('verifying', 'department')).toEqual([]);
    expect(actionsAvailable('submitted', 'reporter')).toEqual(['supplement', 'withdraw']);
    expect(actionsAvailable('resolved', 'reporter')).toEqual(['confirm', 'rate']);
    expect(actionsAvailable('closed', 'reporter')).toEqual(['confirm', 'rate']);
    expect(actionsAvailable('withdrawn', 'reporter')).toEqual([]);
  });

  it('never leads an action to a status it may start from, except re-dispatch', () => {
    for (const [action, t] of Object.entries(REPORT_TRANSITIONS)) {
      if (action !== 'dispatch' && t.to !== null) expect(t.from).not.toContain(t.to);
    }
  });

  it('lets every action start only from open statuses, except reopening and the reporter’s judgement', () => {
    const open = reportStatusesIn('open');
    const afterClosure = REPORT_ACTIONS.filter((a) => REPORT_TRANSITIONS[a].from.some((s) => !open.includes(s)));
    expect(afterClosure).toEqual(['reopen', 'confirm', 'rate']);
  });

  it('runs a deadline exactly while a report is open and not deferred, one per stage', () => {
    expect(reportStatusesDue('accept')).toEqual(['submitted']);
    expect(reportStatusesDue('resolve')).toEqual(['accepted']);
    expect(reportStatusesDue('sign')).toEqual(['dispatched']);
    expect(reportStatusesDue('handle')).toEqual(['handling']);
    expect(reportStatusesDue('verify')).toEqual(['verifying']);
    expect(REPORT_STATUSES.filter((s) => REPORT_STATUS_DEADLINE[s] !== null)).toEqual(reportStatusesIn('open').filter((s) => s !== 'deferred'));
  });

  it('has a department hold the case only in the department stages', () => {
    expect(REPORT_DEPARTMENT_STATUSES.every((s) => !isReportFinished(s))).toBe(true);
    expect(REPORT_DEPARTMENT_STATUSES).not.toContain('accepted');
  });

  it('awards points only on accept, and reverses them when ruled invalid or a duplicate', () => {
    expect(Object.entries(REPORT_TRANSITIONS).filter(([, t]) => t.points).map(([a, t]) => [a, t.points])).toEqual([
      ['accept', 'award'],
      ['reject', 'reverse'],
      ['duplicate', 'reverse'],
    ]);
  });
});
