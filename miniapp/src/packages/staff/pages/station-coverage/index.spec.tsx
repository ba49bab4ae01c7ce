import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { CoverageResponse } from '@xjy/shared/station';
import { areaFactory, fail, loginFactory, ok, userFactory } from '../../../../../test/factories';
import { serve } from '../../../../../test/helpers';
import type { MapCircle, MapRect } from '../../../../components/station-map/types';
import { configureHttp } from '../../../../services/http';
import { saveLogin } from '../../../../utils/session';
import StationCoveragePage from './index';

// The real H5 map needs tiles; the stand-in shows what the page asked it to draw.
jest.mock('../../../../components/station-map', () => ({
  __esModule: true,
  default: ({ rects = [], circles = [], center, onUnavailable }: { rects?: MapRect[]; circles?: MapCircle[]; center: { lat: number; lng: number }; onUnavailable?: (r: string) => void }) => (
    <div data-testid='coverage-map' data-center={`${center.lat},${center.lng}`}>
      {rects.map((r, i) => (
        <span key={i} data-testid='map-rect' data-bounds={[r.minLat, r.minLng, r.maxLat, r.maxLng].join(',')} title={r.label} />
      ))}
      {circles.map((c, i) => (
        <span key={i} data-testid='map-circle' data-centre={`${c.lat},${c.lng}`} data-radius={Math.round(c.radiusM)} title={c.label} />
      ))}
      <button data-testid='map-tiles-fail' onClick={() => onUnavailable?.('tiles')} />
    </div>
  ),
}));

// A grid of 0.001° cells from (38.34, 114.68): easy corners to check by hand.
const coverage = (over: Partial<CoverageResponse> = {}): CoverageResponse => ({
  areaId: 9,
  areaName: '新华社区',
  cellM: 100,
  radiusM: 500,
  cells: 300,
  covered: 288,
  share: 0.96,
  stations: 4,
  grid: { minLat: 38.34, minLng: 114.68, dLat: 0.001, dLng: 0.001, rows: 15, cols: 20 },
  blocksMax: 2000,
  blocksCapped: false,
  gaps: [
    {
      lat: 38.3425,
      lng: 114.6815,
      cells: 8,
      areaM2: 80000,
      blocks: [
        [2, 1, 3, 2],
        [4, 1, 5, 2],
      ],
    },
    { lat: 38.3525, lng: 114.6955, cells: 4, areaM2: 40000, blocks: [[12, 15, 13, 16]] },
  ],
  ...over,
});

function api(answer: CoverageResponse) {
  serve((url) => {
    if (url === '/api/areas/4') return ok({ ...areaFactory({ id: 4, level: 'street', name: '长寿街道', childCount: 1 }), boundary: null });
    if (url === '/api/areas?parentId=4') return ok({ items: [areaFactory({ id: 9, parentId: 4, level: 'community', name: '新华社区' })] });
    if (url === '/api/stations/coverage?areaId=9') return ok(answer);
    return fail(404, 'not_found', '');
  });
}

const bounds = () => screen.getAllByTestId('map-rect').map((e) => e.getAttribute('data-bounds')!.split(',').map((x) => Number(Number(x).toFixed(6))));

