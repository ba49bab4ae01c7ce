import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { fail, loginFactory, ok, reportFactory, userFactory } from '../../../../../test/factories';
import { callsTo, serve } from '../../../../../test/helpers';
import * as Taro from '../../../../../test/taro-mock';
import { configureHttp } from '../../../../services/http';
import { saveLogin } from '../../../../utils/session';
import DeptCasesPage from './index';

const handler = () => userFactory({ id: 30, role: 'department', nickname: '城管执法队 张队长', trade: null });
const asHandler = () => act(() => saveLogin(loginFactory({ user: handler() })));

describe('DeptCasesPage', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));

  it('lists the cases waiting to be signed for, with the deadline in China time, and opens one', async () => {
    asHandler();
    serve((url) => {
      if (url === '/api/department/cases?status=dispatched&sort=deadline')
        return ok({ department: { id: 2, name: '城管执法大队' }, items: [reportFactory({ id: 7, status: 'dispatched', stageDeadlineAt: '2026-12-02T06:00:00.000Z', overdue: true, escalationLevel: 1 })], nextCursor: null });
      return fail(404, 'not_found', '');
    });
    render(<DeptCasesPage />);
    expect(screen.getByTestId('state-loading')).toHaveTextContent('正在加载');
    const item = await screen.findByTestId('dept-case-item');
    expect(item).toHaveTextContent('#7 市容环境');
    // 06:00 UTC is 14:00 in Beijing.
    expect(item).toHaveTextContent('时限 12月2日 周三 14:00');
    expect(item).toHaveTextContent('已超时');
    expect(item).toHaveTextContent('督办');
    expect(screen.getByTestId('dept-name')).toHaveTextContent('城管执法大队');
    fireEvent.click(item);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/dept/pages/case/index?id=7' });
  });

  it('switches to 处置中 and says when a tab is empty', async () => {
    asHandler();
    serve((url) => {
      if (url === '/api/department/cases?status=dispatched&sort=deadline') return ok({ department: { id: 2, name: '城管执法大队' }, items: [reportFactory({ id: 7, status: 'dispatched' })], nextCursor: null });
      if (url === '/api/department/cases?status=handling&sort=deadline') return ok({ department: { id: 2, name: '城管执法大队' }, items: [], nextCursor: null });
      return fail(404, 'not_found', '');
    });
    render(<DeptCasesPage />);
    await screen.findByTestId('dept-case-item');
    fireEvent.click(screen.getByTestId('dept-tab-handling'));
    expect(await screen.findByTestId('state-empty')).toHaveTextContent('没有正在处置的案件');
    expect(screen.queryByTestId('dept-case-item')).not.toBeInTheDocument();
    expect(callsTo('/api/department/cases?status=handling&sort=deadline')).toHaveLength(1);
  });

  it("shows the catalogue's message when the list fails, and retries", async () => {
    asHandler();
    let down = true;
    serve((url) => {
      if (url === '/api/department/cases?status=dispatched&sort=deadline') return down ? 'offline' : ok({ department: { id: 2, name: '城管执法大队' }, items: [], nextCursor: null });
      return fail(404, 'not_found', '');
    });
    render(<DeptCasesPage />);
    expect(await screen.findByTestId('state-error')).toHaveTextContent('网络连接失败，请检查网络后重试');
    down = false;
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByTestId('state-empty')).toHaveTextContent('没有待签收的案件');
  });

  it('tells a non-department user the page is not theirs and asks the API nothing', async () => {
    act(() => saveLogin(loginFactory({ user: userFactory({ role: 'staff', trade: null }) })));
    serve(() => fail(404, 'not_found', ''));
    render(<DeptCasesPage />);
    expect(screen.getByTestId('dept-forbidden')).toHaveTextContent('没有处置工作台权限');
    await waitFor(() => expect(callsTo('/api/department/cases?status=dispatched&sort=deadline')).toHaveLength(0));
  });
});
