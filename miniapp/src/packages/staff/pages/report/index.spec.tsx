import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fail, ok, reportFactory, stagesFactory } from '../../../../../test/factories';
import { callsTo, typeInto } from '../../../../../test/helpers';
import * as Taro from '../../../../../test/taro-mock';
import { openReportPage, postedTo, type Answers } from '../../../../../test/report-page';
import { configureHttp } from '../../../../services/http';
import type { ReportDetailResponse } from '@xjy/shared/report';
import StaffReportPage from './index';

const dept = { id: 2, name: '城管执法大队', active: true } as ReportDetailResponse['department'];
const byDept = { department: dept, holder: { kind: 'department' as const, name: '城管执法大队', departmentId: 2 } };
const handling = (over: Partial<ReportDetailResponse> = {}) => reportFactory({ status: 'handling', ...byDept, stages: stagesFactory(3), actions: ['close'], ...over });

const open = (report: ReportDetailResponse, answers: Answers = {}) =>
  openReportPage(<StaffReportPage />, report, { id: 5, role: 'staff', trade: null, scopes: [{ id: 4, name: '长寿街道', level: 'street', path: '/1/4/' }] }, answers, false);
const body = postedTo;
const verifying = (over: Partial<ReportDetailResponse> = {}) =>
  reportFactory({
    status: 'verifying',
    department: dept,
    holder: { kind: 'staff', name: '社区', departmentId: null },
    stages: stagesFactory(5),
    currentDeadline: { kind: 'verify', label: '核查结案', dueAt: '2026-12-03T02:00:00.000Z', overdue: false },
    actions: ['verify', 'rework', 'close'],
    ...over,
  });