describe('StationCoveragePage', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));
  beforeEach(() => {
    act(() => saveLogin(loginFactory({ user: userFactory({ role: 'staff', trade: null, scopes: [{ id: 4, name: '长寿街道', level: 'street', path: '/1/4/' }] }) })));
  });

  it("draws every gap's cells as rectangles on the response's grid and lists the gaps under the map", async () => {
    api(coverage());
    render(<StationCoveragePage />);
    expect(await screen.findByTestId('coverage-share')).toHaveTextContent('96.0%');
    expect(bounds()).toEqual([
      [38.342, 114.681, 38.344, 114.683],
      [38.344, 114.681, 38.346, 114.683],
      [38.352, 114.695, 38.354, 114.697],
    ]);
    expect(screen.getAllByTestId('map-rect')[0]).toHaveAttribute('title', '缺口 1：约 8.0 公顷');
    expect(screen.queryByTestId('map-circle')).not.toBeInTheDocument();
    expect(screen.queryByTestId('coverage-capped')).not.toBeInTheDocument();
    const gaps = screen.getAllByTestId('coverage-gap');
    expect(gaps.map((g) => g.textContent)).toEqual(['缺口 1约 8.0 公顷 · 中心 38.34250, 114.68150', '缺口 2约 4.0 公顷 · 中心 38.35250, 114.69550']);

    fireEvent.click(gaps[1]);
    expect(screen.getByTestId('coverage-map')).toHaveAttribute('data-center', '38.3525,114.6955');
  });

  it('draws the gaps a capped response sent without cells as circles, and says the map is partial', async () => {
    const full = coverage();
    api(coverage({ blocksCapped: true, gaps: [full.gaps[0], { ...full.gaps[1], blocks: null }] }));
    render(<StationCoveragePage />);
    expect(await screen.findByTestId('coverage-capped')).toHaveTextContent('画出了最大的 1 处，其余 1 处只用圆圈');
    expect(screen.getAllByTestId('map-rect')).toHaveLength(2);
    const circle = screen.getByTestId('map-circle');
    expect(circle).toHaveAttribute('data-centre', '38.3525,114.6955');
    // A circle of the gap's area: 40 000 m² ≈ π · 113².
    expect(circle).toHaveAttribute('data-radius', '113');
    expect(screen.getAllByTestId('coverage-gap')).toHaveLength(2);
  });

  it('keeps the gap list when the map cannot load', async () => {
    api(coverage());
    render(<StationCoveragePage />);
    fireEvent.click(await screen.findByTestId('map-tiles-fail'));
    await waitFor(() => expect(screen.queryByTestId('coverage-map')).not.toBeInTheDocument());
    expect(screen.getByText('地图暂时无法加载，缺口列表如下。')).toBeInTheDocument();
    expect(within(screen.getByTestId('station-coverage')).getAllByTestId('coverage-gap')).toHaveLength(2);
  });

  it('switches between kinds, each with its own rule, and asks for a walking distance only for service kinds', async () => {
    serve((url) => {
      if (url === '/api/areas/4') return ok({ ...areaFactory({ id: 4, level: 'street', name: '长寿街道', childCount: 1 }), boundary: null });
      if (url === '/api/areas?parentId=4') return ok({ items: [areaFactory({ id: 9, parentId: 4, level: 'community', name: '新华社区' })] });
      if (url === '/api/stations/coverage?areaId=9') return ok(coverage());
      if (url === '/api/stations/coverage?areaId=9&kind=service_center') return ok(coverage({ radiusM: 1000, cellM: 200, share: 0.5, covered: 40, cells: 80, stations: 1 }));
      if (url === '/api/stations/coverage?areaId=9&kind=service_center&radiusM=1500') return ok(coverage({ radiusM: 1500, cellM: 300, share: 0.75, covered: 30, cells: 40, stations: 1 }));
      if (url === '/api/stations/coverage?areaId=9&kind=commerce_station') return ok(coverage({ radiusM: 1000, cellM: 200, share: 0.25, covered: 20, cells: 80, stations: 2 }));
      return fail(404, 'not_found', '');
    });
    render(<StationCoveragePage />);
    expect(await screen.findByTestId('coverage-summary')).toHaveTextContent('在爱心驿站 500 米范围内');
    expect(screen.queryByTestId('coverage-distances')).not.toBeInTheDocument();

    fireEvent.click(screen.getByTestId('coverage-kind-service_center'));
    await waitFor(() => expect(screen.getByTestId('coverage-share')).toHaveTextContent('50.0%'));
    expect(screen.getByTestId('coverage-summary')).toHaveTextContent('在党群服务中心 1000 米范围内（15 分钟步行可达）；辖区内 1 个党群服务中心');
    expect(screen.getByTestId('coverage-walk-1000')).toHaveClass('chip--on');

    fireEvent.click(screen.getByTestId('coverage-walk-1500'));
    await waitFor(() => expect(screen.getByTestId('coverage-share')).toHaveTextContent('75.0%'));
    expect(screen.getByTestId('coverage-summary')).toHaveTextContent('30 / 40 个 300 米网格在党群服务中心 1500 米范围内');

    fireEvent.click(screen.getByTestId('coverage-walk-1000'));
    fireEvent.click(screen.getByTestId('coverage-kind-commerce_station'));
    await waitFor(() => expect(screen.getByTestId('coverage-share')).toHaveTextContent('25.0%'));
    expect(screen.getByTestId('coverage-summary')).toHaveTextContent('辖区内 2 个电商服务站');

    fireEvent.click(screen.getByTestId('coverage-kind-rest_station'));
    await waitFor(() => expect(screen.getByTestId('coverage-share')).toHaveTextContent('96.0%'));
    expect(screen.queryByTestId('coverage-distances')).not.toBeInTheDocument();
  });
});
