import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { fail, loginFactory, ok, reportFactory, userFactory } from '../../../../../test/factories';
import { serve } from '../../../../../test/helpers';
import * as Taro from '../../../../../test/taro-mock';
import { configureHttp } from '../../../../services/http';
import { saveLogin } from '../../../../utils/session';
import EscalationsPage, { overdueText } from './index';

const asStaff = () => act(() => saveLogin(loginFactory({ user: userFactory({ role: 'staff', trade: null, scopes: [{ id: 4, name: '长寿街道', level: 'street', path: '/1/4/' }] }) })));
const item = {
  report: reportFactory({ id: 42, status: 'handling' }),
  status: 'handling',
  stage: 'handle',
  stageLabel: '处置',
  dueAt: '2026-12-01T02:00:00.000Z',
  hoursOverdue: 27.5,
  holder: { kind: 'department', name: '城管执法大队', departmentId: 2 },
  escalationLevel: 1,
  escalatedTo: { id: 4, name: '长寿街道' },
  escalatedAt: '2026-12-01T03:00:00.000Z',
};

describe('EscalationsPage (督办)', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));

  it('lists escalated cases with stage, holder and hours overdue, and opens one', async () => {
    asStaff();
    serve((url) => (url === '/api/escalations' ? ok({ items: [item], nextCursor: null }) : fail(404, 'not_found', '')));
    render(<EscalationsPage />);
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
    const row = await screen.findByTestId('escalation-item');
    expect(row).toHaveTextContent('#42 市容环境');
    expect(row).toHaveTextContent('超时 1 天 3 小时');
    expect(row).toHaveTextContent('环节：处置 · 办理方：城管执法大队');
    expect(row).toHaveTextContent('时限 12月1日 周二 10:00');
    expect(row).toHaveTextContent('已督办至 长寿街道（12月1日 周二 11:00）');
    fireEvent.click(row);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/report/index?id=42' });
  });

  it('says so when nothing is overdue', async () => {
    asStaff();
    serve((url) => (url === '/api/escalations' ? ok({ items: [], nextCursor: null }) : fail(404, 'not_found', '')));
    render(<EscalationsPage />);
    expect(await screen.findByTestId('state-empty')).toHaveTextContent('没有需要督办的案件');
  });

  it("shows the catalogue's message on an error, and retries", async () => {
    asStaff();
    let refused = true;
    serve((url) => (url === '/api/escalations' ? (refused ? fail(403, 'forbidden', 'forbidden') : ok({ items: [item], nextCursor: null })) : fail(404, 'not_found', '')));
    render(<EscalationsPage />);
    const error = await screen.findByTestId('state-error');
    expect(error).not.toHaveTextContent('forbidden');
    expect(error.textContent).toMatch(/[\u4e00-\u9fff]/);
    refused = false;
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByTestId('escalation-item')).toBeInTheDocument();
  });

  it('loads the next page on request', async () => {
    asStaff();
    const second = { ...item, report: reportFactory({ id: 43 }), hoursOverdue: 3 };
    serve((url) => {
      if (url === '/api/escalations') return ok({ items: [item], nextCursor: 'c1' });
      if (url === '/api/escalations?cursor=c1') return ok({ items: [second], nextCursor: null });
      return fail(404, 'not_found', '');
    });
    render(<EscalationsPage />);
    await screen.findByTestId('escalation-item');
    fireEvent.click(screen.getByText('加载更多'));
    await waitFor(() => expect(screen.getAllByTestId('escalation-item')).toHaveLength(2));
    expect(screen.getAllByTestId('escalation-item')[1]).toHaveTextContent('#43');
    expect(screen.queryByText('加载更多')).not.toBeInTheDocument();
  });

  it('reads hours overdue as hours, then days and hours', () => {
    expect(overdueText(0.4)).toBe('超时不到 1 小时');
    expect(overdueText(5)).toBe('超时 5 小时');
    expect(overdueText(48)).toBe('超时 2 天');
    expect(overdueText(50.9)).toBe('超时 2 天 2 小时');
  });
});
