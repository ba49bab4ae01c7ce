import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { StationServiceResponse } from '@xjy/shared/station';
import { fail, loginFactory, ok, userFactory } from '../../../../../test/factories';
import { callsTo, serve, typeInto } from '../../../../../test/helpers';
import * as Taro from '../../../../../test/taro-mock';
import { configureHttp } from '../../../../services/http';
import { saveLogin } from '../../../../utils/session';
import ServicesSection from './services-section';

const session = (over: Partial<StationServiceResponse> = {}): StationServiceResponse => ({
  id: 21,
  stationId: 5,
  stationName: '新华社区爱心驿站',
  kind: 'counselling',
  startsAt: new Date(Date.now() + 26 * 3_600_000).toISOString(),
  endsAt: new Date(Date.now() + 28 * 3_600_000).toISOString(),
  host: '心理老师',
  note: '',
  capacity: 20,
  signups: 4,
  signedUp: false,
  cancelled: false,
  ...over,
});

describe('Station edit: service sessions', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));
  beforeEach(() => {
    act(() => saveLogin(loginFactory({ user: userFactory({ role: 'staff', trade: null }) })));
  });

  it('lists the sessions and schedules one with kind, China-time date and times, host and capacity', async () => {
    serve((_url, method) => (method === 'POST' ? ok(session({ id: 22 }), 201) : ok({ items: [session(), session({ id: 23, cancelled: true })] })));
    render(<ServicesSection stationId={5} />);
    const rows = await screen.findAllByTestId('edit-service');
    expect(rows[0]).toHaveTextContent('心理辅导');
    expect(rows[0]).toHaveTextContent('已报名 4/20');
    expect(rows[1]).toHaveTextContent('（已取消）');
    expect(screen.getAllByTestId('edit-service-cancel')).toHaveLength(1);
    fireEvent.click(screen.getByTestId('service-kind-policy_briefing'));
    typeInto('service-host', ' 人社局 ');
    typeInto('service-capacity', '30');
    fireEvent.click(screen.getByTestId('service-add'));
    await waitFor(() => expect(callsTo('/api/stations/5/services', 'POST')).toHaveLength(1));
    const body = callsTo('/api/stations/5/services', 'POST')[0].data as Record<string, unknown>;
    expect(body).toMatchObject({ kind: 'policy_briefing', host: '人社局', capacity: 30 });
    expect(body.startsAt).toMatch(/^\d{4}-\d{2}-\d{2}T09:00:00\+08:00$/);
    expect(body.endsAt).toMatch(/^\d{4}-\d{2}-\d{2}T11:00:00\+08:00$/);
  });

  it('asks for the host before sending, and shows the server’s reason in Chinese', async () => {
    serve((_url, method) => (method === 'POST' ? fail(400, 'station_service_in_past', '开始时间须在将来', { fields: [{ field: 'startsAt', message: '开始时间须在将来' }] }) : ok({ items: [] })));
    render(<ServicesSection stationId={5} />);
    fireEvent.click(await screen.findByTestId('service-add'));
    expect(screen.getByTestId('service-error')).toHaveTextContent('请填写主讲人或机构');
    expect(callsTo('/api/stations/5/services', 'POST')).toHaveLength(0);
    typeInto('service-host', '律师');
    fireEvent.click(screen.getByTestId('service-add'));
    expect(await screen.findByText('开始时间须在将来')).toBeInTheDocument();
  });

  it('cancels a session only after confirming', async () => {
    serve(() => ok({ items: [session()] }));
    render(<ServicesSection stationId={5} />);
    Taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' });
    fireEvent.click(await screen.findByTestId('edit-service-cancel'));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalledTimes(1));
    expect(callsTo('/api/stations/services/21/cancel', 'POST')).toHaveLength(0);
    fireEvent.click(screen.getByTestId('edit-service-cancel'));
    await waitFor(() => expect(callsTo('/api/stations/services/21/cancel', 'POST')).toHaveLength(1));
  });
});
