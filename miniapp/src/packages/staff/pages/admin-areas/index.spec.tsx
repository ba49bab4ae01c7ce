import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { areaFactory, fail, ok } from '../../../../../test/factories';
import { serve, typeInto } from '../../../../../test/helpers';
import * as Taro from '../../../../../test/taro-mock';
import { holdRequests, signedInForEachTest } from '../../../../../test/signed-in';
import AdminAreasPage from './index';

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
});
