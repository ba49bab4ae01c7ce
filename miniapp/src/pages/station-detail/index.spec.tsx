import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ALWAYS_OPEN } from '@xjy/shared/opening-hours';
import type { StationDetailResponse } from '@xjy/shared/station';
import { fail, loginFactory, ok } from '../../../test/factories';
import { callsTo, serve } from '../../../test/helpers';
import * as Taro from '../../../test/taro-mock';
import { configureHttp } from '../../services/http';
import { saveLogin } from '../../utils/session';
import { PRIVACY_GUIDE_VERSION } from '../../utils/privacy-platform.h5';
import StationDetailPage from './index';

const detail = (over: Partial<StationDetailResponse> = {}): StationDetailResponse => ({
  id: 7,
  code: 'XL-0007',
  name: '中国石化人民路加油站爱心驿站',
  kind: 'rest_station',
  hostUnit: '中国石化销售股份有限公司',
  address: '新乐市人民路88号',
  lat: 38.3401,
  lng: 114.6822,
  amenities: ['drinking_water', 'ebike_charging'],
  hours: ALWAYS_OPEN,
  closures: [],
  phone: '0311-88521234',
  photos: [],
  status: 'active',
  areaId: 3,
  areaName: '新华社区',
  lastConfirmedAt: '2026-11-20T00:00:00.000Z',
  openNow: true,
  nextChange: null,
  updatedAt: '2026-11-20T00:00:00.000Z',
  needsConfirmation: false,
  lastConfirmation: null,
  favorite: false,
  nextService: null,
  ...over,
});

/** A browser that knows where the rider is (WGS-84 from the device; the page converts). */
function locatedAt(lat: number, lng: number) {
  const geo = { getCurrentPosition: jest.fn((ok: (p: unknown) => void) => ok({ coords: { latitude: lat, longitude: lng, accuracy: 10 } })) };
  Object.defineProperty(navigator, 'geolocation', { value: geo, configurable: true });
  return geo;
}

