import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ActivityResponse, CheckInResponse } from '@xjy/shared/activity';
import { fail, loginFactory, ok, userFactory } from '../../../../../test/factories';
import { callsTo, serve, typeInto } from '../../../../../test/helpers';
import * as Taro from '../../../../../test/taro-mock';
import { configureHttp } from '../../../../services/http';
import { saveLogin } from '../../../../utils/session';
import AttendancePage from './index';

const HOUR = 3600_000;
// Ended at 21:00 China time on 2026-11-22.
const ENDS = '2026-11-22T13:00:00.000Z';
const activity = (over: Partial<ActivityResponse> = {}): ActivityResponse => ({
  id: 7,
  organization: { id: 3, name: '新华社区党委' },
  type: 'volunteer',
  title: '敬老院志愿服务',
  address: null,
  startsAt: new Date(Date.parse(ENDS) - 2 * HOUR).toISOString(),
  endsAt: ENDS,
  checkInOpensAt: new Date(Date.parse(ENDS) - 2.5 * HOUR).toISOString(),
  lat: 38.34,
  lng: 114.68,
  radiusM: 300,
  points: 5,
  capacity: null,
  status: 'scheduled',
  checkedInCount: 3,
  eligible: true,
  myCheckIn: null,
  countsHours: true,
  hoursThresholdPct: 60,
  signOutClosesAt: new Date(Date.parse(ENDS) + HOUR / 2).toISOString(),
  hoursConfirmedAt: null,
  meetingKind: null,
  ...over,
});
const checkIn = (over: Partial<CheckInResponse>): CheckInResponse => ({
  id: 1,
  activityId: 7,
  activityTitle: '敬老院志愿服务',
  status: 'accepted',
  refusal: null,
  distanceM: 12,
  pointsAwarded: 0,
  member: { id: 1, nickname: '小王' },
  approvedBy: null,
  note: null,
  createdAt: new Date(Date.parse(ENDS) - 2 * HOUR).toISOString(),
  signedOutAt: null,
  hours: null,
  hoursStatus: 'pending',
  flags: [],
  review: null,
  reviewNote: null,
  closedBy: null,
  closeNote: null,
  ...over,
});

describe('AttendancePage (hours and review)', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));
  beforeEach(() => {
    act(() => saveLogin(loginFactory({ user: userFactory({ role: 'staff', trade: null }) })));
    Taro.routerParams.current = { id: '7' };
    Taro.showToast.mockClear();
  });

  const list = [
    checkIn({ id: 1, member: { id: 1, nickname: '小王' }, signedOutAt: ENDS, hours: 2, hoursStatus: 'pending' }),
    checkIn({ id: 2, member: { id: 2, nickname: '老李' } }),
    checkIn({ id: 3, member: { id: 3, nickname: '小赵' }, flags: ['same_coordinates'], review: 'pending', signedOutAt: ENDS, hours: 2 }),
  ];

  it('confirms the hours in one action after the end and says what happened', async () => {
    serve((url, method) => {
      if (url === '/api/activities/7') return ok(activity());
      if (url === '/api/activities/7/check-ins') return ok({ items: list });
      if (url === '/api/activities/7/confirm-hours' && method === 'POST')
        return ok({ activityId: 7, hoursConfirmedAt: new Date().toISOString(), confirmed: 1, belowThreshold: 0, openSessions: 1, awaitingReview: 1, pointsAwarded: 5 });
      return fail(404, 'not_found', '');
    });
    render(<AttendancePage />);
    const button = await screen.findByTestId('confirm-hours-button');
    await waitFor(() => expect(button).not.toHaveAttribute('disabled'));
    fireEvent.click(button);
    expect(await screen.findByTestId('confirm-summary')).toHaveTextContent('本次确认 1 人，未达时长 0 人，未签退 1 人，待核实 1 人，发放积分 5');
    expect(callsTo('/api/activities/7/confirm-hours', 'POST')).toHaveLength(1);
  });

  it('does not offer confirmation before the end', async () => {
    const later = new Date(Date.now() + HOUR).toISOString();
    serve((url) => (url === '/api/activities/7' ? ok(activity({ endsAt: later })) : ok({ items: list })));
    render(<AttendancePage />);
    const button = await screen.findByTestId('confirm-hours-button');
    expect(screen.getByText('活动结束后可确认时长。')).toBeInTheDocument();
    fireEvent.click(button);
    expect(callsTo('/api/activities/7/confirm-hours')).toHaveLength(0);
  });

  it('closes a forgotten sign-out by hand at the stated China time with a note', async () => {
    serve((url, method) => {
      if (url === '/api/activities/7') return ok(activity());
      if (url === '/api/activities/7/check-ins') return ok({ items: list });
      if (url === '/api/check-ins/2/close' && method === 'POST') return ok(checkIn({ id: 2, signedOutAt: ENDS, hours: 1.5 }));
      return fail(404, 'not_found', '');
    });
    render(<AttendancePage />);
    await screen.findAllByTestId('attendee');
    // Only the member still signed in can be closed.
    const closers = screen.getAllByTestId('close-open');
    expect(closers).toHaveLength(1);
    fireEvent.click(closers[0]);
    expect(await screen.findByTestId('close-form')).toHaveTextContent('为 老李 补签退');
    typeInto('close-time', '20:30');
    fireEvent.click(screen.getByTestId('close-submit'));
    // A note is required: nothing is sent without one.
    expect(callsTo('/api/check-ins/2/close')).toHaveLength(0);
    typeInto('close-note', '忘记签退，组织者核实在场至此');
    fireEvent.click(screen.getByTestId('close-submit'));
    await waitFor(() => expect(callsTo('/api/check-ins/2/close', 'POST')).toHaveLength(1));
    expect(callsTo('/api/check-ins/2/close', 'POST')[0].data).toEqual({ signedOutAt: '2026-11-22T20:30:00+08:00', note: '忘记签退，组织者核实在场至此' });
  });

  it('lists 待核实 check-ins with their reasons and records a decision with a note', async () => {
    serve((url, method) => {
      if (url === '/api/activities/7') return ok(activity());
      if (url === '/api/activities/7/check-ins') return ok({ items: list });
      if (url === '/api/check-ins/3/review' && method === 'POST') return ok(checkIn({ id: 3, review: 'rejected', status: 'rejected' }));
      return fail(404, 'not_found', '');
    });
    render(<AttendancePage />);
    const item = await screen.findByTestId('review-item');
    expect(item).toHaveTextContent('小赵');
    expect(item).toHaveTextContent('与其他成员的定位完全相同');
    fireEvent.click(screen.getByTestId('review-reject'));
    expect(callsTo('/api/check-ins/3/review')).toHaveLength(0);
    typeInto('review-note', '本人不在现场');
    fireEvent.click(screen.getByTestId('review-reject'));
    await waitFor(() => expect(callsTo('/api/check-ins/3/review', 'POST')).toHaveLength(1));
    expect(callsTo('/api/check-ins/3/review', 'POST')[0].data).toEqual({ accept: false, note: '本人不在现场' });
  });
});
