import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { chinaDateKey, DAY_MS, startOfChinaDay } from '@xjy/shared/china-time';
import type { NearbyStation } from '@xjy/shared/station';
import { fail, loginFactory, ok } from '../../../test/factories';
import { serve } from '../../../test/helpers';
import * as Taro from '../../../test/taro-mock';
import { configureHttp } from '../../services/http';
import { PRIVACY_GUIDE_VERSION } from '../../utils/privacy-platform.h5';
import { saveLogin } from '../../utils/session';
import StationsPage from './index';

// The real H5 map needs tiles from the network; here a stand-in lets each test decide whether it can show.
jest.mock('../../components/station-map', () => ({
  __esModule: true,
  default: ({ markers, onUnavailable }: { markers: unknown[]; onUnavailable?: (r: string) => void }) => (
    <div data-testid='station-map'>
      {markers.length} markers
      <button data-testid='map-tiles-fail' onClick={() => onUnavailable?.('tiles')} />
    </div>
  ),
}));

const station = (over: Partial<NearbyStation>): NearbyStation => ({
  id: 1,
  name: '长寿街道新华社区爱心驿站',
  kind: 'rest_station',
  lat: 38.344,
  lng: 114.684,
  distanceM: 120,
  openNow: true,
  nextChange: '2026-11-23T10:00:00.000Z',
  amenities: ['drinking_water', 'ebike_charging'],
  address: '新乐市长寿街12号',
  lastConfirmedAt: null,
  needsConfirmation: false,
  favorite: false,
  nextService: null,
  ...over,
});

const nearbyCalls = () => Taro.request.mock.calls.map(([o]) => o.url).filter((u) => u.startsWith('/api/stations/nearby'));

