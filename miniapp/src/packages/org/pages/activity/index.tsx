import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import Button from '../../../../components/button';
import { ACTIVITY_TYPE_LABELS } from '@xjy/shared/activity';
import PrivacyPopup from '../../../../components/privacy-popup';
import StateView from '../../../../components/state-view';
import { useRequireLogin } from '../../../../hooks/use-auth';
import { useCheckIn } from '../../../../hooks/use-check-in';
import { usePageId } from '../../../../hooks/use-page-id';
import { useRequest } from '../../../../hooks/use-request';
import { getActivity } from '../../../../services/activities';
import { canScan, scanCheckInCode } from '../../../../utils/scan';
import { activityPhase, formatTime, formatWhen, PHASE_LABELS } from '../../../../utils/time';
import './index.scss';

/** Activity detail and check-in: scan the code on the staff screen (or type it), the app adds where you are. */
export default function ActivityPage() {
  const auth = useRequireLogin();
  const id = usePageId();
  const activity = useRequest(() => getActivity(id!), `activity-${id}`, auth.isLoggedIn && id !== null);
  const { state, submit, reset } = useCheckIn(id ?? 0);
  const [code, setCode] = useState('');
  const [manual, setManual] = useState(!canScan);

  if (id === null) return <StateView kind='error' title='活动链接不完整' description='请从活动列表进入。' />;
  if (activity.loading && !activity.data) return <StateView kind='loading' title='正在加载活动…' />;
  if (activity.error || !activity.data) {
    return <StateView kind='error' title='活动没有加载出来' description={activity.error?.message} actionText='重试' onAction={() => void activity.reload()} />;
  }
  const a = activity.data;
  const phase = activityPhase(a);
  const done = state.status === 'done' ? state.checkIn : a.myCheckIn;
  const busy = state.status === 'locating' || state.status === 'sending';

  const scan = async () => {
    const scanned = await scanCheckInCode();
    if (scanned) {
      await submit(scanned);
      void activity.reload();
    }
  };
  const send = async () => {
    await submit(code);
    void activity.reload();
  };

  return (
    <View className='page activity' data-testid='activity-page'>
      <View className='card'>
        <Text className='activity__type'>{ACTIVITY_TYPE_LABELS[a.type]}</Text>
        <Text className='activity__title'>{a.title}</Text>
        <View className='row'>
          <Text className='row__label'>时间</Text>
          <Text className='row__value'>
            {formatWhen(a.startsAt)} – {formatTime(a.endsAt)}
          </Text>
        </View>
        <View className='row'>
          <Text className='row__label'>组织</Text>
          <Text className='row__value'>{a.organization.name}</Text>
        </View>
        {a.address ? (
          <View className='row'>
            <Text className='row__label'>地点</Text>
            <Text className='row__value'>{a.address}</Text>
          </View>
        ) : null}
        <View className='row'>
          <Text className='row__label'>签到</Text>
          <Text className='row__value'>
            开始前 30 分钟开放，需在现场 {a.radiusM} 米内 · 已签到 {a.checkedInCount} 人{a.capacity ? ` / 限 ${a.capacity} 人` : ''}
          </Text>
        </View>
        {a.type === 'volunteer' && a.points > 0 ? <Text className='activity__points'>参加可得 {a.points} 积分</Text> : null}
      </View>

      {done ? (
        <View className='card activity__done' data-testid='check-in-done'>
          <Text className='activity__done-title'>{done.status === 'approved' ? '已由工作人员确认签到' : '签到成功'}</Text>
          <Text className='muted'>{formatWhen(done.createdAt)}</Text>
        </View>
      ) : !a.eligible ? (
        <StateView kind='empty' title='你不是该组织的成员' description='在「我的组织」加入居住地或工作地组织，审核通过后即可签到。' />
      ) : phase !== 'open' ? (
        <StateView kind='empty' title={PHASE_LABELS[phase]} description={phase === 'upcoming' ? `签到将在 ${formatWhen(a.checkInOpensAt)} 开放` : '本场活动已不能签到'} />
      ) : (
        <View className='card activity__check-in'>
          {state.status === 'refused' || state.status === 'error' ? (
            <Text className='activity__refusal' data-testid='check-in-refusal'>
              {state.message}
            </Text>
          ) : null}
          {state.status === 'locating' ? <Text className='muted'>正在确认你的位置…</Text> : null}
          {state.status === 'sending' ? <Text className='muted'>正在签到…</Text> : null}
          {canScan ? (
            <Button className='btn btn--primary activity__scan' disabled={busy} onClick={() => void scan()} data-testid='scan-check-in'>
              扫码签到
            </Button>
          ) : null}
          {manual ? (
            <View className='activity__manual'>
              <Text className='muted'>输入现场大屏二维码下方的签到码</Text>
              <Input
                className='activity__code'
                value={code}
                placeholder='签到码'
                data-testid='check-in-code'
                onInput={(e) => {
                  setCode(e.detail.value);
                  if (state.status !== 'idle') reset();
                }}
              />
              <Button className='btn btn--primary' disabled={busy || !code.trim()} onClick={() => void send()} data-testid='check-in-submit'>
                签到
              </Button>
            </View>
          ) : (
            <Button className='btn btn--plain' onClick={() => setManual(true)}>
              扫不了？输入签到码
            </Button>
          )}
        </View>
      )}
      <PrivacyPopup />
    </View>
  );
}
