import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import Button from '../../../../components/button';
import { ACTIVITY_TYPE_LABELS, CHECK_IN_FLAG_LABELS, HOURS_STATUS_LABELS, type ActivityResponse, type CheckInResponse } from '@xjy/shared/activity';
import PrivacyPopup from '../../../../components/privacy-popup';
import StateView from '../../../../components/state-view';
import { useRequireLogin } from '../../../../hooks/use-auth';
import { useCheckIn } from '../../../../hooks/use-check-in';
import { usePageId } from '../../../../hooks/use-page-id';
import { useRequest } from '../../../../hooks/use-request';
import { getActivity } from '../../../../services/activities';
import { canScan, scanCheckInCode, typesCode } from '../../../../utils/scan';
import { activityPhase, formatTime, formatWhen, PHASE_LABELS } from '../../../../utils/time';
import './index.scss';

type Session = Pick<CheckInResponse, 'id' | 'status' | 'createdAt' | 'signedOutAt' | 'hours' | 'hoursStatus'> & Partial<Pick<CheckInResponse, 'flags' | 'review'>>;

/** The code: scanned where the app can scan, else typed (the 6 digits under the QR). */
function CodeEntry({ verb, busy, onSubmit, onEdit }: { verb: '签到' | '签退'; busy: boolean; onSubmit: (code: string) => Promise<void>; onEdit: () => void }) {
  const [code, setCode] = useState('');
  const [manual, setManual] = useState(typesCode || !canScan);
  const scan = async () => {
    const scanned = await scanCheckInCode();
    if (scanned) await onSubmit(scanned);
  };
  return (
    <>
      {canScan ? (
        <Button className='btn btn--primary activity__scan' disabled={busy} onClick={() => void scan()} data-testid={verb === '签到' ? 'scan-check-in' : 'scan-check-out'}>
          扫码{verb}
        </Button>
      ) : null}
      {manual ? (
        <View className='activity__manual'>
          <Text className='muted'>输入现场大屏二维码旁的 6 位{verb}码</Text>
          <Input
            className='activity__code'
            value={code}
            placeholder={`6 位${verb}码`}
            aria-label={`${verb}码`}
            data-testid={verb === '签到' ? 'check-in-code' : 'check-out-code'}
            onInput={(e) => {
              setCode(e.detail.value);
              onEdit();
            }}
          />
          <Button className='btn btn--primary' disabled={busy || !code.trim()} onClick={() => void onSubmit(code)} data-testid={verb === '签到' ? 'check-in-submit' : 'check-out-submit'}>
            {verb}
          </Button>
        </View>
      ) : (
        <Button className='btn btn--plain' onClick={() => setManual(true)}>
          扫不了？输入{verb}码
        </Button>
      )}
    </>
  );
}

/** Volunteer and training: sign-out after the start, the hours and their status, and 待核实 with its reasons. */
function Hours({ activity: a, session, onChange }: { activity: ActivityResponse; session: Session; onChange: () => void }) {
  const { state, submit, reset } = useCheckIn(a.id, 'out');
  const out = state.status === 'done' ? state.checkIn : session;
  const busy = state.status === 'locating' || state.status === 'sending';
  const now = Date.now();
  const send = async (code: string) => {
    await submit(code);
    onChange();
  };
  return (
    <View className='card activity__hours' data-testid='hours'>
      {session.review === 'pending' ? (
        <Text className='activity__review' data-testid='review-pending'>
          待核实：{(session.flags ?? []).map((f) => CHECK_IN_FLAG_LABELS[f]).join('；')}。工作人员核实后计入。
        </Text>
      ) : null}
      {out.signedOutAt ? (
        <View data-testid='signed-out'>
          <Text className='activity__done-title'>已签退</Text>
          <Text className='muted'>
            {formatWhen(out.signedOutAt)} · 时长 {out.hours ?? 0} 小时 · {out.hoursStatus ? HOURS_STATUS_LABELS[out.hoursStatus] : ''}
          </Text>
          {out.hoursStatus === 'below_threshold' ? <Text className='muted'>服务时长不足活动时长的 {a.hoursThresholdPct}%，本次不计时长</Text> : null}
        </View>
      ) : now < Date.parse(a.startsAt) ? (
        <Text className='muted'>活动开始后可签退</Text>
      ) : a.signOutClosesAt && now > Date.parse(a.signOutClosesAt) ? (
        <Text className='muted' data-testid='sign-out-closed'>
          签退已截止，请联系工作人员补签退
        </Text>
      ) : (
        <View className='activity__check-in'>
          <Text className='muted'>离开时签退，时长按签到至签退计算，需达到活动时长的 {a.hoursThresholdPct}%</Text>
          {state.status === 'refused' || state.status === 'error' ? (
            <Text className='activity__refusal' data-testid='check-out-refusal'>
              {state.message}
            </Text>
          ) : null}
          {state.status === 'locating' ? <Text className='muted'>正在确认你的位置…</Text> : null}
          {state.status === 'sending' ? <Text className='muted'>正在签退…</Text> : null}
          <CodeEntry verb='签退' busy={busy} onSubmit={send} onEdit={() => state.status !== 'idle' && reset()} />
        </View>
      )}
    </View>
  );
}

/** Activity detail and check-in: scan the code on the staff screen (or type it), the app adds where you are. */
export default function ActivityPage() {
  const auth = useRequireLogin();
  const id = usePageId();
  const activity = useRequest(() => getActivity(id!), `activity-${id}`, auth.isLoggedIn && id !== null);
  const { state, submit, reset } = useCheckIn(id ?? 0);

  if (id === null) return <StateView kind='error' title='活动链接不完整' description='请从活动列表进入。' />;
  if (activity.loading && !activity.data) return <StateView kind='loading' title='正在加载活动…' />;
  if (activity.error || !activity.data) {
    return <StateView kind='error' title='活动没有加载出来' description={activity.error?.message} actionText='重试' onAction={() => void activity.reload()} />;
  }
  const a = activity.data;
  const phase = activityPhase(a);
  const done: Session | null = a.myCheckIn ?? (state.status === 'done' ? state.checkIn : null);
  const busy = state.status === 'locating' || state.status === 'sending';
  const attended = done && (done.status === 'accepted' || done.status === 'approved');

  const send = async (code: string) => {
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
        <>
          <View className='card activity__done' data-testid='check-in-done'>
            <Text className='activity__done-title'>{done.status === 'approved' ? '已由工作人员确认签到' : done.status === 'rejected' ? '签到经核实未通过' : '签到成功'}</Text>
            <Text className='muted'>{formatWhen(done.createdAt)}</Text>
          </View>
          {attended && a.countsHours ? <Hours activity={a} session={{ ...done, ...(state.status === 'done' ? state.checkIn : {}) }} onChange={() => void activity.reload()} /> : null}
        </>
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
          <CodeEntry verb='签到' busy={busy} onSubmit={send} onEdit={() => state.status !== 'idle' && reset()} />
        </View>
      )}
      <PrivacyPopup />
    </View>
  );
}