describe('StationsPage', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));
  beforeEach(() => {
    act(() => saveLogin(loginFactory()));
    Taro.setStorageSync('xjy.privacyConsent', PRIVACY_GUIDE_VERSION);
  });

  it('falls back to the city centre when location is unavailable, says so, and lists stations nearest first', async () => {
    serve((url) => (url.startsWith('/api/stations/nearby') ? ok({ items: [station({ id: 1, distanceM: 120 }), station({ id: 2, name: '顺丰长寿街营业部爱心驿站', distanceM: 1460, openNow: false })] }) : ok({})));
    render(<StationsPage />);
    expect(await screen.findByTestId('location-fallback')).toHaveTextContent('暂时无法获取位置');
    const items = await screen.findAllByTestId('station-item');
    expect(items).toHaveLength(2);
    expect(screen.getAllByTestId('station-distance').map((e) => e.textContent)).toEqual(['120 米', '1.5 公里']);
    expect(screen.getAllByTestId('station-open')[0]).toHaveTextContent('营业中');
    expect(screen.getAllByTestId('station-open')[1]).toHaveTextContent('已打烊');
    expect(nearbyCalls()[0]).toContain('lat=38.343500&lng=114.683900');
  });

  it('lists the stations first in a browser, and shows the map once asked, remembering the choice', async () => {
    serve((url) => (url.startsWith('/api/stations/nearby') ? ok({ items: [station({ id: 1 }), station({ id: 2, name: '第二驿站' })] }) : ok({ items: [] })));
    const { unmount } = render(<StationsPage />);
    await screen.findAllByTestId('station-item');
    expect(screen.queryByTestId('station-map')).not.toBeInTheDocument();
    expect(screen.getByTestId('map-toggle')).toHaveTextContent('在地图上查看');
    fireEvent.click(screen.getByTestId('map-toggle'));
    expect(screen.getByTestId('station-map')).toHaveTextContent('2 markers');
    expect(screen.getByTestId('map-toggle')).toHaveTextContent('收起地图');
    unmount();

    // Next visit: the map is there from the start, until the rider puts it away again.
    render(<StationsPage />);
    expect(await screen.findByTestId('station-map')).toHaveTextContent('markers');
    fireEvent.click(screen.getByTestId('map-toggle'));
    expect(screen.queryByTestId('station-map')).not.toBeInTheDocument();
    expect(Taro.storedValue('xjy.stationsMap')).toBe('hidden');
  });

  it('asks again with the filters chosen: every amenity, the kind, open now', async () => {
    serve(() => ok({ items: [station({})] }));
    render(<StationsPage />);
    await screen.findAllByTestId('station-item');
    fireEvent.click(screen.getByTestId('filter-amenity-ebike_charging'));
    fireEvent.click(screen.getByTestId('filter-amenity-restroom'));
    fireEvent.click(screen.getByTestId('filter-open-now'));
    fireEvent.click(screen.getByTestId('filter-kind-service_center'));
    await waitFor(() => expect(nearbyCalls().at(-1)).toContain('amenities=ebike_charging%2Crestroom'));
    expect(nearbyCalls().at(-1)).toContain('openNow=true');
    expect(nearbyCalls().at(-1)).toContain('kind=service_center');
  });

  it('offers to clear the filters when nothing matches', async () => {
    serve((url) => ok({ items: url.includes('openNow') ? [] : [station({})] }));
    render(<StationsPage />);
    await screen.findAllByTestId('station-item');
    fireEvent.click(screen.getByTestId('filter-open-now'));
    expect(await screen.findByTestId('stations-empty')).toHaveTextContent('附近没有符合条件的驿站');
    fireEvent.click(screen.getByText('清除筛选'));
    expect(await screen.findAllByTestId('station-item')).toHaveLength(1);
  });

  it('drops the map and keeps the list when map tiles cannot load, and says so', async () => {
    serve(() => ok({ items: [station({})] }));
    render(<StationsPage />);
    await screen.findAllByTestId('station-item');
    fireEvent.click(screen.getByTestId('map-toggle'));
    fireEvent.click(screen.getByTestId('map-tiles-fail'));
    expect(screen.getByTestId('map-unavailable')).toHaveTextContent('地图暂时无法加载');
    expect(screen.queryByTestId('station-map')).not.toBeInTheDocument();
    expect(screen.getAllByTestId('station-item')).toHaveLength(1);
    // Asking again tries the map once more.
    fireEvent.click(screen.getByTestId('map-toggle'));
    fireEvent.click(screen.getByTestId('map-toggle'));
    expect(screen.getByTestId('station-map')).toBeInTheDocument();
  });

  it('opens the detail page of a tapped station', async () => {
    serve(() => ok({ items: [station({ id: 42 })] }));
    render(<StationsPage />);
    fireEvent.click((await screen.findAllByTestId('station-item'))[0]);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/station-detail/index?id=42' });
  });

  it('shows an error with a retry when the list cannot load', async () => {
    let down = true;
    serve(() => (down ? 'offline' : ok({ items: [station({})] })));
    render(<StationsPage />);
    expect(await screen.findByTestId('stations-error')).toHaveTextContent('没能加载附近驿站');
    down = false;
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findAllByTestId('station-item')).toHaveLength(1);
  });

  it('keeps the last list with its age when a refresh fails, and retries', async () => {
    let down = false;
    serve((url) => (url.startsWith('/api/stations/nearby') ? (down ? 'offline' : ok({ items: [station({ id: 1 }), station({ id: 2, name: '第二驿站' })] })) : ok({ items: [] })));
    render(<StationsPage />);
    expect(await screen.findAllByTestId('station-item')).toHaveLength(2);
    expect(screen.getByTestId('stations-updated')).toHaveTextContent('更新于 刚刚');
    down = true;
    fireEvent.click(screen.getByTestId('filter-open-now'));
    expect(await screen.findByTestId('stations-stale')).toHaveTextContent('更新失败，显示的是 刚刚的结果');
    expect(screen.getAllByTestId('station-item')).toHaveLength(2);
    expect(screen.queryByTestId('stations-error')).not.toBeInTheDocument();
    down = false;
    fireEvent.click(screen.getByTestId('stations-stale-retry'));
    await waitFor(() => expect(screen.queryByTestId('stations-stale')).not.toBeInTheDocument());
    expect(screen.getAllByTestId('station-item')).toHaveLength(2);
  });

  it('shows 待确认, when riders last confirmed, and the next service at a station', async () => {
    const hourAgo = new Date(Date.now() - 3 * 3_600_000).toISOString();
    // Tomorrow 10:00–12:00 in China, whatever the hour the test runs at (now + 26 h is the day after after 22:00).
    const tomorrow = startOfChinaDay(Date.now()).getTime() + DAY_MS;
    const start = new Date(tomorrow + 10 * 3_600_000).toISOString();
    const end = new Date(tomorrow + 12 * 3_600_000).toISOString();
    serve((url) =>
      url.startsWith('/api/stations/nearby')
        ? ok({
            items: [
              station({ id: 1, lastConfirmedAt: hourAgo, nextService: { id: 5, kind: 'legal_consult', startsAt: start, endsAt: end, host: '律师' } }),
              station({ id: 2, needsConfirmation: true }),
            ],
          })
        : ok({ items: [] }),
    );
    render(<StationsPage />);
    await screen.findAllByTestId('station-item');
    expect(screen.getByTestId('station-confirmed-ago')).toHaveTextContent('3 小时前 确认');
    expect(screen.getAllByTestId('station-needs-confirmation')).toHaveLength(1);
    expect(screen.getByTestId('station-next-service')).toHaveTextContent('法律咨询 · 明天');
  });

  it('stars a station without opening it, and undoes the star when the server refuses', async () => {
    let refuse = false;
    serve((url, method) => {
      if (url.startsWith('/api/stations/nearby')) return ok({ items: [station({ id: 7 })] });
      if (url === '/api/stations/7/favorite') return refuse ? fail(409, 'station_favorites_full', '最多收藏 50 个站点') : ok({ stationId: 7, favorite: method === 'POST' });
      return ok({ items: [] });
    });
    render(<StationsPage />);
    const star = (await screen.findAllByTestId('station-star'))[0];
    expect(star).toHaveTextContent('☆');
    fireEvent.click(star);
    expect(screen.getByTestId('station-star')).toHaveTextContent('★');
    await waitFor(() => expect(Taro.request.mock.calls.some(([o]) => o.url === '/api/stations/7/favorite' && o.method === 'POST')).toBe(true));
    expect(Taro.navigateTo).not.toHaveBeenCalled();
    refuse = true;
    fireEvent.click(screen.getByTestId('station-star'));
    fireEvent.click(screen.getByTestId('station-star'));
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: '最多收藏 50 个站点', icon: 'none' }));
  });

  it('reminds the rider of a service they signed up for that starts within a day', async () => {
    const startsAt = Date.now() + 3_600_000;
    // An hour from now is tomorrow in China after 23:00 there: the label follows the China date.
    const day = chinaDateKey(startsAt) === chinaDateKey(Date.now()) ? '今天' : '明天';
    serve((url) =>
      url === '/api/stations/services/mine'
        ? ok({ items: [{ id: 3, stationId: 1, stationName: '新华社区驿站', kind: 'counselling', startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 3_600_000).toISOString(), host: '心理老师', note: '', capacity: null, signups: 1, signedUp: true, cancelled: false, remindNow: true }] })
        : ok({ items: [station({})] }),
    );
    render(<StationsPage />);
    expect(await screen.findByTestId('service-reminder')).toHaveTextContent(`你报名的心理辅导：${day}`);
    expect(screen.getByTestId('service-reminder')).toHaveTextContent('新华社区驿站');
  });

  it('explains how to allow location in the browser when it was refused, and tries again', async () => {
    const geo = { getCurrentPosition: jest.fn((_ok: unknown, err: (e: unknown) => void) => err({ code: 1, PERMISSION_DENIED: 1, message: 'denied' })) };
    Object.defineProperty(navigator, 'geolocation', { value: geo, configurable: true });
    try {
      serve(() => ok({ items: [station({})] }));
      render(<StationsPage />);
      expect(await screen.findByTestId('location-howto')).toHaveTextContent('把“位置”改为“允许”');
      const calls = geo.getCurrentPosition.mock.calls.length;
      fireEvent.click(screen.getByTestId('location-retry'));
      await waitFor(() => expect(geo.getCurrentPosition.mock.calls.length).toBe(calls + 1));
    } finally {
      Object.defineProperty(navigator, 'geolocation', { value: undefined, configurable: true });
    }
  });
});
