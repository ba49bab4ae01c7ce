import { act, render, screen } from '@testing-library/react';
import type { CheckInResponse } from '@xjy/shared/activity';
import { fail, loginFactory, ok } from '../../../../../test/factories';
import { serve } from '../../../../../test/helpers';
import { configureHttp } from '../../../../services/http';
import { saveLogin } from '../../../../utils/session';
import MyCheckInsPage from './index';

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
  createdAt: new Date().toISOString(),
  signedOutAt: null,
  hours: null,
  hoursStatus: null,
  flags: [],
  review: null,
  reviewNote: null,
  closedBy: null,
  closeNote: null,
  ...over,
});

describe('MyCheckInsPage (我的签到)', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));
  beforeEach(() => act(() => saveLogin(loginFactory())));

  it('shows confirmed hours, open sessions, 待核实 with its reason in Chinese, and the quarter’s confirmed hours', async () => {
    serve((url) => {
      if (url === '/api/attendance/mine') return ok({ quarter: '2026Q4', meetingsAttended: 1, activitiesAttended: 3, volunteerPoints: 5, confirmedHours: 2.5 });
      if (url === '/api/check-ins/mine')
        return ok({
          items: [
            checkIn({ id: 1, signedOutAt: new Date().toISOString(), hours: 2.5, hoursStatus: 'confirmed', pointsAwarded: 5 }),
            checkIn({ id: 2, activityTitle: '社区清扫', hoursStatus: 'pending' }),
            checkIn({ id: 3, activityTitle: '主题党日', flags: ['shared_client', 'activity_point'], review: 'pending' }),
            checkIn({ id: 4, activityTitle: '防汛巡查', signedOutAt: new Date().toISOString(), hours: 0.4, hoursStatus: 'below_threshold', closedBy: { id: 9, nickname: '张社工' }, closeNote: '忘记签退' }),
          ],
        });
      return fail(404, 'not_found', '');
    });
    render(<MyCheckInsPage />);
    expect(await screen.findByTestId('confirmed-hours')).toHaveTextContent('2.5');
    const hours = await screen.findAllByTestId('check-in-hours');
    expect(hours.map((h) => h.textContent)).toEqual([
      '服务时长 2.5 小时 · 已确认',
      '未签退，离开时请签退',
      '服务时长 0.4 小时 · 未达时长要求 · 工作人员补签退（忘记签退）',
    ]);
    expect(screen.getByTestId('check-in-review')).toHaveTextContent('待核实：同一台手机为多个账号签到；定位恰好是活动发布的坐标');
    expect(screen.getByText(/\+5 积分/)).toBeInTheDocument();
  });

  it('says a rejected review plainly', async () => {
    serve((url) => {
      if (url === '/api/attendance/mine') return ok({ quarter: '2026Q4', meetingsAttended: 0, activitiesAttended: 0, volunteerPoints: 0, confirmedHours: 0 });
      return ok({ items: [checkIn({ status: 'rejected', flags: ['impossible_travel'], review: 'rejected', reviewNote: '本人不在现场' })] });
    });
    render(<MyCheckInsPage />);
    expect(await screen.findByTestId('check-in-review')).toHaveTextContent('核实未通过：与上一次签到的位置相距太远，时间上赶不到（本人不在现场）');
    expect(screen.getByText('核实未通过')).toBeInTheDocument();
    expect(screen.queryByTestId('check-in-hours')).not.toBeInTheDocument();
  });
});
