import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { fail, loginFactory, ok, userFactory } from '../../../../../test/factories';
import { callsTo, serve, typeInto } from '../../../../../test/helpers';
import { configureHttp } from '../../../../services/http';
import { saveLogin } from '../../../../utils/session';
import StaffActivitiesPage from './index';

describe('StaffActivitiesPage (待核实 queue)', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));
  beforeEach(() => act(() => saveLogin(loginFactory({ user: userFactory({ role: 'staff', trade: null }) }))));

  it('shows check-ins flagged anywhere in scope and accepts one with a note', async () => {
    let reviewed = false;
    const flagged = {
      id: 31,
      activityId: 7,
      activityTitle: '敬老院志愿服务',
      status: 'accepted',
      refusal: null,
      distanceM: 3,
      pointsAwarded: 0,
      member: { id: 5, nickname: '小赵' },
      approvedBy: null,
      note: null,
      createdAt: new Date().toISOString(),
      signedOutAt: null,
      hours: null,
      hoursStatus: 'pending',
      flags: ['impossible_travel'],
      review: 'pending',
      reviewNote: null,
      closedBy: null,
      closeNote: null,
    };
    serve((url, method) => {
      if (url === '/api/activities') return ok({ items: [] });
      if (url === '/api/check-ins/flagged') return ok({ items: reviewed ? [] : [flagged] });
      if (url === '/api/check-ins/31/review' && method === 'POST') {
        reviewed = true;
        return ok({ ...flagged, review: 'accepted' });
      }
      return fail(404, 'not_found', '');
    });
    render(<StaffActivitiesPage />);
    const item = await screen.findByTestId('review-item');
    expect(item).toHaveTextContent('小赵 · 敬老院志愿服务');
    expect(item).toHaveTextContent('与上一次签到的位置相距太远，时间上赶不到');
    typeInto('review-note', '电话核实本人在场');
    fireEvent.click(screen.getByTestId('review-accept'));
    await waitFor(() => expect(screen.queryByTestId('review-item')).not.toBeInTheDocument());
    expect(callsTo('/api/check-ins/31/review', 'POST')[0].data).toEqual({ accept: true, note: '电话核实本人在场' });
  });
});
