import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReportTemplateResponse } from '@xjy/shared/report-templates';
import { fail, ok } from '../../../../../test/factories';
import { serve, typeInto } from '../../../../../test/helpers';
import { signedInForEachTest } from '../../../../../test/signed-in';
import * as Taro from '../../../../../test/taro-mock';
import type { MockResponse } from '../../../../../test/taro-mock';
import AdminTemplatesPage from './index';

const CATEGORIES = [
  { id: 1, key: 'traffic', label: '交通劝导', pointsMin: 5, pointsMax: 8, acceptHours: 24, resolveHours: 168, sortOrder: 1, active: true },
  { id: 2, key: 'hazard', label: '安全隐患', pointsMin: 6, pointsMax: 10, acceptHours: 4, resolveHours: 48, sortOrder: 2, active: true },
];
const tpl = (over: Partial<ReportTemplateResponse> = {}): ReportTemplateResponse => ({ id: 1, categoryId: null, action: 'handled', title: '已清理', body: '经现场核查，问题已处理完毕。', sortOrder: 0, active: true, ...over });
const TEMPLATES = [tpl(), tpl({ id: 2, categoryId: 2, action: 'return', title: '非本部门职责', body: '该问题不属于本部门职责，请改派。', active: false })];

const ALL = '所有类别（通用）';

type Call = { url: string; method: string; data: unknown };

/** The admin API with `templates` listed; writes are recorded and answered by `write` (the row echoed by default). */
function api(templates: ReportTemplateResponse[], write?: (c: Call) => MockResponse) {
  const calls: Call[] = [];
  serve((url, method, data) => {
    if (url === '/api/report-categories') return ok({ items: CATEGORIES, subscribeTemplateId: null });
    if (method === 'GET') return ok({ items: templates });
    const call = { url, method, data };
    calls.push(call);
    return write ? write(call) : ok(method === 'DELETE' ? undefined : tpl({ ...(data as object), id: 9 }), method === 'POST' ? 201 : 200);
  });
  return calls;
}

function pick(combobox: string, option: RegExp | string, within_: HTMLElement = document.body) {
  fireEvent.focus(within(within_).getByRole('combobox', { name: combobox }));
  fireEvent.click(within(within_).getByRole('option', { name: option }));
}

