import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { areaFactory, fail, ok } from '../../../../../test/factories';
import { serve, typeInto } from '../../../../../test/helpers';
import * as Taro from '../../../../../test/taro-mock';
import { holdRequests, signedInForEachTest } from '../../../../../test/signed-in';
import type { LatLng } from '@xjy/shared/geo';
import { wgs84ToGcj02 } from '@xjy/shared/geo';
import AdminAreasPage from './index';

// The real H5 map needs tiles and a layout; the stand-in shows the outline it was given and taps fixed points.
const TAPS: LatLng[] = [
  { lat: 38.33, lng: 114.66 },
  { lat: 38.33, lng: 114.68 },
  { lat: 38.35, lng: 114.68 },
  { lat: 38.35, lng: 114.66 },
];
jest.mock('../../../../components/station-map', () => ({
  __esModule: true,
  default: ({ center, outline = [], onMapTap, testId }: { center: LatLng; outline?: LatLng[]; onMapTap?: (p: LatLng) => void; testId: string }) => (
    <div data-testid={testId} data-center={`${center.lat},${center.lng}`} data-outline={JSON.stringify(outline.map((p) => [p.lat, p.lng]))}>
      {TAPS.map((p, i) => (
        <button key={i} data-testid={`map-tap-${i}`} onClick={() => onMapTap?.(p)} />
      ))}
    </div>
  ),
}));
const outlineOnMap = () => JSON.parse(screen.getByTestId('boundary-map').getAttribute('data-outline')!) as number[][];

const XINLE = areaFactory({ id: 1, level: 'district', name: '新乐市', code: '130184', childCount: 1, path: '/1/' });
const STREET = areaFactory({ id: 4, parentId: 1, level: 'street', name: '长寿街道', code: '130184001', childCount: 0, path: '/1/4/' });
const tree = (url: string) => {
  if (url === '/api/areas') return ok({ items: [XINLE] });
  if (url === '/api/areas?parentId=1') return ok({ items: [STREET] });
  return null;
};

