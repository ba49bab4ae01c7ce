import { act, renderHook, waitFor } from '@testing-library/react';
import { fail, loginFactory, ok } from '../../test/factories';
import { serve } from '../../test/helpers';
import * as Taro from '../../test/taro-mock';
import { configureHttp } from '../services/http';
import { enqueueReport, PHOTO_LOST_MESSAGE, readOutbox } from '../utils/report-outbox';
import { saveLogin } from '../utils/session';
import { RETRY_BASE_MS, RETRY_MAX_MS, retryDelayMs, useReportOutbox } from './use-report-outbox';

const BODY = { category: 'traffic', description: '路口逆行', lat: 38.34, lng: 114.68 };

function api(state: { online: boolean }) {
  serve((url, method) => {
    if (!state.online) return 'offline';
    if (url === '/api/reports' && method === 'POST') return ok({ id: 78 }, 201);
    return fail(404, 'not_found', '');
  });
  Taro.uploadFile.mockImplementation((option) => {
    if (state.online) option.success?.({ statusCode: 201, data: JSON.stringify({ id: 502 }) });
    else option.fail?.({ errMsg: 'uploadFile:fail' });
    return { onProgressUpdate: jest.fn(), abort: jest.fn() };
  });
}

describe('useReportOutbox: retries and photos that are gone', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));
  beforeEach(() => act(() => saveLogin(loginFactory())));
  afterEach(() => jest.useRealTimers());

  it('backs off exponentially between automatic retries, up to five minutes', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([RETRY_BASE_MS, RETRY_BASE_MS * 2, RETRY_BASE_MS * 4, RETRY_BASE_MS * 8]);
    expect(retryDelayMs(30)).toBe(RETRY_MAX_MS);
  });

  it('retries on a timer while the network stays flaky, without any online event, and sends when it can', async () => {
    jest.useFakeTimers();
    const state = { online: false };
    api(state);
    const { result } = renderHook(() => useReportOutbox(true));
    await act(async () => {
      await result.current.submit(BODY, ['wxfile://tmp_a.jpg'], jest.fn());
    });
    expect(result.current.items).toHaveLength(1);
    expect(result.current.retryAt).not.toBeNull();
    const uploadsBefore = Taro.uploadFile.mock.calls.length;

    // First retry after the base delay: still offline, so another try is scheduled.
    await act(async () => {
      await jest.advanceTimersByTimeAsync(RETRY_BASE_MS);
    });
    expect(Taro.uploadFile.mock.calls.length).toBe(uploadsBefore + 1);
    expect(readOutbox()).toHaveLength(1);

    state.online = true;
    await act(async () => {
      await jest.advanceTimersByTimeAsync(RETRY_MAX_MS);
    });
    await waitFor(() => expect(result.current.items).toEqual([]));
    expect(result.current.retryAt).toBeNull();
  });

  it('says plainly that a queued photo is gone, stops retrying it, and lets the user delete it', async () => {
    api({ online: true });
    // A report queued by an older version kept a blob: URL, which does not survive a reload.
    enqueueReport(BODY, ['blob:http://localhost/gone-after-reload']);
    const { result } = renderHook(() => useReportOutbox(true));
    await waitFor(() => expect(result.current.items[0]?.refused).toBe(PHOTO_LOST_MESSAGE));
    expect(Taro.uploadFile).not.toHaveBeenCalled();
    expect(result.current.retryAt).toBeNull();
    act(() => result.current.remove(result.current.items[0].key));
    expect(readOutbox()).toEqual([]);
  });
});
