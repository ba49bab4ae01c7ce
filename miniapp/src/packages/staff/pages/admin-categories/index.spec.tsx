import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReportCategoryResponse } from '@xjy/shared/report';
import { fail, ok } from '../../../../../test/factories';
import { serve, typeInto } from '../../../../../test/helpers';
import { holdRequests, signedInForEachTest } from '../../../../../test/signed-in';
import AdminCategoriesPage from './index';

const cat = (over: Partial<ReportCategoryResponse> = {}): ReportCategoryResponse => ({ id: 1, key: 'traffic', label: '交通', pointsMin: 5, pointsMax: 10, acceptHours: 24, resolveHours: 168, signHours: 4, verifyHours: 24, sortOrder: 1, active: true, ...over }) as ReportCategoryResponse;

describe('AdminCategoriesPage', () => {
  signedInForEachTest({ role: 'admin' });

  it('shows loading, then each category with its points range and deadlines', async () => {
    const answer = holdRequests();
    render(<AdminCategoriesPage />);
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
    await act(async () => answer(ok({ items: [cat(), cat({ id: 2, key: 'hazard', label: '安全隐患', pointsMin: 6, pointsMax: 8, active: false })], subscribeTemplateId: null })));
    const table = await screen.findByTestId('category-table');
    expect(within(table).getByText('6–8 分')).toBeInTheDocument();
    expect(within(table).getAllByText('24 小时')).toHaveLength(2);
    expect(within(table).getByText('已停用')).toBeInTheDocument();
  });

  it('shows an empty list, and a load failure in Chinese', async () => {
    serve(() => fail(503, 'internal_error', 'Service Unavailable'));
    render(<AdminCategoriesPage />);
    expect(await screen.findByText('服务器出了点问题，请稍后再试')).toBeInTheDocument();
    serve(() => ok({ items: [], subscribeTemplateId: null }));
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('还没有类别')).toBeInTheDocument();
  });

  it('refuses a points range outside 5–10 before sending, then creates the category', async () => {
    const posted: unknown[] = [];
    serve((_url, method, data) => {
      if (method === 'POST') {
        posted.push(data);
        return ok(cat({ id: 3, key: 'noise', label: '噪音' }), 201);
      }
      return ok({ items: [], subscribeTemplateId: null });
    });
    render(<AdminCategoriesPage />);
    await screen.findByText('还没有类别');
    typeInto('cat-key', 'noise');
    typeInto('cat-label', '噪音');
    typeInto('cat-pointsMax', '12');
    fireEvent.click(screen.getByTestId('create-category'));
    expect(screen.getByTestId('admin-message')).toHaveTextContent('积分范围须在 5–10 之间');
    expect(posted).toHaveLength(0);
    typeInto('cat-pointsMax', '8');
    fireEvent.click(screen.getByTestId('create-category'));
    await waitFor(() => expect(screen.getByTestId('admin-message')).toHaveTextContent('已保存类别「噪音」'));
    expect(posted).toEqual([{ key: 'noise', label: '噪音', pointsMin: 5, pointsMax: 8, acceptHours: 24, resolveHours: 168, sortOrder: 0 }]);
  });

  it('edits a category and shows the server’s refusal in Chinese', async () => {
    const patched: unknown[] = [];
    serve((url, method, data) => {
      if (method === 'PATCH') {
        patched.push([url, data]);
        return fail(409, 'category_key_taken', 'key taken', { key: 'traffic' });
      }
      return ok({ items: [cat()], subscribeTemplateId: null });
    });
    render(<AdminCategoriesPage />);
    fireEvent.click(await screen.findByText('编辑'));
    const editor = screen.getByTestId('category-editor');
    fireEvent(within(editor).getByTestId('cat-acceptHours'), new CustomEvent('input', { detail: { value: '12' }, bubbles: true }));
    fireEvent.click(within(editor).getByTestId('save-category'));
    expect(await screen.findByText('类别标识 traffic 已被使用')).toBeInTheDocument();
    expect(patched).toEqual([['/api/admin/report-categories/1', { label: '交通', pointsMin: 5, pointsMax: 10, acceptHours: 12, resolveHours: 168, sortOrder: 1, active: true }]]);
  });
});
