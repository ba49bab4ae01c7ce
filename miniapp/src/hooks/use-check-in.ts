import { useCallback, useState } from 'react';
import { CHECK_IN_REFUSAL_LABELS, CHECK_IN_REFUSAL_LABELS_TYPED, CHECK_IN_REFUSALS, type CheckInRefusal, type CheckInResponse } from '@xjy/shared/activity';
import { checkIn, checkOut } from '../services/activities';
import { errorMessage, isApiError } from '../services/http';
import { getCurrentFix } from '../utils/location';
import { ensurePrivacyConsent } from '../utils/privacy';
import { typesCode } from '../utils/scan';

export type CheckInState =
  | { status: 'idle' }
  | { status: 'locating' }
  | { status: 'sending' }
  | { status: 'done'; checkIn: CheckInResponse }
  | { status: 'refused'; refusal: CheckInRefusal; message: string }
  | { status: 'error'; message: string };

const isRefusal = (code: string): code is CheckInRefusal => (CHECK_IN_REFUSALS as readonly string[]).includes(code);

/** The refusal in words a member understands; where nothing can scan, it says 输入 instead of 扫描. */
const refusalText = (code: CheckInRefusal) => (typesCode ? (CHECK_IN_REFUSAL_LABELS_TYPED[code] ?? CHECK_IN_REFUSAL_LABELS[code]) : CHECK_IN_REFUSAL_LABELS[code]);

/**
 * Scan → locate → send: each step says what it is doing, and each refusal says why in words a member understands.
 * `step` 'out' signs out of a volunteer or training activity with the same code and place rules.
 */
export function useCheckIn(activityId: number, step: 'in' | 'out' = 'in'): { state: CheckInState; submit: (token: string) => Promise<void>; reset: () => void } {
  const [state, setState] = useState<CheckInState>({ status: 'idle' });

  const submit = useCallback(
    async (token: string) => {
      const code = token.trim();
      if (!code) {
        setState({ status: 'error', message: typesCode ? '请输入签到码' : '请扫描或输入签到码' });
        return;
      }
      setState({ status: 'locating' });
      if (!(await ensurePrivacyConsent())) {
        setState({ status: 'error', message: `${step === 'in' ? '签到' : '签退'}需要确认你在活动现场，请先同意隐私保护指引` });
        return;
      }
      let fix;
      try {
        fix = await getCurrentFix();
      } catch {
        setState({ status: 'error', message: '无法获取你的位置，请打开定位后重试' });
        return;
      }
      setState({ status: 'sending' });
      try {
        const body = { token: code, lat: fix.lat, lng: fix.lng, accuracyM: fix.accuracyM };
        const result = await (step === 'in' ? checkIn(activityId, body) : checkOut(activityId, body));
        setState({ status: 'done', checkIn: result });
      } catch (error) {
        if (isApiError(error) && isRefusal(error.code)) {
          const distance = error.code === 'outside_fence' && typeof error.details?.distanceM === 'number' ? `（距活动地点约 ${error.details.distanceM} 米）` : '';
          setState({ status: 'refused', refusal: error.code, message: `${refusalText(error.code)}${distance}` });
          return;
        }
        setState({ status: 'error', message: errorMessage(error) });
      }
    },
    [activityId, step],
  );

  return { state, submit, reset: useCallback(() => setState({ status: 'idle' }), []) };
}
