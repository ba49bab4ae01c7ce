import { act, renderHook, waitFor } from '@testing-library/react';
import { fail, loginFactory, ok } from '../../test/factories';
import { callsTo, serve } from '../../test/helpers';
import * as Taro from '../../test/taro-mock';
import { configureHttp } from '../services/http';
import { readOutbox } from '../utils/report-outbox';
import { saveLogin } from '../utils/session';
import { useReportOutbox } from './use-report-outbox';

const BODY = { category: 'traffic', description: '路口逆行', lat: 38.34, lng: 114.68 };

function api(state: { online: boolean; refuse?: boolean }) {
  serve((url, method) => {
    if (!state.online) return 'offline';
    if (url === '/api/reports' && method === 'POST') return state.refuse ? fail(400, 'category_not_found', '类别不存在') : ok({ id: 77 }, 201);
    return fail(404, 'not_found', '');
  });
  Taro.uploadFile.mockImplementation((option) => {
    if (state.online) option.success?.({ statusCode: 201, data: JSON.stringify({ id: 501 }) });
    else option.fail?.({ errMsg: 'uploadFile:fail' });
    return { onProgressUpdate: jest.fn(), abort: jest.fn() };
  });
}

describe('useReportOutbox', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));
  beforeEach(() => act(() => saveLogin(loginFactory())));

  it('sends a report at once and leaves nothing queued', async () => {
    api({ online: true });
    const { result } = renderHook(() => useReportOutbox(true));
    let answer: unknown;
    await act(async () => {
      answer = await result.current.submit(BODY, ['wxfile://a.jpg'], jest.fn());
    });
    expect(answer).toEqual({ sent: { id: 77 } });
    expect(result.current.items).toEqual([]);
  });

  it('keeps a report sent offline and sends it when the network comes back', async () => {
    const state = { online: false };
    api(state);
    const { result } = renderHook(() => useReportOutbox(true));
    let answer: unknown;
    await act(async () => {
      answer = await result.current.submit(BODY, ['wxfile://a.jpg'], jest.fn());
    });
    expect(answer).toEqual({ queued: true });
    expect(result.current.items).toHaveLength(1);
    state.online = true;
    await act(async () => Taro.networkListeners.forEach((cb) => cb({ isConnected: true })));
    await waitFor(() => expect(result.current.items).toEqual([]));
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '已补发 1 条随手拍', icon: 'success' });
  });

  it('throws a refusal and drops the report from the queue', async () => {
    api({ online: true, refuse: true });
    const { result } = renderHook(() => useReportOutbox(true));
    await act(async () => {
      await expect(result.current.submit(BODY, ['wxfile://a.jpg'], jest.fn())).rejects.toMatchObject({ code: 'category_not_found' });
    });
    expect(result.current.items).toEqual([]);
    expect(readOutbox()).toEqual([]);
  });

  it('sends nothing and listens to nothing while logged out', async () => {
    const state = { online: false };
    api(state);
    const { result, rerender } = renderHook(({ on }) => useReportOutbox(on), { initialProps: { on: true } });
    await act(async () => {
      await result.current.submit(BODY, ['wxfile://a.jpg'], jest.fn());
    });
    rerender({ on: false });
    state.online = true;
    await act(async () => Taro.networkListeners.forEach((cb) => cb({ isConnected: true })));
    expect(callsTo('/api/reports', 'POST')).toHaveLength(0);
    act(() => result.current.remove(result.current.items[0].key));
    expect(result.current.items).toEqual([]);
  });
});
