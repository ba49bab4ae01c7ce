import { act, renderHook, waitFor } from '@testing-library/react';
import { fail, loginFactory, ok } from '../../test/factories';
import { callsTo, serve } from '../../test/helpers';
import * as Taro from '../../test/taro-mock';
import { configureHttp } from '../services/http';
import { saveLogin } from '../utils/session';
import { useNearbyReports, useReportCategories } from './use-report-data';

const NEAR = { id: 9, category: 'traffic', description: '路口逆行', status: 'submitted', lat: 38.34, lng: 114.68, distanceM: 40, witnessCount: 2, createdAt: '2026-11-22T00:00:00Z' };
const HERE = { lat: 38.34, lng: 114.68 };

describe('useReportCategories', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));

  it('loads the categories once logged in, and nothing before', async () => {
    serve((url) => (url === '/api/report-categories' ? ok({ subscribeTemplateId: null, items: [{ key: 'traffic', label: '交通劝导' }] }) : fail(404, 'not_found', '')));
    const { result, rerender } = renderHook(({ token }) => useReportCategories(token), { initialProps: { token: null as string | null } });
    expect(callsTo('/api/report-categories')).toHaveLength(0);
    act(() => saveLogin(loginFactory()));
    rerender({ token: 'token-abc' });
    await waitFor(() => expect(result.current.items.map((c) => c.key)).toEqual(['traffic']));
    // No template (and not weapp): nothing to ask.
    await act(() => result.current.askSubscribe());
    expect(Taro.requestSubscribeMessage).not.toHaveBeenCalled();
  });
});

describe('useNearbyReports', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));
  beforeEach(() => act(() => saveLogin(loginFactory())));

  it('asks only once a category and a point are known, and shows nothing when the answer fails', async () => {
    const state = { down: false };
    serve((url, method) => {
      if (url.startsWith('/api/reports/nearby')) return state.down ? fail(400, 'validation_failed', '') : ok({ items: [NEAR] });
      if (url === '/api/reports/9/witness' && method === 'POST') return ok({ ...NEAR, witnessCount: 3 });
      return fail(404, 'not_found', '');
    });
    const { result, rerender } = renderHook(({ category }) => useNearbyReports(HERE, category, true), { initialProps: { category: null as string | null } });
    expect(result.current.items).toEqual([]);
    const nearbyCalls = () => Taro.request.mock.calls.filter(([o]) => o.url.startsWith('/api/reports/nearby'));
    expect(nearbyCalls()).toHaveLength(0);
    rerender({ category: 'traffic' });
    await waitFor(() => expect(result.current.items).toEqual([NEAR]));
    expect(nearbyCalls()).toHaveLength(1);

    await act(() => result.current.witness(9));
    expect(result.current.witnessed.has(9)).toBe(true);

    state.down = true;
    rerender({ category: 'hazard' });
    await waitFor(() => expect(result.current.items).toEqual([]));
  });
});
