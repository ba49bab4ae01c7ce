import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { fail, ok, stationFactory } from '../../../../../test/factories';
import { serve } from '../../../../../test/helpers';
import { holdRequests, signedInForEachTest } from '../../../../../test/signed-in';
import AdminClosuresPage from './index';

const STATION = stationFactory({ id: 5, name: '长寿街爱心驿站', closures: [] });

describe('AdminClosuresPage', () => {
  signedInForEachTest({ role: 'admin' });

  it('shows loading, a failure in Chinese, and no stations found', async () => {
    const answer = holdRequests();
    render(<AdminClosuresPage />);
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
    await act(async () => answer(fail(500, 'internal_error', 'Internal Server Error')));
    expect(await screen.findByText('服务器出了点问题，请稍后再试')).toBeInTheDocument();
    serve(() => ok({ items: [], total: 0 }));
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('没有找到驿站')).toBeInTheDocument();
  });

  it('adds a closure in China time through native date and time inputs', async () => {
    const patched: unknown[] = [];
    serve((url, method, data) => {
      if (method === 'PATCH') {
        patched.push([url, data]);
        return ok({ ...STATION, closures: (data as { closures: unknown[] }).closures });
      }
      return ok({ items: [STATION], total: 1 });
    });
    render(<AdminClosuresPage />);
    fireEvent.click(await screen.findByText('长寿街爱心驿站'));
    expect(screen.getByText('没有临时闭站：按每周开放时间营业。')).toBeInTheDocument();
    expect(screen.getByTestId('closure-from-date')).toHaveAttribute('type', 'date');
    expect(screen.getByTestId('closure-from-time')).toHaveAttribute('type', 'time');
    fireEvent.change(screen.getByTestId('closure-from-date'), { target: { value: '2026-12-10' } });
    fireEvent.change(screen.getByTestId('closure-from-time'), { target: { value: '08:00' } });
    fireEvent.change(screen.getByTestId('closure-to-date'), { target: { value: '2026-12-10' } });
    fireEvent.change(screen.getByTestId('closure-to-time'), { target: { value: '07:00' } });
    fireEvent.click(screen.getByTestId('add-closure'));
    expect(screen.getByTestId('admin-message')).toHaveTextContent('结束时间须晚于开始时间');
    expect(patched).toHaveLength(0);
    fireEvent.change(screen.getByTestId('closure-to-time'), { target: { value: '18:30' } });
    fireEvent(screen.getByTestId('closure-reason'), new CustomEvent('input', { detail: { value: '设备检修' }, bubbles: true }));
    fireEvent.click(screen.getByTestId('add-closure'));
    await waitFor(() => expect(screen.getByTestId('admin-message')).toHaveTextContent('已添加临时闭站'));
    expect(patched).toEqual([['/api/stations/5', { closures: [{ from: '2026-12-10T00:00:00.000Z', to: '2026-12-10T10:30:00.000Z', reason: '设备检修' }] }]]);
    expect(screen.getByText(/2026-12-10 08:00 至 2026-12-10 18:30（设备检修）/)).toBeInTheDocument();
  });

  it('shows a refused save in Chinese', async () => {
    serve((_url, method) => (method === 'PATCH' ? fail(404, 'station_not_found', 'Station not found') : ok({ items: [STATION], total: 1 })));
    render(<AdminClosuresPage />);
    fireEvent.click(await screen.findByText('长寿街爱心驿站'));
    fireEvent.click(screen.getByTestId('add-closure'));
    expect(await screen.findByText('站点不存在')).toBeInTheDocument();
  });
});

describe('AdminClosuresPage paging', () => {
  signedInForEachTest({ role: 'admin' });

  it('walks all stations in batches from the server, not only the first 20', async () => {
    serve((url) => {
      const offset = Number(/offset=(\d+)/.exec(url)?.[1] ?? 0);
      return ok({ items: [stationFactory({ id: offset + 1, name: `驿站${offset + 1}` })], total: 2 });
    });
    render(<AdminClosuresPage />);
    expect(await screen.findByTestId('closure-station-count')).toHaveTextContent('共 2 个驿站，这是第 1–1 个');
    fireEvent.click(screen.getByTestId('closure-next-batch'));
    expect(await screen.findByText('驿站2')).toBeInTheDocument();
    expect(screen.getByTestId('closure-station-count')).toHaveTextContent('这是第 2–2 个');
    expect(screen.queryByTestId('closure-next-batch')).toBeNull();
  });
});
