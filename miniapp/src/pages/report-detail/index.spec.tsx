import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { fail, loginFactory, mediaFactory, ok, reportFactory, stagesFactory } from '../../../test/factories';
import { callsTo, serve, typeInto } from '../../../test/helpers';
import * as Taro from '../../../test/taro-mock';
import { openReportPage, postedTo, type Answers } from '../../../test/report-page';
import { configureHttp } from '../../services/http';
import type { ReportDetailResponse } from '@xjy/shared/report';
import { saveLogin } from '../../utils/session';
import ReportDetailPage from './index';

const dept = { id: 2, name: '城管执法大队', active: true } as ReportDetailResponse['department'];
const closedAs = (over: Partial<ReportDetailResponse>) =>
  reportFactory({ status: 'resolved', statusGroup: 'fixed', outcome: 'fixed', holder: null, stages: stagesFactory(6), reporterActions: ['confirm', 'rate'], ...over });

const open = (report: ReportDetailResponse, answers: Answers = {}, userId = 1) => openReportPage(<ReportDetailPage />, report, { id: userId, role: 'worker', trade: 'streamer' as never }, answers);
const body = postedTo;
const stepStates = () => screen.getAllByTestId(/^loop-step-/).map((e) => e.getAttribute('data-testid')!.replace('loop-step-', ''));

