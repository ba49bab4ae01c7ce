import { useEffect, useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import Button from '../../../../components/button';
import Taro from '@tarojs/taro';
import { ACTIVITY_NOTE_MAX, CHECK_IN_REFUSAL_LABELS, type CheckInResponse } from '@xjy/shared/activity';
import StateView from '../../../../components/state-view';
import { usePageId } from '../../../../hooks/use-page-id';
import { useRequest } from '../../../../hooks/use-request';
import { approveCheckIn, getActivity, listCheckIns } from '../../../../services/activities';
import { errorMessage } from '../../../../services/http';
import { formatTime } from '../../../../utils/time';
import StaffOnly from '../../components/staff-only';
import { CloseSessionForm, ConfirmHours, hoursText, ReviewList } from './hours-panel';
import './index.scss';

const LIVE_REFRESH_MS = 5000;

function Attendance({ id }: { id: number }) {
  const activity = useRequest(() => getActivity(id), `activity-${id}`);
  const list = useRequest(() => listCheckIns(id), `check-ins-${id}`);
  const [approving, setApproving] = useState<CheckInResponse | null>(null);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [closing, setClosing] = useState<CheckInResponse | null>(null);

  const { reload } = list;
  // The list stays live while staff watch the door.
  useEffect(() => {
    const timer = setInterval(() => void reload(), LIVE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const items = list.data?.items ?? [];
  const attended = items.filter((c) => c.status === 'accepted' || c.status === 'approved');
  const flagged = items.filter((c) => c.review === 'pending');
  const a = activity.data;
  const refresh = () => {
    void list.reload();
    void activity.reload();
  };
  const attendedIds = new Set(attended.map((c) => c.member.id));
  // Only the latest refusal per member who has not attended yet is worth a decision.
  const refused = items.filter((c, i) => c.status === 'refused' && !attendedIds.has(c.member.id) && items.findIndex((x) => x.member.id === c.member.id) === i);

  const approve = async () => {
    if (!approving || !note.trim()) return;
    setSaving(true);
    try {
      await approveCheckIn(approving.id, note.trim());
      void Taro.showToast({ title: '已确认签到', icon: 'success' });
      setApproving(null);
      setNote('');
      await list.reload();
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setSaving(false);
    }
  };

  if (list.loading && !list.data) return <StateView kind='loading' title='正在加载签到名单…' />;
  if (list.error && !list.data) return <StateView kind='error' title='名单没有加载出来' description={list.error.message} actionText='重试' onAction={() => void list.reload()} />;

  return (
    <View className='page attendance' data-testid='attendance-page'>
      <View className='card attendance__summary'>
        <Text className='attendance__title'>{activity.data?.title}</Text>
        <Text className='attendance__count' data-testid='attendance-count'>
          已签到 {attended.length} 人
        </Text>
      </View>
      {a?.countsHours ? <ConfirmHours activity={a} onDone={refresh} /> : null}
      <ReviewList items={flagged} onDone={refresh} />
      {closing && a ? (
        <CloseSessionForm
          activity={a}
          session={closing}
          onClose={() => setClosing(null)}
          onDone={() => {
            setClosing(null);
            refresh();
          }}
        />
      ) : null}
      {approving ? (
        <View className='card attendance__approve'>
          <Text className='card__title'>手动确认 {approving.member.nickname} 的签到</Text>
          <Text className='muted'>原因：{approving.refusal ? CHECK_IN_REFUSAL_LABELS[approving.refusal] : ''}</Text>
          <Textarea className='attendance__note' value={note} maxlength={ACTIVITY_NOTE_MAX} placeholder='说明（必填，留档备查），如：现场核实本人参加' onInput={(e) => setNote(e.detail.value)} />
          <View className='attendance__buttons'>
            <Button className='btn btn--secondary' onClick={() => setApproving(null)}>
              取消
            </Button>
            <Button className='btn btn--primary' loading={saving} disabled={saving || !note.trim()} onClick={() => void approve()}>
              确认签到
            </Button>
          </View>
        </View>
      ) : null}
      {refused.length ? (
        <View className='card'>
          <Text className='card__title'>未通过的签到（{refused.length}）</Text>
          {refused.map((c) => (
            <View key={c.id} className='row attendance__row'>
              <View className='attendance__who'>
                <Text>{c.member.nickname}</Text>
                <Text className='muted'>
                  {c.refusal ? CHECK_IN_REFUSAL_LABELS[c.refusal] : ''}
                  {c.distanceM !== null && c.refusal === 'outside_fence' ? `（${c.distanceM} 米）` : ''} · {formatTime(c.createdAt)}
                </Text>
              </View>
              <Button className='btn btn--plain' onClick={() => setApproving(c)}>
                手动确认
              </Button>
            </View>
          ))}
        </View>
      ) : null}
      <View className='card'>
        <Text className='card__title'>已签到</Text>
        {attended.length === 0 ? (
          <Text className='muted'>还没有人签到</Text>
        ) : (
          attended.map((c) => (
            <View key={c.id} className='row attendance__row' data-testid='attendee'>
              <Text className='row__label'>{c.member.nickname}</Text>
              <Text className='row__value'>
                {formatTime(c.createdAt)}
                {c.status === 'approved' ? ` · ${c.approvedBy?.nickname ?? ''}确认` : ''}
                {hoursText(c)}
                {c.review === 'pending' ? ' · 待核实' : ''}
              </Text>
              {a?.countsHours && !c.signedOutAt ? (
                <Button className='btn btn--plain' onClick={() => setClosing(c)} data-testid='close-open'>
                  补签退
                </Button>
              ) : null}
            </View>
          ))
        )}
      </View>
    </View>
  );
}

export default function AttendancePage() {
  const id = usePageId();
  return <StaffOnly>{id ? <Attendance id={id} /> : <StateView kind='error' title='活动链接不完整' />}</StaffOnly>;
}
