import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { StationFeedbackResponse } from '@xjy/shared/station';
import { loginFactory, ok, userFactory } from '../../../../../test/factories';
import { callsTo, serve } from '../../../../../test/helpers';
import { configureHttp } from '../../../../services/http';
import { saveLogin } from '../../../../utils/session';
import StationFeedbackPage from './index';

const item = (over: Partial<StationFeedbackResponse>): StationFeedbackResponse => ({
  id: 1,
  stationId: 5,
  stationName: '新华社区爱心驿站',
  type: 'other',
  note: '',
  status: 'open',
  resolution: null,
  resolutionNote: null,
  createdAt: '2026-12-01T02:30:00.000Z',
  resolvedAt: null,
  priority: 'normal',
  ...over,
});

describe('StationFeedbackPage', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));
  beforeEach(() => {
    act(() => saveLogin(loginFactory({ user: userFactory({ role: 'staff', trade: null, scopes: [{ id: 4, name: '长寿街道', level: 'street', path: '/1/4/' }] }) })));
  });

  it('marks the items riders raised as 紧急, and shows times in China time', async () => {
    serve(() => ok({ items: [item({ id: 2, priority: 'high', type: 'closed_when_open', note: '两位骑手在一天内确认该站点按营业时间应开放，但实际关门' }), item({ id: 1 })] }));
    render(<StationFeedbackPage />);
    const items = await screen.findAllByTestId('feedback-item');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('紧急 · 多位骑手确认');
    expect(items[0]).toHaveTextContent('显示营业但关门了');
    expect(screen.getAllByTestId('feedback-high')).toHaveLength(1);
    expect(screen.getAllByTestId('feedback-time')[0]).toHaveTextContent('12月1日 周二 10:30');
    expect(screen.getAllByTestId('feedback-time')[0]).not.toHaveTextContent('UTC');
  });

  it('confirms an item as correct', async () => {
    let open = true;
    serve((url, method) => {
      if (url === '/api/stations/feedback/2/resolve' && method === 'POST') {
        open = false;
        return ok(item({ id: 2, status: 'resolved', resolution: 'confirmed_correct' }));
      }
      return ok({ items: open ? [item({ id: 2, priority: 'high' })] : [] });
    });
    render(<StationFeedbackPage />);
    fireEvent.click((await screen.findAllByTestId('resolve-confirmed_correct'))[0]);
    await waitFor(() => expect(callsTo('/api/stations/feedback/2/resolve', 'POST').map((c) => c.data)).toEqual([{ resolution: 'confirmed_correct' }]));
    expect(await screen.findByTestId('feedback-empty')).toBeInTheDocument();
  });
});
