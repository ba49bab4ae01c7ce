import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { StaffResponse } from '@xjy/shared/staff';
import { areaFactory, fail, loginFactory, ok, userFactory } from '../../../../../test/factories';
import { callsTo, serve, typeInto } from '../../../../../test/helpers';
import * as Taro from '../../../../../test/taro-mock';
import { signedInForEachTest } from '../../../../../test/signed-in';
import { saveLogin } from '../../../../utils/session';
import AdminStaffPage from './index';

const staffRow = (over: Partial<StaffResponse> = {}): StaffResponse => ({
  ...userFactory({ id: 2, role: 'staff', nickname: '张社工', username: 'staff', scopes: [{ id: 4, name: '长寿街道', level: 'street', path: '/1/4/' }] }),
  disabled: false,
  ...over,
});
const AREAS = (url: string) => {
  if (url === '/api/areas') return ok({ items: [areaFactory({ id: 1, level: 'district', name: '新乐市', childCount: 1, path: '/1/' })] });
  if (url === '/api/areas?parentId=1') return ok({ items: [areaFactory({ id: 4, parentId: 1, level: 'street', name: '长寿街道', childCount: 0, path: '/1/4/' })] });
  return null;
};

describe('AdminStaffPage', () => {
  signedInForEachTest({ id: 1, role: 'admin' });

  it('shows loading, then the accounts with their scopes', async () => {
    let answer: (v: Taro.MockResponse) => void = () => {};
    Taro.request.mockImplementation((o) => (o.url === '/api/admin/staff' ? new Promise((r) => (answer = r)) : Promise.resolve(AREAS(o.url) ?? ok({ items: [] }))));
    render(<AdminStaffPage />);
    expect(screen.getByTestId('state-loading')).toHaveTextContent('正在加载');
    await act(async () => answer(ok({ items: [staffRow()] })));
    const table = await screen.findByTestId('staff-table');
    expect(within(table).getByText('长寿街道')).toBeInTheDocument();
    expect(within(table).getByText('正常')).toBeInTheDocument();
  });

  it('shows an empty state, and a server failure in Chinese with a retry', async () => {
    serve((url) => AREAS(url) ?? (url === '/api/admin/staff' ? fail(500, 'internal_error', 'Internal server error') : fail(404, 'not_found', '')));
    render(<AdminStaffPage />);
    expect(await screen.findByText('服务器出了点问题，请稍后再试')).toBeInTheDocument();
    serve((url) => AREAS(url) ?? ok({ items: [] }));
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('还没有工作人员账号')).toBeInTheDocument();
  });

  it('creates a staff account with a scope picked by search, and says so', async () => {
    const created: unknown[] = [];
    serve((url, method, data) => {
      if (url === '/api/admin/staff' && method === 'POST') {
        created.push(data);
        return ok(staffRow({ id: 9, username: 'li', nickname: '李网格员' }), 201);
      }
      return AREAS(url) ?? ok({ items: [] });
    });
    render(<AdminStaffPage />);
    await screen.findByText('还没有工作人员账号');
    typeInto('new-username', 'li');
    typeInto('new-password', 'pass-2026-li');
    typeInto('new-nickname', '李网格员');
    fireEvent.click(screen.getByTestId('create-staff'));
    expect(screen.getByTestId('admin-message')).toHaveTextContent('工作人员至少要负责一个区域');
    const picker = await screen.findByRole('combobox', { name: '添加负责区域' });
    fireEvent.focus(picker);
    fireEvent.change(picker, { target: { value: '长寿' } });
    fireEvent.click(await screen.findByRole('option', { name: /长寿街道/ }));
    expect(within(screen.getByTestId('new-scopes')).getByText(/新乐市 › 长寿街道/)).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('create-staff'));
    await waitFor(() => expect(screen.getByTestId('admin-message')).toHaveTextContent('已创建账号 li'));
    expect(created).toEqual([{ username: 'li', password: 'pass-2026-li', nickname: '李网格员', role: 'staff', scopeAreaIds: [4] }]);
    expect(callsTo('/api/admin/staff', 'GET').length).toBeGreaterThanOrEqual(2);
  });

  it('shows a refused save in Chinese (taken username), not the server’s English', async () => {
    serve((url, method) => {
      if (url === '/api/admin/staff' && method === 'POST') return fail(409, 'username_taken', 'username is taken', { username: 'admin' });
      return AREAS(url) ?? ok({ items: [] });
    });
    render(<AdminStaffPage />);
    await screen.findByText('还没有工作人员账号');
    typeInto('new-username', 'admin');
    typeInto('new-password', 'x-2026-pass');
    typeInto('new-nickname', '另一个管理员');
    fireEvent.focus(screen.getByRole('combobox', { name: '角色' }));
    fireEvent.click(screen.getByRole('option', { name: '管理员' }));
    fireEvent.click(screen.getByTestId('create-staff'));
    expect(await screen.findByText('用户名 admin 已被使用')).toBeInTheDocument();
  });

  it('disables an account and replaces a staff member’s scopes', async () => {
    const posts: Array<[string, string, unknown]> = [];
    serve((url, method, data) => {
      if (method !== 'GET') {
        posts.push([method, url, data]);
        return ok(staffRow());
      }
      if (url === '/api/admin/staff') return ok({ items: [staffRow()] });
      return AREAS(url) ?? ok({ items: [] });
    });
    render(<AdminStaffPage />);
    fireEvent.click(await screen.findByText('停用'));
    await waitFor(() => expect(screen.getByTestId('admin-message')).toHaveTextContent('已停用 张社工'));
    fireEvent.click(screen.getByText('修改区域'));
    const editor = screen.getByTestId('scope-editor');
    fireEvent.click(within(editor).getByText('✕'));
    expect(within(editor).getByTestId('save-scopes')).toHaveAttribute('disabled');
    const picker = within(editor).getByRole('combobox');
    fireEvent.focus(picker);
    fireEvent.click(await within(editor).findByRole('option', { name: /^新乐市\s*区县$/ }));
    fireEvent.click(within(editor).getByTestId('save-scopes'));
    await waitFor(() => expect(posts).toContainEqual(['PUT', '/api/admin/staff/2/scopes', { scopeAreaIds: [1] }]));
    expect(posts[0]).toEqual(['POST', '/api/admin/staff/2/disable', undefined]);
  });

  it('tells a staff member the page is for admins and loads nothing', () => {
    act(() => saveLogin(loginFactory({ user: userFactory({ role: 'staff' }) })));
    render(<AdminStaffPage />);
    expect(screen.getByTestId('admin-forbidden')).toHaveTextContent('仅管理员可用');
    expect(Taro.request).not.toHaveBeenCalled();
  });
});