describe('AdminAreasPage', () => {
  signedInForEachTest({ role: 'admin' });

  it('shows loading, then the districts; a failure in Chinese; and an empty level', async () => {
    const answer = holdRequests();
    render(<AdminAreasPage />);
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
    await act(async () => answer(ok({ items: [XINLE] })));
    expect(within(await screen.findByTestId('area-table')).getByText('130184')).toBeInTheDocument();

    serve((url) => (url === '/api/areas?parentId=1' ? fail(500, 'internal_error', 'Internal Server Error') : (tree(url) ?? ok({ items: [] }))));
    fireEvent.click(screen.getByText('查看下级'));
    expect(await screen.findByText('服务器出了点问题，请稍后再试')).toBeInTheDocument();
    serve((url) => (url === '/api/areas?parentId=1' ? ok({ items: [] }) : (tree(url) ?? ok({ items: [] }))));
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('这里还没有下级区域')).toBeInTheDocument();
    expect(screen.getByText(/新建街道\/镇（在「新乐市」下）/)).toBeInTheDocument();
  });

  it('creates a street under the chosen district with a pasted GeoJSON boundary', async () => {
    const posted: unknown[] = [];
    serve((url, method, data) => {
      if (method === 'POST') {
        posted.push(data);
        return ok({ ...STREET, id: 9, name: '协神乡', boundary: null, ancestors: [] }, 201);
      }
      return tree(url) ?? ok({ items: [] });
    });
    render(<AdminAreasPage />);
    await screen.findByTestId('area-table');
    fireEvent.click(screen.getByText('查看下级'));
    await screen.findByText(/新建街道\/镇/);
    typeInto('new-area-name', '协神乡');
    typeInto('new-area-code', '130184099');
    typeInto('boundary-text', '{"type":"Polygon"}');
    expect(screen.getByTestId('boundary-problem')).toHaveTextContent('没有找到多边形');
    fireEvent.click(screen.getByTestId('create-area'));
    expect(screen.getByTestId('admin-message')).toHaveTextContent('没有找到多边形');
    expect(posted).toHaveLength(0);
    fireEvent.focus(screen.getByRole('combobox', { name: '坐标系' }));
    fireEvent.click(screen.getByRole('option', { name: /GCJ-02/ }));
    typeInto('boundary-text', '{"type":"Polygon","coordinates":[[[114.66,38.33],[114.68,38.33],[114.68,38.35],[114.66,38.33]]]}');
    expect(screen.getByTestId('boundary-ok')).toHaveTextContent('已读取边界：3 个点');
    fireEvent.click(screen.getByTestId('create-area'));
    await waitFor(() => expect(screen.getByTestId('admin-message')).toHaveTextContent('已创建街道/镇「协神乡」'));
    expect(posted).toEqual([{ parentId: 1, level: 'street', name: '协神乡', code: '130184099', boundary: [[114.66, 38.33], [114.68, 38.33], [114.68, 38.35]] }]);
  });

  it('deletes only after confirmation and shows a refusal in Chinese', async () => {
    const deleted: string[] = [];
    serve((url, method) => {
      if (method === 'DELETE') {
        deleted.push(url);
        return fail(409, 'area_has_children', 'area has children');
      }
      return tree(url) ?? ok({ items: [] });
    });
    render(<AdminAreasPage />);
    await screen.findByTestId('area-table');
    Taro.showModal.mockImplementationOnce(() => Promise.resolve({ confirm: false, cancel: true, errMsg: 'showModal:ok' }));
    fireEvent.click(screen.getByText('删除'));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalledTimes(1));
    expect(deleted).toHaveLength(0);
    fireEvent.click(screen.getByText('删除'));
    expect(await screen.findByText('请先删除下级区域')).toBeInTheDocument();
    expect(deleted).toEqual(['/api/areas/1']);
  });

  it('renames an area and keeps its boundary when none is given', async () => {
    const patched: unknown[] = [];
    serve((url, method, data) => {
      if (method === 'PATCH') {
        patched.push([url, data]);
        return ok({ ...XINLE, name: '新乐', boundary: null, ancestors: [] });
      }
      return tree(url) ?? ok({ items: [] });
    });
    render(<AdminAreasPage />);
    await screen.findByTestId('area-table');
    fireEvent.click(screen.getByText('编辑'));
    typeInto('edit-area-name', '新乐');
    fireEvent.click(screen.getByTestId('save-area'));
    await waitFor(() => expect(patched).toEqual([['/api/areas/1', { name: '新乐' }]]));
  });

  it('draws a boundary by clicking the map: undo, clear, and the drawn ring is what is saved (GCJ-02, as clicked)', async () => {
    const posted: unknown[] = [];
    serve((url, method, data) => {
      if (method === 'POST') {
        posted.push(data);
        return ok({ ...XINLE, id: 9, name: '测试县', boundary: null, ancestors: [] }, 201);
      }
      return tree(url) ?? ok({ items: [] });
    });
    render(<AdminAreasPage />);
    await screen.findByTestId('area-table');
    // The map is not there (nor its library loaded) until asked for.
    expect(screen.queryByTestId('boundary-map')).not.toBeInTheDocument();
    fireEvent.click(screen.getByTestId('boundary-draw-open'));
    expect(screen.getByTestId('boundary-map')).toHaveAttribute('data-center', '38.3435,114.6839');
    expect(screen.getByText(/不便使用鼠标时，可在上方粘贴或选择 GeoJSON 文件，全程可用键盘完成/)).toBeInTheDocument();
    expect(screen.getByTestId('boundary-undo')).toHaveAttribute('disabled');

    fireEvent.click(screen.getByTestId('map-tap-0'));
    expect(screen.getByTestId('boundary-draw-count')).toHaveTextContent('已画 1 个点，还需 2 个');
    expect(screen.getByTestId('boundary-problem')).toHaveTextContent('边界至少需要 3 个点');
    for (const i of [1, 2, 3]) fireEvent.click(screen.getByTestId(`map-tap-${i}`));
    expect(outlineOnMap()).toEqual(TAPS.map((p) => [p.lat, p.lng]));
    expect(screen.getByTestId('boundary-ok')).toHaveTextContent('已读取边界：4 个点');
    fireEvent.click(screen.getByTestId('boundary-undo'));
    expect(outlineOnMap()).toHaveLength(3);
    expect(screen.getByTestId('boundary-draw-count')).toHaveTextContent('已画 3 个点');
    // The drawn ring is in the boundary field, closed, as GeoJSON any GIS tool reads.
    expect(JSON.parse((screen.getByTestId('boundary-text') as unknown as { value: string }).value)).toEqual({
      type: 'Polygon',
      coordinates: [[[114.66, 38.33], [114.68, 38.33], [114.68, 38.35], [114.66, 38.33]]],
    });

    typeInto('new-area-name', '测试县');
    typeInto('new-area-code', 'E2E001');
    fireEvent.click(screen.getByTestId('create-area'));
    await waitFor(() => expect(screen.getByTestId('admin-message')).toHaveTextContent('已创建区县「测试县」'));
    expect(posted).toEqual([{ parentId: null, level: 'district', name: '测试县', code: 'E2E001', boundary: [[114.66, 38.33], [114.68, 38.33], [114.68, 38.35]] }]);
    // Saved: the field is empty again, and so is the map.
    expect(outlineOnMap()).toEqual([]);
    fireEvent.click(screen.getByTestId('map-tap-0'));
    fireEvent.click(screen.getByTestId('boundary-clear'));
    expect(outlineOnMap()).toEqual([]);
    expect(screen.queryByTestId('boundary-ok')).not.toBeInTheDocument();
  });

  it('shows a pasted WGS-84 boundary converted on the map, and a click continues it in GCJ-02', async () => {
    serve((url) => tree(url) ?? ok({ items: [] }));
    render(<AdminAreasPage />);
    await screen.findByTestId('area-table');
    typeInto('boundary-text', '[[114.66,38.33],[114.68,38.33],[114.68,38.35]]');
    fireEvent.click(screen.getByTestId('boundary-draw-open'));
    const first = wgs84ToGcj02({ lat: 38.33, lng: 114.66 });
    const shown = outlineOnMap();
    expect(shown).toHaveLength(3);
    expect(shown[0][0]).toBeCloseTo(first.lat, 6);
    expect(shown[0][1]).toBeCloseTo(first.lng, 6);
    // The map opens on the boundary, not on the city centre.
    expect(screen.getByTestId('boundary-map')).toHaveAttribute('data-center', `${shown[0][0]},${shown[0][1]}`);
    fireEvent.click(screen.getByTestId('map-tap-3'));
    expect(outlineOnMap()).toHaveLength(4);
    expect(outlineOnMap()[3]).toEqual([38.35, 114.66]);
    expect(outlineOnMap()[0][0]).toBeCloseTo(first.lat, 6);
    // The whole ring is now GCJ-02 text, and the field says so.
    expect((screen.getByRole('combobox', { name: '坐标系' }) as HTMLInputElement).value).toMatch(/^GCJ-02/);
  });
});
