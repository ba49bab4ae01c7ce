import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { fail, ok } from '../../../../../test/factories';
import { serve, typeInto } from '../../../../../test/helpers';
import { holdRequests, signedInForEachTest } from '../../../../../test/signed-in';
import AdminDepartmentsPage from './index';

const dep = { id: 1, name: '城管', phone: '0311-1234567', active: true };

describe('AdminDepartmentsPage', () => {
  signedInForEachTest({ role: 'admin' });

  it('shows loading, then the departments', async () => {
    const answer = holdRequests();
    render(<AdminDepartmentsPage />);
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
    await act(async () => answer(ok({ items: [dep] })));
    expect(within(await screen.findByTestId('department-table')).getByText('0311-1234567')).toBeInTheDocument();
  });

  it('shows a load failure in Chinese, then an empty list', async () => {
    serve(() => fail(500, 'internal_error', 'boom'));
    render(<AdminDepartmentsPage />);
    expect(await screen.findByText('服务器出了点问题，请稍后再试')).toBeInTheDocument();
    serve(() => ok({ items: [] }));
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('还没有职能部门')).toBeInTheDocument();
  });

  it('creates a department, and shows a taken name in Chinese', async () => {
    const posted: unknown[] = [];
    let taken = false;
    serve((_url, method, data) => {
      if (method === 'POST') {
        posted.push(data);
        return taken ? fail(409, 'department_name_taken', 'name taken', { name: '交警' }) : ok({ id: 2, name: '交警', phone: null, active: true }, 201);
      }
      return ok({ items: [] });
    });
    render(<AdminDepartmentsPage />);
    await screen.findByText('还没有职能部门');
    fireEvent.click(screen.getByTestId('create-department'));
    expect(screen.getByTestId('admin-message')).toHaveTextContent('请填写部门名称');
    typeInto('new-name', '交警');
    fireEvent.click(screen.getByTestId('create-department'));
    await waitFor(() => expect(screen.getByTestId('admin-message')).toHaveTextContent('已保存部门「交警」'));
    expect(posted).toEqual([{ name: '交警', phone: null }]);
    taken = true;
    typeInto('new-name', '交警');
    fireEvent.click(screen.getByTestId('create-department'));
    expect(await screen.findByText('已有名为“交警”的部门')).toBeInTheDocument();
  });

  it('edits a department', async () => {
    const patched: unknown[] = [];
    serve((url, method, data) => {
      if (method === 'PATCH') {
        patched.push([url, data]);
        return ok({ ...dep, phone: '12319' });
      }
      return ok({ items: [dep] });
    });
    render(<AdminDepartmentsPage />);
    fireEvent.click(await screen.findByText('编辑'));
    typeInto('edit-phone', '12319');
    fireEvent.click(screen.getByTestId('save-department'));
    await waitFor(() => expect(patched).toEqual([['/api/admin/departments/1', { name: '城管', phone: '12319', active: true }]]));
  });
});
