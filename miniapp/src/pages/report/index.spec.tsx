import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { TILE_ERRORS_MAX } from '../../utils/leaflet-tiles';
import type { ReportCategoriesResponse } from '@xjy/shared/report';
import { fail, loginFactory, ok } from '../../../test/factories';
import { callsTo, serve, typeInto } from '../../../test/helpers';
import * as Taro from '../../../test/taro-mock';
import { configureHttp } from '../../services/http';
import { PRIVACY_GUIDE_VERSION } from '../../utils/privacy-platform.h5';
import { readOutbox } from '../../utils/report-outbox';
import { saveLogin } from '../../utils/session';
import ReportPage from './index';

const categories: ReportCategoriesResponse = {
  subscribeTemplateId: null,
  items: [
    { id: 1, key: 'traffic', label: '交通劝导', pointsMin: 5, pointsMax: 8, acceptHours: 24, resolveHours: 72, signHours: 4, verifyHours: 24, sortOrder: 1, active: true },
    { id: 2, key: 'hazard', label: '安全隐患', pointsMin: 8, pointsMax: 10, acceptHours: 4, resolveHours: 48, signHours: 4, verifyHours: 24, sortOrder: 2, active: true },
  ],
};

function api(online: { value: boolean }) {
  serve((url, method) => {
    if (!online.value && method === 'POST') return 'offline';
    if (url === '/api/report-categories') return ok(categories);
    if (url.startsWith('/api/reports/nearby')) return ok({ items: [{ id: 9, category: 'traffic', description: '路口逆行', status: 'submitted', lat: 38.34, lng: 114.68, distanceM: 40, witnessCount: 2, createdAt: '2026-11-22T00:00:00Z' }] });
    if (url === '/api/reports' && method === 'POST') return { statusCode: 201, data: { id: 77 } };
    if (url === '/api/reports/9/witness') return ok({ id: 9, witnessCount: 3 });
    return fail(404, 'not_found', '');
  });
  Taro.uploadFile.mockImplementation((option) => {
    if (online.value) option.success?.({ statusCode: 201, data: JSON.stringify({ id: 501, url: '/m', thumbUrl: '/t', width: 1, height: 1 }) });
    else option.fail?.({ errMsg: 'uploadFile:fail' });
    return { onProgressUpdate: jest.fn(), abort: jest.fn() };
  });
}

async function fillForm() {
  Taro.chooseMedia.mockImplementationOnce(() => Promise.resolve({ tempFiles: [{ tempFilePath: 'wxfile://photo-1.jpg' }], errMsg: 'chooseMedia:ok' }) as never);
  fireEvent.click(screen.getByTestId('report-add-photo'));
  expect(await screen.findByText('×')).toBeInTheDocument();
  fireEvent.click(await screen.findByTestId('report-cat-traffic'));
  typeInto('report-description', '路口电动车逆行');
}

