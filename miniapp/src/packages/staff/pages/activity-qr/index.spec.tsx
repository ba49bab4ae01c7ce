import { act, render, screen } from '@testing-library/react';
import { fail, loginFactory, ok, userFactory } from '../../../../../test/factories';
import { callsTo, serve } from '../../../../../test/helpers';
import * as Taro from '../../../../../test/taro-mock';
import { configureHttp } from '../../../../services/http';
import { saveLogin } from '../../../../utils/session';
import ActivityQrPage from './index';

describe('ActivityQrPage', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));
  afterEach(() => jest.useRealTimers());

  it('shows the current code and fetches a new one before it expires', async () => {
    jest.useFakeTimers();
    act(() => saveLogin(loginFactory({ user: userFactory({ role: 'staff', trade: null }) })));
    Taro.routerParams.current = { id: '7' };
    let n = 0;
    serve((url) => {
      if (url === '/api/activities/7/qr-token') {
        n++;
        return ok({ token: `7.${1000 + n}.AAAAAAAAAAAAAAAAAAAAA${n}`, code: `12345${n}`, expiresAt: new Date(Date.now() + 30_000).toISOString(), slotSeconds: 30 });
      }
      if (url === '/api/activities/7') return ok({ id: 7, title: '主题党日', checkedInCount: 4 });
      return fail(404, 'not_found', '');
    });
    render(<ActivityQrPage />);
    await act(async () => {
      await jest.advanceTimersByTimeAsync(10);
    });
    expect(screen.getByTestId('qr-token')).toHaveTextContent('7.1001.');
    expect(screen.getByTestId('qr-image')).toBeInTheDocument();
    await act(async () => {
      await jest.advanceTimersByTimeAsync(28_000);
    });
    expect(screen.getByTestId('qr-token')).toHaveTextContent('7.1002.');
    expect(callsTo('/api/activities/7/qr-token').length).toBe(2);
    expect(Taro.setKeepScreenOn).toHaveBeenCalledWith({ keepScreenOn: true });
  });

  it('shows the 6-digit code to type beside the QR, and a count that follows check-ins', async () => {
    jest.useFakeTimers();
    act(() => saveLogin(loginFactory({ user: userFactory({ role: 'staff', trade: null }) })));
    Taro.routerParams.current = { id: '7' };
    let count = 0;
    serve((url) => {
      if (url === '/api/activities/7/qr-token') return ok({ token: '7.1001.AAAAAAAAAAAAAAAAAAAAAA', code: '048213', expiresAt: new Date(Date.now() + 30_000).toISOString(), slotSeconds: 30 });
      if (url === '/api/activities/7') return ok({ id: 7, title: '主题党日', checkedInCount: count });
      return fail(404, 'not_found', '');
    });
    render(<ActivityQrPage />);
    await act(async () => {
      await jest.advanceTimersByTimeAsync(10);
    });
    expect(screen.getByTestId('qr-code-digits')).toHaveTextContent('048 213');
    expect(screen.getByTestId('qr-count')).toHaveTextContent('已签到 0 人');
    count = 3;
    await act(async () => {
      await jest.advanceTimersByTimeAsync(5_100);
    });
    expect(screen.getByTestId('qr-count')).toHaveTextContent('已签到 3 人');
  });
});
