import { useCallback, useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { QrTokenResponse } from '@xjy/shared/activity';
import StateView from '../../../../components/state-view';
import { usePageId } from '../../../../hooks/use-page-id';
import { useRequest } from '../../../../hooks/use-request';
import { getActivity, getQrToken } from '../../../../services/activities';
import { errorMessage } from '../../../../services/http';
import QrCode from '../../components/qr-code';
import StaffOnly from '../../components/staff-only';
import './index.scss';

/** Refresh a little before the slot ends, so the code on screen is always current. */
const REFRESH_MARGIN_MS = 3000;
/** The count beside the code follows check-ins as they come in. */
const COUNT_REFRESH_MS = 5000;

function RotatingQr({ id }: { id: number }) {
  const activity = useRequest(() => getActivity(id), `activity-${id}`);
  const { reload } = activity;
  useEffect(() => {
    const poll = setInterval(() => void reload(), COUNT_REFRESH_MS);
    return () => clearInterval(poll);
  }, [reload]);
  const [qr, setQr] = useState<QrTokenResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const refresh = useCallback(async () => {
    try {
      const next = await getQrToken(id);
      setQr(next);
      setError(null);
      const wait = Math.max(1000, new Date(next.expiresAt).getTime() - Date.now() - REFRESH_MARGIN_MS);
      timer.current = setTimeout(() => void refresh(), wait);
    } catch (e) {
      setError(errorMessage(e));
      timer.current = setTimeout(() => void refresh(), 5000);
    }
  }, [id]);

  useEffect(() => {
    void Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined);
    void refresh();
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      if (timer.current) clearTimeout(timer.current);
      clearInterval(tick);
    };
  }, [refresh]);

  const remaining = qr ? Math.max(0, Math.ceil((new Date(qr.expiresAt).getTime() - now) / 1000)) : 0;
  return (
    <View className='qr-page' data-testid='qr-page'>
      <Text className='qr-page__title'>{activity.data?.title ?? '活动签到'}</Text>
      <Text className='qr-page__hint'>打开小程序「我的 › 组织活动」扫码，或在网页中输入下方 6 位签到码</Text>
      {qr ? (
        <View className='qr-page__code'>
          <QrCode text={qr.token} size={300} />
        </View>
      ) : error ? null : (
        <StateView kind='loading' title='正在生成签到码…' />
      )}
      {error ? <Text className='qr-page__error'>签到码刷新失败：{error}，正在重试</Text> : null}
      {qr ? (
        <>
          <Text className='qr-page__digits' data-testid='qr-code-digits' aria-label={`签到码 ${qr.code}`}>
            {qr.code.slice(0, 3)} {qr.code.slice(3)}
          </Text>
          <Text className='qr-page__countdown'>{remaining} 秒后自动刷新 · 截图转发无效</Text>
          <Text className='qr-page__token' data-testid='qr-token' data-token={qr.token} selectable>
            {qr.token}
          </Text>
        </>
      ) : null}
      {activity.data ? (
        <Text className='qr-page__count' data-testid='qr-count'>
          已签到 {activity.data.checkedInCount} 人
        </Text>
      ) : null}
    </View>
  );
}

export default function ActivityQrPage() {
  const id = usePageId();
  return <StaffOnly>{id ? <RotatingQr id={id} /> : <StateView kind='error' title='活动链接不完整' />}</StaffOnly>;
}
