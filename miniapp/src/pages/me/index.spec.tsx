import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { fail, loginFactory, ok, userFactory } from '../../../test/factories';
import { callsTo, serve, typeInto } from '../../../test/helpers';
import * as Taro from '../../../test/taro-mock';
import { configureHttp } from '../../services/http';
import { getSession, saveLogin } from '../../utils/session';
import MePage from './index';

function signInAs(overrides: Parameters<typeof userFactory>[0]) {
  act(() => saveLogin(loginFactory({ user: userFactory(overrides) })));
}

describe('MePage', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));

  it('shows the nickname and the trade as the role label for a worker', () => {
    signInAs({ nickname: '小王', role: 'worker', trade: 'rider' });
    render(<MePage />);
    expect(screen.getByTestId('me-nickname')).toHaveTextContent('小王');
    expect(screen.getByTestId('me-role')).toHaveTextContent('外卖骑手');
    expect(screen.queryByTestId('staff-entry')).not.toBeInTheDocument();
  });

  it('shows staff their scopes and the 工作台 entry', () => {
    signInAs({
      role: 'staff',
      trade: null,
      nickname: '张社工',
      scopes: [{ id: 4, name: '长寿街道', level: 'street', path: '/1/4/' }],
    });
    render(<MePage />);
    expect(screen.getByTestId('me-role')).toHaveTextContent('工作人员');
    expect(screen.queryByTestId('me-scope')).not.toBeInTheDocument();
    fireEvent.click(screen.getByTestId('me-scopes-toggle'));
    expect(screen.getByTestId('me-scope')).toHaveTextContent('长寿街道');
    expect(screen.getByTestId('me-scope')).toHaveTextContent('街道/镇');
    fireEvent.click(screen.getByTestId('staff-entry'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/home/index' });
  });

  it('saves a new nickname with PATCH /api/me and shows the saved user', async () => {
    signInAs({ nickname: '小王' });
    serve((url, method, data) =>
      url === '/api/me' && method === 'PATCH' ? ok(userFactory({ nickname: (data as { nickname: string }).nickname })) : fail(404, 'not_found', ''),
    );
    render(<MePage />);
    typeInto('nickname-input', '  王师傅 ');
    fireEvent.click(screen.getByTestId('nickname-save'));

    await waitFor(() => expect(screen.getByTestId('me-nickname')).toHaveTextContent('王师傅'));
    expect(callsTo('/api/me', 'PATCH').map((option) => option.data)).toEqual([{ nickname: '王师傅' }]);
    expect(getSession().user?.nickname).toBe('王师傅');
    expect(Taro.showToast).toHaveBeenCalled();
  });

  it("shows the server's field error under the nickname and keeps the old one", async () => {
    signInAs({ nickname: '小王' });
    serve(() =>
      fail(400, 'validation_failed', '参数不合法', { fields: [{ field: 'nickname', message: '昵称包含不允许的内容' }] }),
    );
    render(<MePage />);
    typeInto('nickname-input', '坏名字');
    fireEvent.click(screen.getByTestId('nickname-save'));

    expect(await screen.findByTestId('nickname-error')).toHaveTextContent('昵称包含不允许的内容');
    expect(screen.getByTestId('me-nickname')).toHaveTextContent('小王');
    expect(getSession().user?.nickname).toBe('小王');
  });

  it('refuses an empty nickname without calling the server', () => {
    signInAs({ nickname: '小王' });
    render(<MePage />);
    typeInto('nickname-input', '   ');
    fireEvent.click(screen.getByTestId('nickname-save'));
    expect(screen.getByTestId('nickname-error')).toHaveTextContent('昵称不能为空');
    expect(Taro.request).not.toHaveBeenCalled();
  });

  it('logs out and returns to the stations tab', () => {
    signInAs({});
    render(<MePage />);
    fireEvent.click(screen.getByTestId('logout'));
    expect(getSession().token).toBeNull();
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/stations/index' });
  });

  it('asks a signed-out user to log in', async () => {
    render(<MePage />);
    expect(screen.getByText('还没有登录')).toBeInTheDocument();
    await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/login/index' }));
  });
});