describe('ReportPage', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));
  beforeEach(() => Taro.setStorageSync('xjy.privacyConsent', PRIVACY_GUIDE_VERSION));

  it('sends photo, place, category and text with an Idempotency-Key and opens the report', async () => {
    act(() => saveLogin(loginFactory()));
    api({ value: true });
    render(<ReportPage />);
    await fillForm();
    expect(await screen.findByTestId('report-nearby')).toHaveTextContent('2 人也看到');
    fireEvent.click(screen.getByTestId('report-send'));
    await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/report-detail/index?id=77' }));
    const [post] = callsTo('/api/reports', 'POST');
    expect(post.header?.['Idempotency-Key']).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(post.data).toEqual({ category: 'traffic', description: '路口电动车逆行', lat: 38.3435, lng: 114.6839, mediaIds: [501] });
    expect(Taro.uploadFile.mock.calls[0][0]).toMatchObject({ filePath: 'wxfile://photo-1.jpg', name: 'file', header: { Authorization: 'Bearer token-abc' } });
    expect(readOutbox()).toEqual([]);
  });

  it('keeps a report sent offline and sends it with the same key when the network returns', async () => {
    act(() => saveLogin(loginFactory()));
    const online = { value: false };
    api(online);
    render(<ReportPage />);
    await fillForm();
    fireEvent.click(screen.getByTestId('report-send'));
    expect(await screen.findByTestId('report-outbox')).toHaveTextContent('路口电动车逆行');
    const key = readOutbox()[0].key;

    online.value = true;
    await act(async () => {
      Taro.networkListeners.forEach((cb) => cb({ isConnected: true }));
    });
    await waitFor(() => expect(readOutbox()).toEqual([]));
    const posts = callsTo('/api/reports', 'POST');
    expect(posts.at(-1)?.header?.['Idempotency-Key']).toBe(key);
    await waitFor(() => expect(screen.queryByTestId('report-outbox')).not.toBeInTheDocument());
  });

  it('asks for what is missing instead of sending', async () => {
    act(() => saveLogin(loginFactory()));
    api({ value: true });
    render(<ReportPage />);
    fireEvent.click(await screen.findByTestId('report-send'));
    expect(await screen.findByTestId('report-error')).toHaveTextContent('请至少拍一张照片');
    expect(callsTo('/api/reports', 'POST')).toHaveLength(0);
  });

  describe('moving the point on the H5 map', () => {
    // jsdom lays the map out at 0 × 0, so a tap at (x, 0) lands x pixels east of the pin at zoom 17. The page then
    // asks for reports near the new point; the async act lets that answer arrive inside it.
    const tapMap = (x: number) =>
      act(async () => {
        screen.getByTestId('report-point-picker').dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: x, clientY: 0 }));
      });
    const failTiles = () =>
      act(async () => {
        const tile = screen.getByTestId('report-point-picker').querySelector('img.leaflet-tile')!;
        for (let i = 0; i < TILE_ERRORS_MAX; i++) tile.dispatchEvent(new Event('error'));
      });

    it('sends the point tapped on the map instead of the located one', async () => {
      act(() => saveLogin(loginFactory()));
      api({ value: true });
      render(<ReportPage />);
      await fillForm();
      expect(await screen.findByTestId('report-spot')).toHaveTextContent('38.34350, 114.68390');
      fireEvent.click(screen.getByTestId('report-move-spot'));
      await tapMap(100);
      // 100 px at zoom 17 is 100 · 360 / (256 · 2^17) ≈ 0.00107° of longitude.
      expect(screen.getByTestId('report-spot')).toHaveTextContent('38.34350, 114.68497（已在地图上调整）');
      fireEvent.click(screen.getByTestId('report-move-spot'));
      expect(screen.queryByTestId('report-point-picker')).not.toBeInTheDocument();
      fireEvent.click(screen.getByTestId('report-send'));
      await waitFor(() => expect(callsTo('/api/reports', 'POST')).toHaveLength(1));
      const { lat, lng } = callsTo('/api/reports', 'POST')[0].data as { lat: number; lng: number };
      expect(lat).toBeCloseTo(38.3435, 5);
      expect(lng).toBeCloseTo(114.6839 + (100 * 360) / (256 * 2 ** 17), 5);
    });

    it('keeps the earlier point and says so when the map cannot load', async () => {
      act(() => saveLogin(loginFactory()));
      api({ value: true });
      render(<ReportPage />);
      await fillForm();
      fireEvent.click(screen.getByTestId('report-move-spot'));
      // A first choice on a working map, then a second visit where the tiles never come.
      await tapMap(100);
      fireEvent.click(screen.getByTestId('report-move-spot'));
      fireEvent.click(screen.getByTestId('report-move-spot'));
      await tapMap(300);
      expect(screen.getByTestId('report-spot')).toHaveTextContent('114.68819');
      await failTiles();
      expect(screen.queryByTestId('report-point-picker')).not.toBeInTheDocument();
      expect(screen.getByTestId('report-picker-down')).toHaveTextContent('地图暂时无法加载，仍使用之前选的位置');
      expect(screen.getByTestId('report-spot')).toHaveTextContent('38.34350, 114.68497');
      fireEvent.click(screen.getByTestId('report-send'));
      await waitFor(() => expect(callsTo('/api/reports', 'POST')).toHaveLength(1));
      expect((callsTo('/api/reports', 'POST')[0].data as { lng: number }).lng).toBeCloseTo(114.68497, 5);
    });

    it('falls back to the located point when the map cannot load before any choice', async () => {
      const fix = { coords: { latitude: 38.3416, longitude: 114.6778, accuracy: 15 } };
      Object.defineProperty(navigator, 'geolocation', { value: { getCurrentPosition: (ok: (p: typeof fix) => void) => ok(fix) }, configurable: true });
      try {
        act(() => saveLogin(loginFactory()));
        api({ value: true });
        render(<ReportPage />);
        await fillForm();
        await waitFor(() => expect(screen.getByTestId('report-spot')).not.toHaveTextContent('38.34350'));
        const located = screen.getByTestId('report-spot').textContent;
        fireEvent.click(screen.getByTestId('report-move-spot'));
        await tapMap(200);
        expect(screen.getByTestId('report-spot')).not.toHaveTextContent(located!);
        await failTiles();
        expect(screen.getByTestId('report-picker-down')).toHaveTextContent('地图暂时无法加载，仍使用定位到的位置');
        expect(screen.getByTestId('report-spot')).toHaveTextContent(located!);
        expect(screen.getByTestId('report-spot')).not.toHaveTextContent('已在地图上调整');
      } finally {
        Object.defineProperty(navigator, 'geolocation', { value: undefined, configurable: true });
      }
    });
  });

  it('records 我也看到 on a nearby report', async () => {
    act(() => saveLogin(loginFactory()));
    api({ value: true });
    render(<ReportPage />);
    await fillForm();
    await screen.findByTestId('report-nearby');
    fireEvent.click(screen.getByText('我也看到'));
    await waitFor(() => expect(callsTo('/api/reports/9/witness', 'POST')).toHaveLength(1));
    expect(callsTo('/api/reports/9/witness', 'POST')[0].data).toEqual({ lat: 38.3435, lng: 114.6839 });
    expect(await screen.findByText('已记录')).toBeInTheDocument();
    // The count shown is the server's after the tap (2 → 3), not the list's older one.
    expect(screen.getByText(/40 米 · 3 人也看到/)).toBeInTheDocument();
  });
});
