import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { fail, loginFactory, mediaFactory, ok, reportFactory, stagesFactory, userFactory } from '../../../../../test/factories';
import { callsTo, serve, typeInto } from '../../../../../test/helpers';
import * as Taro from '../../../../../test/taro-mock';
import { openReportPage, postedTo, type Answers } from '../../../../../test/report-page';
import { configureHttp } from '../../../../services/http';
import type { ReportDetailResponse } from '@xjy/shared/report';
import { saveLogin } from '../../../../utils/session';
import DeptCasePage from './index';

const dept = { id: 2, name: '城管执法大队', active: true } as ReportDetailResponse['department'];
const held = { department: dept, holder: { kind: 'department' as const, name: '城管执法大队', departmentId: 2 } };
const HANDLING = ['handled', 'request_extension', 'request_deferral'] as ReportDetailResponse['actions'];
const dispatched = (over: Partial<ReportDetailResponse> = {}) => reportFactory({ status: 'dispatched', ...held, actions: ['sign', 'return'], stages: stagesFactory(3), ...over });
const handling = (over: Partial<ReportDetailResponse> = {}) => reportFactory({ status: 'handling', ...held, actions: HANDLING, stages: stagesFactory(3), ...over });

const open = (report: ReportDetailResponse, answers: Answers = {}) => openReportPage(<DeptCasePage />, report, { id: 30, role: 'department', trade: null }, answers);
const body = postedTo;

