import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ALWAYS_OPEN } from '@xjy/shared/opening-hours';
import type { StationDetailResponse } from '@xjy/shared/station';
import { fail, loginFactory, ok } from '../../../test/factories';
import { callsTo, serve } from '../../../test/helpers';
import * as Taro from '../../../test/taro-mock';
import { configureHttp } from '../../services/http';
import { saveLogin } from '../../utils/session';
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
  ...over,
});

describe('StationDetailPage', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));
  beforeEach(() => {
    act(() => saveLogin(loginFactory()));
    Taro.routerParams.current = { id: '7' };
  });

  it("shows whether it is open, today's hours and the services, and navigates and calls", async () => {
    serve(() => ok(detail()));
    render(<StationDetailPage />);
    expect(await screen.findByTestId('station-name')).toHaveTextContent('中国石化人民路加油站爱心驿站');
    expect(screen.getByTestId('station-open-now')).toHaveTextContent('营业中 · 24 小时');
    expect(screen.getByTestId('station-today')).toHaveTextContent('全天开放');
    expect(screen.getByTestId('station-amenities')).toHaveTextContent('电动车充电');
    fireEvent.click(screen.getByTestId('station-navigate'));
    expect(Taro.openLocation).toHaveBeenCalledWith(expect.objectContaining({ latitude: 38.3401, longitude: 114.6822, name: '中国石化人民路加油站爱心驿站' }));
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
});
