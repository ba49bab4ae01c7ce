import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { loginFactory, ok, stationFactory, userFactory } from '../../../../../test/factories';
import { callsTo, serve, typeInto } from '../../../../../test/helpers';
import * as Taro from '../../../../../test/taro-mock';
import { configureHttp } from '../../../../services/http';
import { saveLogin } from '../../../../utils/session';
import StaffStationsPage from './index';

/** 70 stations in scope, served 20 at a time as the server pages them. */
const ALL = Array.from({ length: 70 }, (_, i) => stationFactory({ id: i + 1, name: `驿站${i + 1}`, code: `XL-${i + 1}` }));

function serveManaged(all = ALL) {
  serve((url, method) => {
    if (url.startsWith('/api/stations/managed')) {
      const q = Object.fromEntries(new URL(url, 'http://x').searchParams) as Record<string, unknown>;
      const offset = Number(q.offset ?? 0);
      const rows = all.filter((s) => (!q.q || s.name.includes(String(q.q))) && (q.needsConfirmation !== 'true' || s.needsConfirmation));
      return ok({ items: rows.slice(offset, offset + 20), total: rows.length });
    }
    if (method === 'POST') return ok(stationFactory());
    return ok({});
  });
}

const managedQueries = () =>
  Taro.request.mock.calls.map(([o]) => o.url).filter((u) => u.startsWith('/api/stations/managed')).map((u) => Object.fromEntries(new URL(u, 'http://x').searchParams) as Record<string, unknown>);

describe('StaffStationsPage', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));
  beforeEach(() => {
    act(() => saveLogin(loginFactory({ user: userFactory({ role: 'staff', trade: null, scopes: [{ id: 4, name: '长寿街道', level: 'street', path: '/1/4/' }] }) })));
  });

  it('pages through all 70 stations 20 at a time', async () => {
    serveManaged();
    render(<StaffStationsPage />);
    expect(await screen.findAllByTestId('managed-station')).toHaveLength(20);
    expect(screen.getByTestId('station-count')).toHaveTextContent('共 70 个');
    expect(screen.getByTestId('station-page')).toHaveTextContent('第 1 / 4 页');
    expect(screen.getByTestId('station-prev')).toBeDisabled();
    fireEvent.click(screen.getByTestId('station-next'));
    await waitFor(() => expect(screen.getAllByTestId('managed-station')[0]).toHaveTextContent('驿站21'));
    expect(screen.getByTestId('station-page')).toHaveTextContent('第 2 / 4 页');
    fireEvent.click(screen.getByTestId('station-next'));
    await waitFor(() => expect(screen.getAllByTestId('managed-station')[0]).toHaveTextContent('驿站41'));
    fireEvent.click(screen.getByTestId('station-next'));
    await waitFor(() => expect(screen.getAllByTestId('managed-station')).toHaveLength(10));
    expect(screen.getAllByTestId('managed-station')[9]).toHaveTextContent('驿站70');
    expect(screen.getByTestId('station-next')).toBeDisabled();
    expect(managedQueries().map((q) => q.offset).filter(Boolean)).toEqual(['20', '40', '60']);
  });

  it('searches from the first page by what was typed', async () => {
    serveManaged();
    render(<StaffStationsPage />);
    await screen.findAllByTestId('managed-station');
    fireEvent.click(screen.getByTestId('station-next'));
    await waitFor(() => expect(screen.getAllByTestId('managed-station')[0]).toHaveTextContent('驿站21'));
    typeInto('station-search', ' 驿站7 ');
    fireEvent.click(screen.getByTestId('station-search-submit'));
    await waitFor(() => expect(managedQueries().at(-1)).toEqual({ q: '驿站7' }));
    await waitFor(() => expect(screen.getAllByTestId('managed-station')).toHaveLength(2));
    expect(screen.queryByTestId('station-pager')).not.toBeInTheDocument();
  });

  it('asks before suspending, naming the station, and does nothing when cancelled', async () => {
    serveManaged(ALL.slice(0, 3));
    render(<StaffStationsPage />);
    await screen.findAllByTestId('managed-station');
    Taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' });
    fireEvent.click(screen.getAllByTestId('station-toggle')[1]);
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalledTimes(1));
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '暂停驿站', content: expect.stringContaining('「驿站2」') }));
    await new Promise((r) => setTimeout(r, 0));
    expect(callsTo('/api/stations/2/suspend', 'POST')).toHaveLength(0);
    fireEvent.click(screen.getAllByTestId('station-toggle')[1]);
    await waitFor(() => expect(callsTo('/api/stations/2/suspend', 'POST')).toHaveLength(1));
  });

  it('restores a suspended station without asking', async () => {
    serveManaged([stationFactory({ id: 9, name: '停用驿站', status: 'suspended' })]);
    render(<StaffStationsPage />);
    fireEvent.click(await screen.findByTestId('station-toggle'));
    await waitFor(() => expect(callsTo('/api/stations/9/restore', 'POST')).toHaveLength(1));
    expect(Taro.showModal).not.toHaveBeenCalled();
  });

  it('lists the stations waiting for confirmation and confirms one', async () => {
    const pending = [stationFactory({ id: 3, name: '久未确认驿站', needsConfirmation: true, lastConfirmedAt: '2026-09-01T00:00:00.000Z' }), stationFactory({ id: 4, name: '从未确认驿站', needsConfirmation: true, lastConfirmedAt: null })];
    serveManaged([...pending, stationFactory({ id: 5 })]);
    render(<StaffStationsPage />);
    await screen.findAllByTestId('managed-station');
    fireEvent.click(screen.getByTestId('station-tab-pending'));
    await waitFor(() => expect(managedQueries().at(-1)).toEqual({ needsConfirmation: 'true' }));
    await waitFor(() => expect(screen.getAllByTestId('managed-station')).toHaveLength(2));
    expect(screen.getAllByTestId('managed-station-pending').map((e) => e.textContent)).toEqual([expect.stringContaining('上次确认'), expect.stringContaining('从未确认')]);
    fireEvent.click(screen.getAllByTestId('station-verify')[1]);
    await waitFor(() => expect(callsTo('/api/stations/4/verify', 'POST')).toHaveLength(1));
  });

  it('says when the search finds nothing', async () => {
    serveManaged();
    render(<StaffStationsPage />);
    await screen.findAllByTestId('managed-station');
    typeInto('station-search', '不存在的驿站');
    fireEvent.click(screen.getByTestId('station-search-submit'));
    expect(await screen.findByText('没有找到匹配的驿站')).toBeInTheDocument();
  });
});