describe('DeptCasePage', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));

  it('signs for a dispatched case and then offers 处置反馈, 延期 and 缓办', async () => {
    open(dispatched({ currentDeadline: { kind: 'sign', label: '签收', dueAt: '2026-12-02T06:00:00.000Z', overdue: false } }), {
      'POST /api/reports/42/sign': () => ok(handling()),
    });
    expect(await screen.findByTestId('loop-holder')).toHaveTextContent('当前办理：城管执法大队');
    expect(screen.getByTestId('loop-deadline')).toHaveTextContent('签收时限：12月2日 周三 14:00（北京时间）');
    fireEvent.click(screen.getByTestId('dept-sign'));
    await screen.findByTestId('dept-handled');
    expect(callsTo('/api/reports/42/sign', 'POST')).toHaveLength(1);
    expect(screen.getByTestId('dept-extension')).toHaveTextContent('申请延期');
    expect(screen.getByTestId('dept-deferral')).toHaveTextContent('申请缓办');
    expect(screen.queryByTestId('dept-sign')).not.toBeInTheDocument();
  });

  it('returns a case only with a reason, and shows the server refusing in Chinese', async () => {
    open(dispatched(), {
      'POST /api/reports/42/return': () => fail(409, 'report_invalid_transition', '这条随手拍当前状态不能进行此操作'),
    });
    fireEvent.click(await screen.findByTestId('dept-return'));
    fireEvent.click(screen.getByTestId('return-form-submit'));
    expect(screen.getByTestId('return-form-error')).toHaveTextContent('请填写退回原因');
    expect(callsTo('/api/reports/42/return', 'POST')).toHaveLength(0);

    typeInto('return-form-note', '不属于城管职责，应由交警处理');
    fireEvent.click(screen.getByTestId('return-form-submit'));
    expect(await screen.findByTestId('return-form-error')).toHaveTextContent('这条随手拍当前状态不能进行此操作');
    expect(body('/api/reports/42/return')).toEqual({ reason: '不属于城管职责，应由交警处理' });
  });

  it('reports the work done with a note and an uploaded photo', async () => {
    Taro.chooseMedia.mockImplementationOnce(() => Promise.resolve({ tempFiles: [{ tempFilePath: 'blob:after', size: 100_000 }], errMsg: 'chooseMedia:ok' }) as never);
    Taro.uploadFile.mockImplementation((option) => {
      option.success?.({ statusCode: 201, data: JSON.stringify(mediaFactory(55)) });
      return { onProgressUpdate: jest.fn(), abort: jest.fn() };
    });
    open(handling(), {
      'POST /api/reports/42/handled': () => ok(reportFactory({ status: 'verifying', ...held, stages: stagesFactory(5) })),
    });
    fireEvent.click(await screen.findByTestId('dept-handled'));
    fireEvent.click(screen.getByTestId('handled-form-photo-add'));
    await waitFor(() => expect(screen.getAllByTestId('photo-tile')).toHaveLength(1));
    await waitFor(() => expect(screen.queryByTestId('photo-progress')).not.toBeInTheDocument());
    typeInto('handled-form-note', '已清运，垃圾桶已更换');
    fireEvent.click(screen.getByTestId('handled-form-submit'));
    expect(await screen.findByText('已反馈处置情况，等待工作人员核查')).toBeInTheDocument();
    expect(body('/api/reports/42/handled')).toEqual({ note: '已清运，垃圾桶已更换', mediaIds: [55] });
    expect(Taro.uploadFile.mock.calls[0][0].filePath).toBe('blob:after');
  });

  it("offers the category's response templates as a start for the note", async () => {
    open(handling(), {
      'GET /api/report-categories': () => ok({ items: [{ id: 3, key: 'city_appearance', label: '市容环境' }], subscribeTemplateId: null }),
      'GET /api/report-templates?categoryId=3&action=handled': () => ok({ items: [{ id: 9, title: '已清运', body: '垃圾已清运完毕，现场已恢复整洁。' }] }),
      'POST /api/reports/42/handled': () => ok(reportFactory({ status: 'verifying', ...held, stages: stagesFactory(5) })),
    });
    fireEvent.click(await screen.findByTestId('dept-handled'));
    const picker = await screen.findByTestId('handled-form-templates');
    fireEvent.click(within(picker).getByText('已清运'));
    fireEvent.click(screen.getByTestId('handled-form-submit'));
    await waitFor(() => expect(body('/api/reports/42/handled')).toEqual({ note: '垃圾已清运完毕，现场已恢复整洁。' }));
  });

  it('has no template picker when none can be read', async () => {
    open(handling());
    fireEvent.click(await screen.findByTestId('dept-handled'));
    await waitFor(() => expect(callsTo('/api/report-categories')).toHaveLength(1));
    expect(screen.queryByTestId('handled-form-templates')).not.toBeInTheDocument();
  });

  it('asks for the privacy consent on this page before the first photo is picked', async () => {
    open(handling());
    Taro.removeStorageSync('xjy.privacyConsent');
    fireEvent.click(await screen.findByTestId('dept-handled'));
    fireEvent.click(screen.getByTestId('handled-form-photo-add'));
    fireEvent.click(await screen.findByTestId('privacy-agree'));
    await waitFor(() => expect(Taro.chooseMedia).toHaveBeenCalledTimes(1));
    expect(screen.queryByTestId('privacy-popup')).not.toBeInTheDocument();
  });

  it('asks for an extension with hours and a reason, then says it waits for approval', async () => {
    open(handling(), {
      'POST /api/reports/42/extension': () => ok(handling({ pendingRequest: { kind: 'extension', hours: 48, reason: '需要订购配件' } })),
    });
    fireEvent.click(await screen.findByTestId('dept-extension'));
    typeInto('extension-form-note', '需要订购配件');
    fireEvent.click(screen.getByTestId('extension-form-submit'));
    expect(await screen.findByTestId('extension-form-error')).toHaveTextContent('请选择或填写延期小时数');
    fireEvent.click(screen.getByTestId('extension-hours-48'));
    fireEvent.click(screen.getByTestId('extension-form-submit'));
    expect(await screen.findByTestId('dept-pending')).toHaveTextContent('已申请延期 48 小时，等待工作人员审批');
    expect(body('/api/reports/42/extension')).toEqual({ hours: 48, reason: '需要订购配件' });
    expect(screen.queryByTestId('dept-extension')).not.toBeInTheDocument();
    // Still open to report the work done while the request waits.
    expect(screen.getByTestId('dept-handled')).toBeInTheDocument();
  });

  it('refuses more hours than one extension may ask for, before asking the server', async () => {
    open(handling());
    fireEvent.click(await screen.findByTestId('dept-extension'));
    typeInto('extension-form-note', '工程量大');
    typeInto('extension-hours', '10000');
    fireEvent.click(screen.getByTestId('extension-form-submit'));
    expect(await screen.findByTestId('extension-form-error')).toHaveTextContent('一次最多延期 720 小时');
    expect(callsTo('/api/reports/42/extension', 'POST')).toHaveLength(0);
  });

  it('offers nothing to do on a case waiting for verification', async () => {
    open(reportFactory({ status: 'verifying', ...held, actions: [], stages: stagesFactory(5) }));
    expect(await screen.findByText('已反馈处置情况，等待工作人员核查')).toBeInTheDocument();
    expect(screen.queryByTestId('dept-handled')).not.toBeInTheDocument();
    expect(screen.queryByTestId('dept-sign')).not.toBeInTheDocument();
  });

  it('asks for a deferral with a reason', async () => {
    open(handling(), {
      'POST /api/reports/42/deferral': () => ok(handling({ pendingRequest: { kind: 'deferral', hours: null, reason: '冬季无法施工' } })),
    });
    fireEvent.click(await screen.findByTestId('dept-deferral'));
    typeInto('deferral-form-note', '冬季无法施工');
    fireEvent.click(screen.getByTestId('deferral-form-submit'));
    expect(await screen.findByTestId('dept-pending')).toHaveTextContent('已申请缓办，等待工作人员审批');
    expect(body('/api/reports/42/deferral')).toEqual({ reason: '冬季无法施工' });
  });

  it('shows an error with a retry when the case cannot be loaded', async () => {
    act(() => saveLogin(loginFactory({ user: userFactory({ id: 30, role: 'department', trade: null }) })));
    Taro.routerParams.current = { id: '42' };
    serve(() => fail(403, 'not_department_case', 'not your case'));
    render(<DeptCasePage />);
    // The catalogue's words for the code, never the server's English.
    expect(await screen.findByTestId('state-error')).toHaveTextContent('这个案件没有派给你所在的部门');
  });
});