describe('ReportDetailPage (reporter)', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));

  it('shows the seven stages, who holds the case and its deadline in China time while the department handles it', async () => {
    open(
      reportFactory({
        status: 'handling',
        department: dept,
        holder: { kind: 'department', name: '城管执法大队', departmentId: 2 },
        stages: stagesFactory(3),
        currentDeadline: { kind: 'handle', label: '处置', dueAt: '2026-12-03T10:30:00.000Z', overdue: false },
        reporterActions: ['supplement'],
      }),
    );
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
    await screen.findByTestId('loop-steps');
    expect(screen.getByTestId('loop-steps')).toHaveTextContent(/信息采集.*案卷建立.*任务派遣.*任务处置.*处理反馈.*核查结案.*综合评价/);
    expect(stepStates()).toEqual(['done', 'done', 'done', 'current', 'pending', 'pending', 'pending']);
    expect(screen.getByTestId('loop-holder')).toHaveTextContent('当前办理：城管执法大队');
    expect(screen.getByTestId('loop-deadline')).toHaveTextContent('处置时限：12月3日 周四 18:30（北京时间）');
    // Open and mine: more information may be added, but it is past withdrawing.
    expect(screen.getByTestId('action-supplement')).toBeInTheDocument();
    expect(screen.queryByTestId('action-withdraw')).not.toBeInTheDocument();
    expect(screen.queryByTestId('action-rate')).not.toBeInTheDocument();
  });

  it('withdraws a report not yet accepted, after asking', async () => {
    open(reportFactory({ status: 'submitted', reporterActions: ['supplement', 'withdraw'] }), {
      'POST /api/reports/42/withdraw': () => ok(reportFactory({ status: 'withdrawn', statusGroup: 'closed', holder: null, stages: stagesFactory(0).map((x, i) => ({ ...x, state: i === 0 ? 'done' : 'pending' })) })),
    });
    fireEvent.click(await screen.findByTestId('action-withdraw'));
    await waitFor(() => expect(callsTo('/api/reports/42/withdraw', 'POST')).toHaveLength(1));
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '撤回随手拍' }));
    await waitFor(() => expect(screen.queryByTestId('reporter-actions')).not.toBeInTheDocument());
    expect(screen.getByTestId('report-status')).toHaveTextContent('已撤回');
    expect(screen.queryByTestId('loop-holder')).not.toBeInTheDocument();
  });

  it('keeps the report when the withdrawal is cancelled', async () => {
    Taro.showModal.mockImplementationOnce(() => Promise.resolve({ confirm: false, cancel: true, errMsg: 'showModal:ok' }));
    open(reportFactory({ status: 'submitted', reporterActions: ['supplement', 'withdraw'] }));
    fireEvent.click(await screen.findByTestId('action-withdraw'));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalled());
    expect(callsTo('/api/reports/42/withdraw', 'POST')).toHaveLength(0);
  });

  it('adds information with text and a photo while the report is open', async () => {
    Taro.chooseMedia.mockImplementationOnce(() => Promise.resolve({ tempFiles: [{ tempFilePath: 'blob:more', size: 100_000 }], errMsg: 'chooseMedia:ok' }) as never);
    Taro.uploadFile.mockImplementation((option) => {
      option.success?.({ statusCode: 201, data: JSON.stringify(mediaFactory(77)) });
      return { onProgressUpdate: jest.fn(), abort: jest.fn() };
    });
    open(reportFactory({ status: 'accepted', reporterActions: ['supplement'] }), { 'POST /api/reports/42/supplement': () => ok(reportFactory({ status: 'accepted', reporterActions: ['supplement'] })) });
    fireEvent.click(await screen.findByTestId('action-supplement'));
    fireEvent.click(screen.getByTestId('supplement-form-submit'));
    expect(await screen.findByTestId('supplement-form-error')).toHaveTextContent('请填写补充内容');
    fireEvent.click(screen.getByTestId('supplement-form-photo-add'));
    await waitFor(() => expect(screen.getAllByTestId('photo-tile')).toHaveLength(1));
    typeInto('supplement-form-note', '晚上八点后更严重');
    fireEvent.click(screen.getByTestId('supplement-form-submit'));
    await waitFor(() => expect(body('/api/reports/42/supplement')).toEqual({ text: '晚上八点后更严重', mediaIds: [77] }));
    await waitFor(() => expect(screen.queryByTestId('supplement-form')).not.toBeInTheDocument());
  });

  it('confirms a closed case fixed with a follow-up photo and the location where it was taken', async () => {
    const here = { coords: { latitude: 38.3427, longitude: 114.6781, accuracy: 12 } };
    Object.defineProperty(navigator, 'geolocation', { value: { getCurrentPosition: (yes: (p: typeof here) => void) => yes(here) }, configurable: true });
    Taro.chooseMedia.mockImplementationOnce(() => Promise.resolve({ tempFiles: [{ tempFilePath: 'blob:now', size: 100_000 }], errMsg: 'chooseMedia:ok' }) as never);
    Taro.uploadFile.mockImplementation((option) => {
      option.success?.({ statusCode: 201, data: JSON.stringify(mediaFactory(88)) });
      return { onProgressUpdate: jest.fn(), abort: jest.fn() };
    });
    const closed = closedAs({});
    open(closed, { 'POST /api/reports/42/confirm': () => ok({ ...closed, reporterFixed: true }) });
    expect(await screen.findByTestId('report-outcome')).toHaveTextContent('结案结论：已解决');
    expect(stepStates()).toEqual(['done', 'done', 'done', 'done', 'done', 'done', 'current']);
    expect(screen.queryByTestId('loop-holder')).not.toBeInTheDocument();
    expect(screen.queryByTestId('action-supplement')).not.toBeInTheDocument();
    fireEvent.click(screen.getByTestId('action-confirm-fixed'));
    fireEvent.click(screen.getByTestId('confirm-form-photo-add'));
    await waitFor(() => expect(screen.getAllByTestId('photo-tile')).toHaveLength(1));
    fireEvent.click(screen.getByTestId('confirm-form-submit'));
    expect(await screen.findByTestId('report-confirmed')).toHaveTextContent('你的确认：已解决');
    const sent = body('/api/reports/42/confirm') as { fixed: boolean; mediaIds: number[]; lat: number; lng: number };
    expect(sent).toMatchObject({ fixed: true, mediaIds: [88] });
    // The browser's WGS-84 fix is sent as GCJ-02, a few hundred metres off in China.
    expect(sent.lat).not.toBe(38.3427);
    expect(Math.abs(sent.lat - 38.3427)).toBeLessThan(0.01);
    expect(screen.queryByTestId('action-confirm-fixed')).not.toBeInTheDocument();
  });

  it('says not fixed without a photo, sending no location, after a not-fixable closure', async () => {
    const closed = closedAs({ status: 'closed', statusGroup: 'closed', outcome: 'not_fixable' });
    open(closed, { 'POST /api/reports/42/confirm': () => ok({ ...closed, reporterFixed: false }) });
    expect(await screen.findByTestId('report-outcome')).toHaveTextContent('结案结论：无法解决');
    fireEvent.click(screen.getByTestId('action-confirm-not-fixed'));
    fireEvent.click(screen.getByTestId('confirm-form-submit'));
    expect(await screen.findByTestId('report-confirmed')).toHaveTextContent('未解决，已请工作人员复查');
    expect(body('/api/reports/42/confirm')).toEqual({ fixed: false });
  });

  it('rates a closed case: a level must be chosen, the note is optional', async () => {
    const closed = closedAs({ reporterFixed: true });
    open(closed, { 'POST /api/reports/42/rate': () => ok({ ...closed, rating: 'basic', ratingNote: '处理及时' }) });
    fireEvent.click(await screen.findByTestId('action-rate'));
    fireEvent.click(screen.getByTestId('rate-form-submit'));
    expect(await screen.findByTestId('rate-form-error')).toHaveTextContent('请选择满意程度');
    fireEvent.click(screen.getByTestId('rate-basic'));
    typeInto('rate-form-note', '处理及时');
    fireEvent.click(screen.getByTestId('rate-form-submit'));
    expect(await screen.findByTestId('report-rating')).toHaveTextContent('你的评价：基本满意（处理及时）');
    expect(body('/api/reports/42/rate')).toEqual({ rating: 'basic', note: '处理及时' });
    expect(screen.queryByTestId('reporter-actions')).not.toBeInTheDocument();
  });

  it("shows the catalogue's message when rating fails and keeps the form", async () => {
    open(closedAs({}), { 'POST /api/reports/42/rate': () => fail(409, 'already_rated', 'already rated') });
    fireEvent.click(await screen.findByTestId('action-rate'));
    fireEvent.click(screen.getByTestId('rate-satisfied'));
    fireEvent.click(screen.getByTestId('rate-form-submit'));
    expect(await screen.findByTestId('rate-form-error')).toHaveTextContent('你已经评价过了');
    expect(screen.getByTestId('rate-form')).toBeInTheDocument();
  });

  it('shows the server refusing a follow-up photo taken too far away, in its own words', async () => {
    const here = { coords: { latitude: 38.36, longitude: 114.7, accuracy: 12 } };
    Object.defineProperty(navigator, 'geolocation', { value: { getCurrentPosition: (yes: (p: typeof here) => void) => yes(here) }, configurable: true });
    Taro.chooseMedia.mockImplementationOnce(() => Promise.resolve({ tempFiles: [{ tempFilePath: 'blob:far', size: 100_000 }], errMsg: 'chooseMedia:ok' }) as never);
    Taro.uploadFile.mockImplementation((option) => {
      option.success?.({ statusCode: 201, data: JSON.stringify(mediaFactory(89)) });
      return { onProgressUpdate: jest.fn(), abort: jest.fn() };
    });
    open(closedAs({}), { 'POST /api/reports/42/confirm': () => fail(422, 'follow_up_too_far', 'too far', { distanceM: 2300 }) });
    fireEvent.click(await screen.findByTestId('action-confirm-fixed'));
    fireEvent.click(screen.getByTestId('confirm-form-photo-add'));
    await waitFor(() => expect(screen.getAllByTestId('photo-tile')).toHaveLength(1));
    fireEvent.click(screen.getByTestId('confirm-form-submit'));
    expect(await screen.findByTestId('confirm-form-error')).toHaveTextContent('复查照片须在问题位置 100 米内拍摄（当前相距 2300 米）');
  });

  it('asks for the location a follow-up photo needs and sends nothing without it', async () => {
    Object.defineProperty(navigator, 'geolocation', { value: undefined, configurable: true });
    Taro.chooseMedia.mockImplementationOnce(() => Promise.resolve({ tempFiles: [{ tempFilePath: 'blob:x', size: 100_000 }], errMsg: 'chooseMedia:ok' }) as never);
    Taro.uploadFile.mockImplementation((option) => {
      option.success?.({ statusCode: 201, data: JSON.stringify(mediaFactory(90)) });
      return { onProgressUpdate: jest.fn(), abort: jest.fn() };
    });
    open(closedAs({}));
    fireEvent.click(await screen.findByTestId('action-confirm-fixed'));
    fireEvent.click(screen.getByTestId('confirm-form-photo-add'));
    await waitFor(() => expect(screen.getAllByTestId('photo-tile')).toHaveLength(1));
    fireEvent.click(screen.getByTestId('confirm-form-submit'));
    expect(await screen.findByTestId('confirm-form-error')).toHaveTextContent('无法获取你的位置');
    expect(callsTo('/api/reports/42/confirm', 'POST')).toHaveLength(0);
  });

  it('offers what the server lists for this caller, and nothing else', async () => {
    open(reportFactory({ status: 'submitted', reporter: { id: 1, nickname: '小王' }, reporterActions: [] }), {}, 99);
    await screen.findByTestId('loop-steps');
    expect(screen.queryByTestId('reporter-actions')).not.toBeInTheDocument();
  });

  it('shows an error with a retry when the report cannot be loaded', async () => {
    act(() => saveLogin(loginFactory()));
    Taro.routerParams.current = { id: '42' };
    serve(() => 'offline');
    render(<ReportDetailPage />);
    expect(await screen.findByTestId('state-error')).toHaveTextContent('网络连接失败，请检查网络后重试');
  });
});
