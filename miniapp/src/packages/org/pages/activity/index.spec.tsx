import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ActivityResponse, CheckInResponse } from '@xjy/shared/activity';
import { fail, loginFactory, ok } from '../../../../../test/factories';
import { callsTo, serve, typeInto } from '../../../../../test/helpers';
import * as Taro from '../../../../../test/taro-mock';
import { configureHttp } from '../../../../services/http';
import { PRIVACY_GUIDE_VERSION } from '../../../../utils/privacy-platform.h5';
import { saveLogin } from '../../../../utils/session';
import ActivityPage from './index';

type Success = (position: { coords: { latitude: number; longitude: number; accuracy: number } }) => void;
const getCurrentPosition = jest.fn<void, [Success, (e: unknown) => void]>();

const HOUR = 3600_000;
function activityFactory(overrides: Partial<ActivityResponse> = {}): ActivityResponse {
  return {
    id: 7,
    organization: { id: 3, name: '新华社区党委' },
    type: 'meeting',
    title: '“红色骑手”主题党日',
    address: '新华社区党群服务站',
    startsAt: new Date(Date.now() - 10 * 60_000).toISOString(),
    endsAt: new Date(Date.now() + HOUR).toISOString(),
    checkInOpensAt: new Date(Date.now() - 40 * 60_000).toISOString(),
    lat: 38.34,
    lng: 114.68,
    radiusM: 300,
    points: 0,
    capacity: null,
    status: 'scheduled',
    checkedInCount: 3,
    eligible: true,
    myCheckIn: null,
    countsHours: false,
    hoursThresholdPct: 60,
    signOutClosesAt: null,
    hoursConfirmedAt: null,
    meetingKind: null,
    ...overrides,
  };
}
const checkInFactory = (overrides: Partial<CheckInResponse> = {}): CheckInResponse => ({
  id: 91,
  activityId: 7,
  activityTitle: '“红色骑手”主题党日',
  status: 'accepted',
  refusal: null,
  distanceM: 12,
  pointsAwarded: 0,
  member: { id: 1, nickname: '小王' },
  approvedBy: null,
  note: null,
  createdAt: new Date().toISOString(),
  signedOutAt: null,
  hours: null,
  hoursStatus: null,
  flags: [],
  review: null,
  reviewNote: null,
  closedBy: null,
  closeNote: null,
  ...overrides,
});
const session = (over: Partial<NonNullable<ActivityResponse['myCheckIn']>> = {}): NonNullable<ActivityResponse['myCheckIn']> => ({
  id: 91,
  status: 'accepted',
  createdAt: new Date(Date.now() - 50 * 60_000).toISOString(),
  signedOutAt: null,
  hours: null,
  hoursStatus: 'pending',
  ...over,
});
const volunteer = (over: Partial<ActivityResponse> = {}) =>
  activityFactory({ type: 'volunteer', countsHours: true, signOutClosesAt: new Date(Date.now() + HOUR + 30 * 60_000).toISOString(), myCheckIn: session(), ...over });

