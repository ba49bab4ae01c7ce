import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { fail, loginFactory, ok, reportFactory, userFactory } from '../../../../../test/factories';
import { callsTo, serve, typeInto } from '../../../../../test/helpers';
import * as Taro from '../../../../../test/taro-mock';
import { configureHttp } from '../../../../services/http';
import type { LoopReport } from '../../../../utils/closed-loop';
import { saveLogin } from '../../../../utils/session';
import StaffReportPage from './index';

const dept = { id: 2, name: '城管执法大队' } as LoopReport['department'];

function open(report: LoopReport, answers: Record<string, () => ReturnType<typeof ok>> = {}) {
  act(() => saveLogin(loginFactory({ user: userFactory({ id: 5, role: 'staff', trade: null, scopes: [{ id: 4, name: '长寿街道', level: 'street', path: '/1/4/' }] }) })));
  Taro.routerParams.current = { id: String(report.id) };
  serve((url, method) => {
    if (url === `/api/reports/${report.id}` && method === 'GET') return ok(report);
    const answer = answers[`${method} ${url}`];
    return answer ? answer() : fail(404, 'not_found', '');
  });
  render(<StaffReportPage />);
}
const body = (path: string) => callsTo(path, 'POST')[0]?.data;
const verifying = (over: Partial<LoopReport> = {}) => reportFactory({ status: 'verifying' as never, department: dept, stageDeadlineAt: '2026-12-03T02:00:00.000Z', ...over });

describe('StaffReportPage closed loop', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));

  it('passes verification with a note, closing the case as fixed', async () => {
    open(verifying({ reworkCount: 1 }), { 'POST /api/reports/42/verify': () => ok(reportFactory({ status: 'resolved', statusGroup: 'fixed', outcome: 'fixed', department: dept })) });
    expect(await screen.findByTestId('loop-holder')).toHaveTextContent('新华社区 工作人员（核查）');
    expect(screen.getByTestId('staff-report-counts')).toHaveTextContent('返工 1 次 · 延期 0 次');
    fireEvent.click(screen.getByTestId('action-verify-pass'));
    fireEvent.click(screen.getByTestId('verify-form-submit'));
    expect(await screen.findByTestId('verify-form-error')).toHaveTextContent('请填写核查情况');
    typeInto('verify-form-note', '现场已清理干净');
    fireEvent.click(screen.getByTestId('verify-form-submit'));
    await waitFor(() => expect(screen.queryByTestId('loop-actions')).not.toBeInTheDocument());
    expect(body('/api/reports/42/verify')).toEqual({ pass: true, note: '现场已清理干净' });
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '已结案', icon: 'success' });
  });

  it('fails verification with a reason, sending the case back as rework', async () => {
    open(verifying(), { 'POST /api/reports/42/verify': () => ok(reportFactory({ status: 'handling' as never, department: dept, reworkCount: 1 })) });
    fireEvent.click(await screen.findByTestId('action-verify-fail'));
    typeInto('verify-form-note', '垃圾仍未清运');
    fireEvent.click(screen.getByTestId('verify-form-submit'));
    expect(await screen.findByTestId('staff-report-counts')).toHaveTextContent('返工 1 次');
    expect(body('/api/reports/42/verify')).toEqual({ pass: false, note: '垃圾仍未清运' });
    expect(screen.queryByTestId('action-verify-pass')).not.toBeInTheDocument();
  });

  it('closes a case as not our responsibility: the outcome must be chosen and the reason given', async () => {
    open(reportFactory({ status: 'accepted' }), { 'POST /api/reports/42/close': () => ok(reportFactory({ status: 'closed' as never, statusGroup: 'closed', outcome: 'not_responsible' })) });
    fireEvent.click(await screen.findByTestId('action-close'));
    typeInto('close-form-note', '属于铁路部门管辖');
    fireEvent.click(screen.getByTestId('close-form-submit'));
    expect(await screen.findByTestId('close-form-error')).toHaveTextContent('请选择结案类型');
    fireEvent.click(screen.getByTestId('close-not_responsible'));
    fireEvent.click(screen.getByTestId('close-form-submit'));
    await waitFor(() => expect(body('/api/reports/42/close')).toEqual({ outcome: 'not_responsible', reason: '属于铁路部门管辖' }));
    await waitFor(() => expect(screen.queryByTestId('action-close')).not.toBeInTheDocument());
  });

  it("approves a department's extension request", async () => {
    open(reportFactory({ status: 'handling' as never, department: dept, pendingRequest: 'extension', pendingHours: 48, pendingReason: '需要订购配件' }), {
      'POST /api/reports/42/extension/approve': () => ok(reportFactory({ status: 'handling' as never, department: dept, extensionCount: 1 })),
    });
    const request = await screen.findByTestId('pending-request');
    expect(request).toHaveTextContent('城管执法大队申请延期 48 小时');
    expect(request).toHaveTextContent('理由：需要订购配件');
    fireEvent.click(screen.getByTestId('request-approve'));
    await waitFor(() => expect(screen.queryByTestId('pending-request')).not.toBeInTheDocument());
    expect(callsTo('/api/reports/42/extension/approve', 'POST')).toHaveLength(1);
    expect(screen.getByTestId('staff-report-counts')).toHaveTextContent('延期 1 次');
  });

  it('refuses a deferral request with a note', async () => {
    open(reportFactory({ status: 'handling' as never, department: dept, pendingRequest: 'deferral', pendingReason: '冬季无法施工' }), {
      'POST /api/reports/42/deferral/refuse': () => ok(reportFactory({ status: 'handling' as never, department: dept })),
    });
    expect(await screen.findByTestId('pending-request')).toHaveTextContent('城管执法大队申请缓办');
    fireEvent.click(screen.getByTestId('request-refuse'));
    typeInto('refuse-form-note', '可先做临时围挡');
    fireEvent.click(screen.getByTestId('refuse-form-submit'));
    await waitFor(() => expect(screen.queryByTestId('pending-request')).not.toBeInTheDocument());
    expect(body('/api/reports/42/deferral/refuse')).toEqual({ note: '可先做临时围挡' });
  });

  it("shows the server's refusal from the catalogue and keeps the request open", async () => {
    open(reportFactory({ status: 'handling' as never, department: dept, pendingRequest: 'extension', pendingHours: 24 }), {
      'POST /api/reports/42/extension/approve': () => fail(409, 'report_invalid_transition', '这条随手拍当前状态不能进行此操作'),
    });
    fireEvent.click(await screen.findByTestId('request-approve'));
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: '这条随手拍当前状态不能进行此操作', icon: 'none' }));
    expect(screen.getByTestId('pending-request')).toBeInTheDocument();
  });

  it('offers nothing in the loop once a case is finished', async () => {
    open(reportFactory({ status: 'rejected', statusGroup: 'closed' }));
    await screen.findByTestId('staff-report');
    expect(screen.queryByTestId('loop-actions')).not.toBeInTheDocument();
  });
});