describe('StaffReportPage closed loop', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));

  it('passes verification with a note, closing the case as fixed', async () => {
    open(verifying({ reworkCount: 1 }), {
      'POST /api/reports/42/verify': () => ok(reportFactory({ status: 'resolved', statusGroup: 'fixed', outcome: 'fixed', department: dept, holder: null, stages: stagesFactory(6), actions: ['reopen'] })),
    });
    expect(await screen.findByTestId('loop-holder')).toHaveTextContent('新华社区 工作人员');
    expect(screen.getByTestId('loop-deadline')).toHaveTextContent('核查结案时限：12月3日 周四 10:00（北京时间）');
    expect(screen.getByTestId('staff-report-counts')).toHaveTextContent('返工 1 次 · 延期 0 次');
    fireEvent.click(screen.getByTestId('action-verify-pass'));
    typeInto('verify-form-note', '现场已清理干净');
    fireEvent.click(screen.getByTestId('verify-form-submit'));
    expect(await screen.findByTestId('staff-report-outcome')).toHaveTextContent('结案结论：已解决');
    expect(body('/api/reports/42/verify')).toEqual({ pass: true, note: '现场已清理干净' });
    expect(screen.queryByTestId('verify-form')).not.toBeInTheDocument();
    expect(screen.queryByTestId('loop-actions')).not.toBeInTheDocument();
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '已结案', icon: 'success' });
  });

  it('fails verification with a reason, sending the case back as rework', async () => {
    open(verifying(), { 'POST /api/reports/42/verify': () => ok(handling({ reworkCount: 1 })) });
    fireEvent.click(await screen.findByTestId('action-verify-fail'));
    fireEvent.click(screen.getByTestId('verify-form-submit'));
    expect(await screen.findByTestId('verify-form-error')).toHaveTextContent('请填写不通过的原因');
    expect(callsTo('/api/reports/42/verify', 'POST')).toHaveLength(0);
    typeInto('verify-form-note', '垃圾仍未清运');
    fireEvent.click(screen.getByTestId('verify-form-submit'));
    expect(await screen.findByTestId('staff-report-counts')).toHaveTextContent('返工 1 次');
    expect(body('/api/reports/42/verify')).toEqual({ pass: false, note: '垃圾仍未清运' });
    expect(screen.queryByTestId('action-verify-pass')).not.toBeInTheDocument();
  });

  it('closes a case as not our responsibility: the outcome must be chosen and the reason given', async () => {
    open(reportFactory({ status: 'accepted', actions: ['dispatch', 'resolve', 'close'] }), {
      'POST /api/reports/42/close': () => ok(reportFactory({ status: 'closed', statusGroup: 'closed', outcome: 'not_responsible', holder: null, actions: ['reopen'] })),
    });
    fireEvent.click(await screen.findByTestId('action-close'));
    typeInto('close-form-note', '属于铁路部门管辖');
    fireEvent.click(screen.getByTestId('close-form-submit'));
    expect(await screen.findByTestId('close-form-error')).toHaveTextContent('请选择结案类型');
    fireEvent.click(screen.getByTestId('close-not_responsible'));
    fireEvent.click(screen.getByTestId('close-form-submit'));
    await waitFor(() => expect(body('/api/reports/42/close')).toEqual({ outcome: 'not_responsible', reason: '属于铁路部门管辖' }));
    expect(await screen.findByTestId('staff-report-outcome')).toHaveTextContent('不属于职责范围');
    expect(screen.queryByTestId('action-close')).not.toBeInTheDocument();
  });

  it("approves a department's extension request", async () => {
    open(handling({ pendingRequest: { kind: 'extension', hours: 48, reason: '需要订购配件' }, actions: ['close', 'approve_extension', 'refuse_extension'] }), {
      'POST /api/reports/42/extension/approve': () => ok(handling({ extensionCount: 1 })),
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
    open(handling({ pendingRequest: { kind: 'deferral', hours: null, reason: '冬季无法施工' }, actions: ['close', 'approve_deferral', 'refuse_deferral'] }), {
      'POST /api/reports/42/deferral/refuse': () => ok(handling()),
    });
    expect(await screen.findByTestId('pending-request')).toHaveTextContent('城管执法大队申请缓办');
    fireEvent.click(screen.getByTestId('request-refuse'));
    typeInto('refuse-form-note', '可先做临时围挡');
    fireEvent.click(screen.getByTestId('refuse-form-submit'));
    await waitFor(() => expect(screen.queryByTestId('refuse-form')).not.toBeInTheDocument());
    expect(screen.queryByTestId('pending-request')).not.toBeInTheDocument();
    expect(body('/api/reports/42/deferral/refuse')).toEqual({ note: '可先做临时围挡' });
  });

  it("shows the server's refusal from the catalogue and keeps the request open", async () => {
    open(handling({ pendingRequest: { kind: 'extension', hours: 24, reason: '下雨' }, actions: ['close', 'approve_extension', 'refuse_extension'] }), {
      'POST /api/reports/42/extension/approve': () => fail(409, 'no_pending_request', 'none', { kind: 'extension' }),
    });
    fireEvent.click(await screen.findByTestId('request-approve'));
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: '没有待审批的延期申请', icon: 'none' }));
    expect(screen.getByTestId('pending-request')).toBeInTheDocument();
  });

  it('dispatches to a department picked from the chips, which must be chosen', async () => {
    open(reportFactory({ status: 'accepted', actions: ['dispatch', 'resolve', 'close'] }), {
      'GET /api/departments': () => ok({ items: [{ id: 1, name: '交警', active: true }, { id: 2, name: '城管', active: true }] }),
      'POST /api/reports/42/dispatch': () => ok(reportFactory({ status: 'dispatched', ...byDept, actions: ['dispatch', 'resolve', 'close'] })),
    });
    fireEvent.click(await screen.findByTestId('action-dispatch'));
    await screen.findByTestId('dispatch-department-2');
    fireEvent.click(screen.getByTestId('action-submit'));
    expect(await screen.findByTestId('action-error')).toHaveTextContent('请选择承办部门');
    fireEvent.click(screen.getByTestId('dispatch-department-2'));
    fireEvent.click(screen.getByTestId('action-submit'));
    await waitFor(() => expect(body('/api/reports/42/dispatch')).toEqual({ departmentId: 2 }));
    expect(await screen.findByTestId('loop-holder')).toHaveTextContent('当前办理：城管执法大队');
  });

  it("offers the category's templates for a review note, by click or by keyboard, and sends the picked text", async () => {
    open(reportFactory({ status: 'submitted', actions: ['accept', 'reject'] }), {
      'GET /api/report-categories': () => ok({ items: [{ id: 3, key: 'city_appearance', label: '市容环境' }], subscribeTemplateId: null }),
      'GET /api/report-templates?categoryId=3&action=reject': () =>
        ok({ items: [{ id: 7, title: '信息不足', body: '照片看不清问题所在，请补拍后重新上报。' }, { id: 8, title: '非本辖区', body: '该位置不在本辖区，请向所在街道反映。' }] }),
      'POST /api/reports/42/reject': () => ok(reportFactory({ status: 'rejected', actions: [] })),
    });
    fireEvent.click(await screen.findByTestId('action-reject'));
    const picker = await screen.findByTestId('form-reject-templates');
    fireEvent.click(within(picker).getByText('信息不足'));
    const chip = within(picker).getByText('非本辖区');
    expect(chip).toHaveAttribute('role', 'button');
    expect(chip).toHaveAttribute('tabindex', '0');
    fireEvent.keyDown(chip, { key: 'Enter' });
    fireEvent.click(screen.getByTestId('action-submit'));
    await waitFor(() => expect(body('/api/reports/42/reject')).toEqual({ reason: 'insufficient_info', note: '该位置不在本辖区，请向所在街道反映。' }));
  });

  it('resumes a deferred case', async () => {
    open(reportFactory({ status: 'deferred', ...byDept, stages: stagesFactory(3), actions: ['close', 'resume'] }), { 'POST /api/reports/42/resume': () => ok(handling()) });
    fireEvent.click(await screen.findByTestId('action-resume'));
    await waitFor(() => expect(screen.queryByTestId('action-resume')).not.toBeInTheDocument());
    expect(callsTo('/api/reports/42/resume', 'POST')).toHaveLength(1);
    expect(screen.getByTestId('staff-report-status')).toHaveTextContent('处置中');
  });

  it('offers nothing in the loop once a case is finished', async () => {
    open(reportFactory({ status: 'rejected', statusGroup: 'closed', holder: null, actions: ['reopen'] }));
    await screen.findByTestId('staff-report');
    expect(screen.queryByTestId('loop-actions')).not.toBeInTheDocument();
  });
});