describe('ActivityPage (check-in)', () => {
  beforeAll(() => {
    configureHttp({ retryDelaysMs: [0, 0] });
    Object.defineProperty(navigator, 'geolocation', { value: { getCurrentPosition }, configurable: true });
  });
  beforeEach(() => {
    act(() => saveLogin(loginFactory()));
    Taro.setStorageSync('xjy.privacyConsent', PRIVACY_GUIDE_VERSION);
    Taro.routerParams.current = { id: '7' };
    getCurrentPosition.mockReset();
    getCurrentPosition.mockImplementation((ok) => ok({ coords: { latitude: 38.3422, longitude: 114.6778, accuracy: 18 } }));
  });

  it('sends the typed code with the GCJ-02 position and its accuracy, and shows success', async () => {
    serve((url, method) => {
      if (url === '/api/activities/7' && method === 'GET') return ok(activityFactory());
      if (url === '/api/activities/7/check-ins') return ok(checkInFactory(), 201);
      return fail(404, 'not_found', '');
    });
    render(<ActivityPage />);
    await screen.findByTestId('check-in-code');
    typeInto('check-in-code', ' 7.123.abc ');
    fireEvent.click(screen.getByTestId('check-in-submit'));
    await screen.findByTestId('check-in-done');
    const [call] = callsTo('/api/activities/7/check-ins', 'POST');
    const body = call.data as { token: string; lat: number; lng: number; accuracyM: number };
    expect(body.token).toBe('7.123.abc');
    expect(body.accuracyM).toBe(18);
    // Browsers give WGS-84: the app converts before sending (the offset here is a few hundred metres).
    expect(body.lat).not.toBe(38.3422);
    expect(Math.abs(body.lat - 38.3422)).toBeLessThan(0.01);
  });

  it('explains a refusal in words, with the distance when outside the fence', async () => {
    serve((url) =>
      url === '/api/activities/7' ? ok(activityFactory()) : fail(422, 'outside_fence', '不在活动地点范围内', { checkInId: 5, distanceM: 1234, radiusM: 300 }),
    );
    render(<ActivityPage />);
    await screen.findByTestId('check-in-code');
    typeInto('check-in-code', '7.1.x');
    fireEvent.click(screen.getByTestId('check-in-submit'));
    expect(await screen.findByTestId('check-in-refusal')).toHaveTextContent('不在活动地点范围内（距活动地点约 1234 米）');
  });

  it('says so when the location cannot be had, and sends nothing', async () => {
    getCurrentPosition.mockImplementation((_ok, failure) => failure({ code: 2, message: 'unavailable', PERMISSION_DENIED: 1 }));
    serve((url) => (url === '/api/activities/7' ? ok(activityFactory()) : fail(404, 'not_found', '')));
    render(<ActivityPage />);
    await screen.findByTestId('check-in-code');
    typeInto('check-in-code', '7.1.x');
    fireEvent.click(screen.getByTestId('check-in-submit'));
    expect(await screen.findByTestId('check-in-refusal')).toHaveTextContent('无法获取你的位置');
    expect(callsTo('/api/activities/7/check-ins')).toHaveLength(0);
  });

  it('shows who may not check in, and when check-in opens, instead of the form', async () => {
    serve(() => ok(activityFactory({ eligible: false })));
    const { unmount } = render(<ActivityPage />);
    expect(await screen.findByText('你不是该组织的成员')).toBeInTheDocument();
    unmount();
    const opens = new Date(Date.now() + 2 * HOUR).toISOString();
    serve(() => ok(activityFactory({ checkInOpensAt: opens, startsAt: opens })));
    render(<ActivityPage />);
    expect(await screen.findByText('未开始')).toBeInTheDocument();
    expect(screen.queryByTestId('check-in-code')).not.toBeInTheDocument();
  });

  it('shows an earlier check-in as done', async () => {
    serve(() => ok(activityFactory({ myCheckIn: session({ hoursStatus: null }) })));
    render(<ActivityPage />);
    await waitFor(() => expect(screen.getByTestId('check-in-done')).toHaveTextContent('签到成功'));
    // A meeting has no sign-out.
    expect(screen.queryByTestId('hours')).not.toBeInTheDocument();
  });

  it('says 输入 where nothing can scan when the typed code is wrong', async () => {
    serve((url) => (url === '/api/activities/7' ? ok(activityFactory()) : fail(422, 'qr_token_invalid', '签到码无效，请扫描现场大屏上的二维码', { checkInId: 5 })));
    render(<ActivityPage />);
    await screen.findByTestId('check-in-code');
    expect(screen.getByText('输入现场大屏二维码旁的 6 位签到码')).toBeInTheDocument();
    typeInto('check-in-code', '123456');
    fireEvent.click(screen.getByTestId('check-in-submit'));
    const refusal = await screen.findByTestId('check-in-refusal');
    expect(refusal).toHaveTextContent('请输入现场大屏上显示的 6 位签到码');
    expect(refusal).not.toHaveTextContent('扫描');
  });

  describe('volunteer hours', () => {
    it('signs out with the typed code, this install’s id and the position, then shows the hours', async () => {
      let signedOut = false;
      serve((url, method) => {
        if (url === '/api/activities/7' && method === 'GET')
          return ok(volunteer(signedOut ? { myCheckIn: session({ signedOutAt: new Date().toISOString(), hours: 0.83, hoursStatus: 'pending' }) } : {}));
        if (url === '/api/activities/7/check-outs') {
          signedOut = true;
          return ok(checkInFactory({ signedOutAt: new Date().toISOString(), hours: 0.83, hoursStatus: 'pending' }), 201);
        }
        return fail(404, 'not_found', '');
      });
      render(<ActivityPage />);
      await screen.findByTestId('check-out-code');
      typeInto('check-out-code', '654321');
      fireEvent.click(screen.getByTestId('check-out-submit'));
      expect(await screen.findByTestId('signed-out')).toHaveTextContent('时长 0.83 小时 · 待确认');
      const [call] = callsTo('/api/activities/7/check-outs', 'POST');
      expect(call.data).toMatchObject({ token: '654321', accuracyM: 18 });
      const header = (call.header ?? {}) as Record<string, string>;
      expect(header['x-client-id']).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
      // The same install id again next time.
      expect(Taro.getStorageSync('xjy.clientId')).toBe(header['x-client-id']);
    });

    it('explains a refused sign-out in words', async () => {
      serve((url) => (url === '/api/activities/7' ? ok(volunteer()) : fail(422, 'sign_out_window', '不在签退时间内（活动开始至结束后 30 分钟）')));
      render(<ActivityPage />);
      await screen.findByTestId('check-out-code');
      typeInto('check-out-code', '654321');
      fireEvent.click(screen.getByTestId('check-out-submit'));
      expect(await screen.findByTestId('check-out-refusal')).toHaveTextContent('不在签退时间内');
    });

    it('shows confirmed and below-threshold hours, and a closed sign-out', async () => {
      serve(() => ok(volunteer({ myCheckIn: session({ signedOutAt: new Date().toISOString(), hours: 0.5, hoursStatus: 'below_threshold' }) })));
      const { unmount } = render(<ActivityPage />);
      expect(await screen.findByTestId('signed-out')).toHaveTextContent('未达时长要求');
      expect(screen.getByText('服务时长不足活动时长的 60%，本次不计时长')).toBeInTheDocument();
      unmount();
      serve(() => ok(volunteer({ signOutClosesAt: new Date(Date.now() - 60_000).toISOString() })));
      render(<ActivityPage />);
      expect(await screen.findByTestId('sign-out-closed')).toHaveTextContent('请联系工作人员补签退');
      expect(screen.queryByTestId('check-out-code')).not.toBeInTheDocument();
    });
  });
});