describe('AdminTemplatesPage', () => {
  signedInForEachTest({ role: 'admin' });

  it('shows loading, then every template with its action and category in Chinese', async () => {
    let answer: (r: MockResponse) => void = () => {};
    serve((url) => (url === '/api/report-categories' ? ok({ items: CATEGORIES, subscribeTemplateId: null }) : new Promise<MockResponse>((r) => (answer = r)) as never));
    render(<AdminTemplatesPage />);
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
    await act(async () => answer(ok({ items: TEMPLATES })));
    const table = await screen.findByTestId('template-table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    // Sorted by the loop's order of actions: 退回 before 处置反馈.
    expect(rows[0]).toHaveTextContent('退回');
    expect(rows[0]).toHaveTextContent('安全隐患');
    expect(rows[0]).toHaveTextContent('已停用');
    expect(rows[1]).toHaveTextContent('处置反馈');
    expect(rows[1]).toHaveTextContent('通用');
    expect(rows[1]).toHaveTextContent('经现场核查，问题已处理完毕。');
  });

  it('shows a load failure in Chinese, then an empty list after 重试', async () => {
    serve(() => fail(503, 'internal_error', 'Service Unavailable'));
    render(<AdminTemplatesPage />);
    expect(await screen.findByText('服务器出了点问题，请稍后再试')).toBeInTheDocument();
    api([]);
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('还没有回复模板')).toBeInTheDocument();
  });

  it('filters by action and by category, the general ones under 通用', async () => {
    api(TEMPLATES);
    render(<AdminTemplatesPage />);
    const table = await screen.findByTestId('template-table');
    await waitFor(() => expect(within(table).getByText('安全隐患')).toBeInTheDocument());
    pick('按办理环节筛选', '处置反馈');
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(within(table).getByText('已清理')).toBeInTheDocument();
    pick('按类别筛选', '安全隐患');
    expect(within(table).getByText('没有符合筛选条件的模板')).toBeInTheDocument();
    pick('按办理环节筛选', '全部环节');
    expect(within(table).getByText('非本部门职责')).toBeInTheDocument();
    pick('按类别筛选', '通用（所有类别）');
    expect(within(table).getByText('已清理')).toBeInTheDocument();
    expect(within(table).queryByText('非本部门职责')).not.toBeInTheDocument();
  });

  it('names each missing field next to it before sending, then creates the template', async () => {
    const calls = api([]);
    render(<AdminTemplatesPage />);
    await screen.findByText('还没有回复模板');
    fireEvent.click(screen.getByTestId('create-template'));
    expect(screen.getByTestId('admin-message')).toHaveTextContent('请按提示修改后再保存');
    expect(screen.getByText('请填写办理环节')).toBeInTheDocument();
    expect(screen.getByText('请填写标题')).toBeInTheDocument();
    expect(screen.getByText('请填写内容')).toBeInTheDocument();
    typeInto('new-sortOrder', '1.5');
    fireEvent.click(screen.getByTestId('create-template'));
    expect(screen.getByText('排序必须是整数')).toBeInTheDocument();
    expect(calls).toHaveLength(0);

    pick('办理环节', '核查通过');
    pick('适用类别', '交通劝导');
    typeInto('new-title', ' 已恢复 ');
    typeInto('new-body', '经核查，现场已恢复正常。');
    typeInto('new-sortOrder', '3');
    fireEvent.click(screen.getByTestId('create-template'));
    await waitFor(() => expect(screen.getByTestId('admin-message')).toHaveTextContent('已保存模板「已恢复」'));
    expect(calls).toEqual([{ url: '/api/admin/report-templates', method: 'POST', data: { categoryId: 1, action: 'verify', title: '已恢复', body: '经核查，现场已恢复正常。', sortOrder: 3 } }]);
    expect(screen.queryByText('请填写标题')).not.toBeInTheDocument();
  });

  it('edits a template, and shows the server’s refusal next to the field it names', async () => {
    let refuse = true;
    const calls = api(TEMPLATES, (c) => (refuse ? fail(404, 'category_not_found', '所选类别不存在', { fields: [{ field: 'categoryId', message: '所选类别不存在' }] }) : ok({ ...TEMPLATES[0], ...(c.data as object) })));
    render(<AdminTemplatesPage />);
    const table = await screen.findByTestId('template-table');
    await waitFor(() => expect(within(table).getByText('安全隐患')).toBeInTheDocument());
    fireEvent.click(within(within(table).getByText('已清理').closest('tr')!).getByText('编辑'));
    const editor = screen.getByTestId('template-editor');
    pick('适用类别', '安全隐患', editor);
    typeInto('edit-body', '已处理完毕，感谢反映。');
    fireEvent.click(within(editor).getByTestId('save-template'));
    await waitFor(() => expect(screen.getByTestId('admin-message')).toHaveTextContent('所选类别不存在'));
    expect(within(editor).getByText('所选类别不存在')).toBeInTheDocument();
    expect(calls).toEqual([{ url: '/api/admin/report-templates/1', method: 'PATCH', data: { categoryId: 2, action: 'handled', title: '已清理', body: '已处理完毕，感谢反映。', sortOrder: 0, active: true } }]);

    refuse = false;
    pick('适用类别', ALL, editor);
    fireEvent.click(within(editor).getByTestId('save-template'));
    await waitFor(() => expect(screen.getByTestId('admin-message')).toHaveTextContent('已保存模板「已清理」'));
    expect(calls[1].data).toEqual({ categoryId: null, action: 'handled', title: '已清理', body: '已处理完毕，感谢反映。', sortOrder: 0, active: true });
    expect(screen.queryByTestId('template-editor')).not.toBeInTheDocument();
  });

  it('deletes only after confirmation and says when the template is already gone', async () => {
    const calls = api(TEMPLATES, () => fail(404, 'report_template_not_found', 'Not Found'));
    render(<AdminTemplatesPage />);
    const table = await screen.findByTestId('template-table');
    const row = () => within(table).getByText('已清理').closest('tr')!;
    Taro.showModal.mockImplementationOnce(() => Promise.resolve({ confirm: false, cancel: true, errMsg: 'showModal:ok' }));
    fireEvent.click(within(row()).getByText('删除'));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalledTimes(1));
    expect(calls).toHaveLength(0);
    fireEvent.click(within(row()).getByText('删除'));
    expect(await screen.findByText('回复模板不存在')).toBeInTheDocument();
    expect(calls).toEqual([{ url: '/api/admin/report-templates/1', method: 'DELETE', data: undefined }]);
  });
});