describe('StationDetailPage', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));
  beforeEach(() => {
    act(() => saveLogin(loginFactory()));
    Taro.routerParams.current = { id: '7' };
    Taro.setStorageSync('xjy.privacyConsent', PRIVACY_GUIDE_VERSION);
  });

  it("shows whether it is open, today's hours and the services, and navigates and calls", async () => {
    serve(() => ok(detail()));
    render(<StationDetailPage />);
    expect(await screen.findByTestId('station-name')).toHaveTextContent('中国石化人民路加油站爱心驿站');
    expect(screen.getByTestId('station-open-now')).toHaveTextContent('营业中 · 24 小时');
    expect(screen.getByTestId('station-today')).toHaveTextContent('全天开放');
    expect(screen.getByTestId('station-amenities')).toHaveTextContent('电动车充电');
    // On H5 WeChat's map is not there: the Amap web link opens, with the GCJ-02 point and the name encoded.
    const opened = jest.spyOn(window, 'open').mockImplementation(() => ({}) as Window);
    fireEvent.click(screen.getByTestId('station-navigate'));
    expect(opened).toHaveBeenCalledWith(`https://uri.amap.com/marker?position=114.6822,38.3401&name=${encodeURIComponent('中国石化人民路加油站爱心驿站')}&coordinate=gaode&callnative=1`, '_blank', 'noopener');
    fireEvent.click(screen.getByTestId('station-navigate-tencent'));
    expect(opened.mock.calls[1][0]).toMatch(/^https:\/\/apis\.map\.qq\.com\/uri\/v1\/marker\?marker=coord%3A38\.3401%2C114\.6822%3Btitle%3A/);
    opened.mockRestore();
    expect(screen.getByTestId('station-phone')).toHaveTextContent('电话：0311-88521234');
    fireEvent.click(screen.getByTestId('station-call'));
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '0311-88521234' });
  });

  it('shows a temporary closure', async () => {
    serve(() => ok(detail({ openNow: false, closures: [{ from: '2026-01-01T00:00:00Z', to: '2099-01-01T00:00:00Z', reason: '内部装修' }], nextChange: '2099-01-01T00:00:00.000Z' })));
    render(<StationDetailPage />);
    expect(await screen.findByTestId('station-closure')).toHaveTextContent('内部装修');
    expect(screen.getByTestId('station-open-now')).toHaveTextContent('已打烊');
  });

  it('sends a problem report with its type and note', async () => {
    serve((_url, method) => (method === 'POST' ? ok({ id: 1 }, 201) : ok(detail())));
    render(<StationDetailPage />);
    fireEvent.click(await screen.findByTestId('feedback-open'));
    expect(screen.getByTestId('feedback-submit')).toBeDisabled();
    fireEvent.click(screen.getByTestId('feedback-type-closed_when_open'));
    fireEvent(screen.getByTestId('feedback-note'), new CustomEvent('input', { detail: { value: ' 中午没开门 ' }, bubbles: true }));
    fireEvent.click(screen.getByTestId('feedback-submit'));
    await waitFor(() => expect(callsTo('/api/stations/7/feedback', 'POST').map((c) => c.data)).toEqual([{ type: 'closed_when_open', note: '中午没开门' }]));
    expect(Taro.showToast).toHaveBeenCalled();
    await waitFor(() => expect(screen.queryByTestId('feedback-form')).not.toBeInTheDocument());
  });

  it('says a suspended or missing station is gone', async () => {
    serve(() => fail(404, 'station_not_found', 'Station not found'));
    render(<StationDetailPage />);
    expect(await screen.findByTestId('station-error')).toHaveTextContent('已暂停开放或不存在');
  });

  it('shows the distance from the rider, 待确认, and what riders confirmed last', async () => {
    locatedAt(38.3412, 114.676); // about 500 m from the station once converted to GCJ-02
    try {
      serve(() => ok(detail({ needsConfirmation: true, lastConfirmation: { at: new Date(Date.now() - 2 * 3_600_000).toISOString(), open: true, water: true, charging: false } })));
      render(<StationDetailPage />);
      expect(await screen.findByTestId('station-detail-distance')).toHaveTextContent(/^距你 \d+ 米$/);
      expect(screen.getByTestId('station-needs-confirmation')).toHaveTextContent('待确认');
      expect(screen.getByTestId('station-rider-confirmed')).toHaveTextContent('2 小时前 骑手确认：开着 · 饮水✓ · 充电✗');
    } finally {
      Object.defineProperty(navigator, 'geolocation', { value: undefined, configurable: true });
    }
  });

  it('says the distance is from the city centre when the rider’s location is unknown', async () => {
    serve(() => ok(detail()));
    render(<StationDetailPage />);
    expect(await screen.findByTestId('station-detail-distance')).toHaveTextContent(/^距新乐市城区中心 \d+ 米$/);
  });

  it('stars and unstars the station', async () => {
    serve((url, method) => (url === '/api/stations/7/favorite' ? ok({ stationId: 7, favorite: method === 'POST' }) : url === '/api/stations/7' ? ok(detail()) : ok({ items: [] })));
    render(<StationDetailPage />);
    fireEvent.click(await screen.findByTestId('station-star'));
    expect(screen.getByTestId('station-star')).toHaveTextContent('★ 已收藏');
    await waitFor(() => expect(callsTo('/api/stations/7/favorite', 'POST')).toHaveLength(1));
    fireEvent.click(screen.getByTestId('station-star'));
    await waitFor(() => expect(callsTo('/api/stations/7/favorite', 'DELETE')).toHaveLength(1));
    expect(screen.getByTestId('station-star')).toHaveTextContent('☆ 收藏');
  });

  it('confirms the station in three taps with where the rider is, and thanks them', async () => {
    locatedAt(38.3412, 114.676);
    try {
      serve((url) =>
        url === '/api/stations/7/confirmations'
          ? ok({ id: 1, stationId: 7, distanceM: 20, open: true, water: false, charging: true, pointsAwarded: 1, escalated: false, createdAt: new Date().toISOString() }, 201)
          : url === '/api/stations/7'
            ? ok(detail())
            : ok({ items: [] }),
      );
      render(<StationDetailPage />);
      fireEvent.click(await screen.findByTestId('confirm-open-yes'));
      fireEvent.click(screen.getByTestId('confirm-water-no'));
      expect(callsTo('/api/stations/7/confirmations', 'POST')).toHaveLength(0);
      fireEvent.click(screen.getByTestId('confirm-charging-yes'));
      expect(await screen.findByTestId('confirm-done')).toHaveTextContent('获得 1 积分');
      const [sent] = callsTo('/api/stations/7/confirmations', 'POST').map((c) => c.data as Record<string, unknown>);
      expect(sent).toMatchObject({ open: true, water: false, charging: true });
      expect(typeof sent.lat).toBe('number');
      expect(typeof sent.lng).toBe('number');
    } finally {
      Object.defineProperty(navigator, 'geolocation', { value: undefined, configurable: true });
    }
  });

  it('says why a confirmation was refused, in Chinese, and lets the rider try again', async () => {
    locatedAt(38.35, 114.69);
    try {
      serve((url) =>
        url === '/api/stations/7/confirmations'
          ? fail(422, 'station_confirm_too_far', '您距离站点约 900 米，需在 100 米内才能确认', { distanceM: 900, radiusM: 100 })
          : url === '/api/stations/7'
            ? ok(detail())
            : ok({ items: [] }),
      );
      render(<StationDetailPage />);
      fireEvent.click(await screen.findByTestId('confirm-open-no'));
      fireEvent.click(screen.getByTestId('confirm-water-yes'));
      fireEvent.click(screen.getByTestId('confirm-charging-yes'));
      expect(await screen.findByTestId('confirm-error')).toHaveTextContent('需在 100 米内才能确认');
      expect(screen.getByTestId('confirm-open-no')).toHaveAttribute('aria-pressed', 'false');
    } finally {
      Object.defineProperty(navigator, 'geolocation', { value: undefined, configurable: true });
    }
  });

  it('asks for location when it cannot be had for a confirmation', async () => {
    serve((url) => (url === '/api/stations/7' ? ok(detail()) : ok({ items: [] })));
    render(<StationDetailPage />);
    fireEvent.click(await screen.findByTestId('confirm-open-yes'));
    fireEvent.click(screen.getByTestId('confirm-water-yes'));
    fireEvent.click(screen.getByTestId('confirm-charging-yes'));
    expect(await screen.findByTestId('confirm-error')).toHaveTextContent('确认需要定位');
    expect(callsTo('/api/stations/7/confirmations', 'POST')).toHaveLength(0);
  });

  it('lists the station’s service sessions and signs the rider up', async () => {
    const session = { id: 11, stationId: 7, stationName: 'x', kind: 'legal_consult', startsAt: new Date(Date.now() + 3_600_000).toISOString(), endsAt: new Date(Date.now() + 7_200_000).toISOString(), host: '新乐律师事务所', note: '带好劳动合同', capacity: 10, signups: 3, signedUp: false, cancelled: false };
    serve((url, method) =>
      url === '/api/stations/7/services'
        ? ok({ items: [session] })
        : url === '/api/stations/services/11/signup' && method === 'POST'
          ? ok({ ...session, signups: 4, signedUp: true })
          : ok(detail()),
    );
    render(<StationDetailPage />);
    const row = await screen.findByTestId('station-service');
    expect(row).toHaveTextContent('法律咨询');
    expect(row).toHaveTextContent('新乐律师事务所 · 已报名 3/10');
    fireEvent.click(screen.getByTestId('service-signup'));
    await waitFor(() => expect(screen.getByTestId('station-service')).toHaveTextContent('已报名 4/10'));
    expect(screen.getByTestId('service-signup')).toHaveTextContent('取消报名');
  });
});
