import { act, render, screen } from '@testing-library/react';
import { TILE_ERRORS_MAX, TILE_TIMEOUT_MS } from '../../utils/leaflet-tiles';
import StationMap from './leaflet-map';

// The H5 map on real Leaflet (jsdom draws its SVG; no tile ever arrives unless the test says so).
const CENTER = { lat: 38.3435, lng: 114.6839 };
const RECTS = [
  { minLat: 38.342, minLng: 114.681, maxLat: 38.344, maxLng: 114.683, label: '缺口 1' },
  { minLat: 38.344, minLng: 114.681, maxLat: 38.346, maxLng: 114.683, label: '缺口 1' },
];

const tileImages = () => [...screen.getByTestId('station-map').querySelectorAll('img.leaflet-tile')];

describe('StationMap (H5)', () => {
  afterEach(() => jest.useRealTimers());

  it('shades rectangles without outlines and draws circles and markers over them', () => {
    render(<StationMap center={CENTER} markers={[{ id: 1, lat: 38.344, lng: 114.684, title: '驿站', open: true }]} rects={RECTS} circles={[{ lat: 38.35, lng: 114.69, radiusM: 120 }]} />);
    const paths = [...screen.getByTestId('station-map').querySelectorAll('path.leaflet-interactive')];
    const shaded = paths.filter((p) => p.getAttribute('fill-opacity') === '0.35');
    expect(shaded).toHaveLength(2);
    for (const p of shaded) expect(p.getAttribute('stroke')).toBe('none');
    // One circle for the gap, one marker for the station; the rectangles come first, so they lie underneath.
    expect(paths).toHaveLength(4);
    expect(paths.indexOf(shaded[1])).toBeLessThan(2);
  });

  it('redraws the rectangles when they change', () => {
    const view = render(<StationMap center={CENTER} markers={[]} rects={RECTS} />);
    view.rerender(<StationMap center={CENTER} markers={[]} rects={RECTS.slice(0, 1)} />);
    expect(screen.getByTestId('station-map').querySelectorAll('path.leaflet-interactive')).toHaveLength(1);
  });

  it('reports itself unavailable when no tile arrives in time, once', () => {
    jest.useFakeTimers();
    const onUnavailable = jest.fn();
    render(<StationMap center={CENTER} markers={[]} onUnavailable={onUnavailable} />);
    act(() => jest.advanceTimersByTime(TILE_TIMEOUT_MS - 1));
    expect(onUnavailable).not.toHaveBeenCalled();
    act(() => jest.advanceTimersByTime(1));
    expect(onUnavailable).toHaveBeenCalledWith('tiles');
    for (let i = 0; i < TILE_ERRORS_MAX; i++) act(() => tileImages()[0]?.dispatchEvent(new Event('error')));
    expect(onUnavailable).toHaveBeenCalledTimes(1);
  });

  it('shows user-supplied names in tooltips as text, never as HTML', () => {
    const evil = '<img src=x onerror="window.__xss=1">';
    render(
      <StationMap
        center={CENTER}
        markers={[{ id: 1, lat: 38.344, lng: 114.684, title: evil, open: true }]}
        rects={[{ ...RECTS[0], label: `${evil} 缺口` }]}
        circles={[{ lat: 38.35, lng: 114.69, radiusM: 120, label: `${evil} 圆` }]}
      />,
    );
    const map = screen.getByTestId('station-map');
    // Leaflet fills a tooltip when it opens: hover every shape so each one's content is written.
    for (const p of map.querySelectorAll('path.leaflet-interactive')) act(() => void p.dispatchEvent(new MouseEvent('mouseover', { bubbles: true })));
    const tips = [...map.querySelectorAll('.leaflet-tooltip')].map((t) => t.textContent);
    expect(tips).toEqual(expect.arrayContaining([evil, `${evil} 缺口`, `${evil} 圆`]));
    expect(map.querySelector('img:not(.leaflet-tile)')).toBeNull();
    expect(map.querySelector('[onerror]')).toBeNull();
  });

  it('writes a cluster\'s count as text', () => {
    const near = [1, 2, 3].map((id) => ({ id, lat: 38.344 + id * 1e-5, lng: 114.684, title: `<b>驿站 ${id}</b>`, open: true }));
    render(<StationMap center={CENTER} markers={near} />);
    const cluster = screen.getByTestId('station-map').querySelector('.station-map__cluster');
    expect(cluster).toHaveTextContent('3');
    expect(screen.getByTestId('station-map').querySelector('b')).toBeNull();
  });

  it('stays up once a tile has loaded', () => {
    jest.useFakeTimers();
    const onUnavailable = jest.fn();
    render(<StationMap center={CENTER} markers={[]} onUnavailable={onUnavailable} />);
    expect(tileImages().length).toBeGreaterThan(0);
    act(() => tileImages()[0].dispatchEvent(new Event('load')));
    act(() => jest.advanceTimersByTime(TILE_TIMEOUT_MS * 2));
    expect(onUnavailable).not.toHaveBeenCalled();
  });

  it('draws an outline being drawn (a line, then a filled shape) and reports taps on the map, the shape included', () => {
    const onMapTap = jest.fn();
    const two = [
      { lat: 38.343, lng: 114.683 },
      { lat: 38.343, lng: 114.685 },
    ];
    const view = render(<StationMap center={CENTER} markers={[]} outline={two} onMapTap={onMapTap} />);
    const map = screen.getByTestId('station-map');
    expect(map).toHaveClass('station-map--drawing');
    // Two vertices: a line (no fill) and a dot on each.
    expect(map.querySelectorAll('path')).toHaveLength(3);
    expect([...map.querySelectorAll('path')].filter((p) => p.getAttribute('fill') === 'none')).toHaveLength(1);
    view.rerender(<StationMap center={CENTER} markers={[]} outline={[...two, { lat: 38.345, lng: 114.685 }]} onMapTap={onMapTap} />);
    const paths = [...map.querySelectorAll('path')];
    expect(paths).toHaveLength(4);
    expect(paths[0].getAttribute('fill-opacity')).toBe('0.15');
    // The shape is not interactive, so a click on it is the map's too (a vertex inside the shape); jsdom lays the
    // map out at 0 × 0, so a click at (0, 0) is the centre, give or take half a pixel, rounded to 6 decimals.
    act(() => void paths[0].dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: 0, clientY: 0 })));
    act(() => void map.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: 0, clientY: 0 })));
    expect(onMapTap).toHaveBeenCalledTimes(2);
    for (const [at] of onMapTap.mock.calls as Array<[{ lat: number; lng: number }]>) {
      expect(at.lat).toBeCloseTo(CENTER.lat, 4);
      expect(at.lng).toBeCloseTo(CENTER.lng, 4);
      expect(Math.round(at.lat * 1e6) / 1e6).toBe(at.lat);
    }
  });

  it('ignores taps on the map when nobody listens and shows no outline by default', () => {
    render(<StationMap center={CENTER} markers={[]} />);
    const map = screen.getByTestId('station-map');
    expect(map).not.toHaveClass('station-map--drawing');
    act(() => void map.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: 0, clientY: 0 })));
    expect(map.querySelectorAll('path')).toHaveLength(0);
  });
});
