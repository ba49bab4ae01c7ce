import { useState } from 'react';
import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ACTIVITY_NOTE_MAX, CHECK_IN_FLAG_LABELS, HOURS_STATUS_LABELS, type ActivityResponse, type CheckInResponse } from '@xjy/shared/activity';
import { chinaDateKey, chinaIso } from '@xjy/shared/china-time';
import Button from '../../../../components/button';
import { closeSession, confirmHours, reviewCheckIn } from '../../../../services/activities';
import { errorMessage } from '../../../../services/http';
import { formatTime } from '../../../../utils/time';

const toast = (title: string, ok = true) => void Taro.showToast({ title, icon: ok ? 'success' : 'none' });

/** After the end: one action confirms the hours (and volunteer points) of every signed-out session. */
export function ConfirmHours({ activity, onDone }: { activity: ActivityResponse; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<string | null>(null);
  const ended = Date.now() >= Date.parse(activity.endsAt);
  const run = async () => {
    setBusy(true);
    try {
      const r = await confirmHours(activity.id);
      setSummary(`本次确认 ${r.confirmed} 人，未达时长 ${r.belowThreshold} 人，未签退 ${r.openSessions} 人，待核实 ${r.awaitingReview} 人，发放积分 ${r.pointsAwarded}`);
      onDone();
    } catch (e) {
      toast(errorMessage(e), false);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='card attendance__confirm' data-testid='confirm-hours'>
      <Text className='card__title'>服务时长</Text>
      <Text className='muted'>
        {activity.hoursConfirmedAt ? `上次确认：${formatTime(activity.hoursConfirmedAt)}。补签退或核实后可再次确认。` : ended ? '活动已结束，确认后时长和志愿积分计入成员名下。' : '活动结束后可确认时长。'}
      </Text>
      {summary ? <Text data-testid='confirm-summary'>{summary}</Text> : null}
      <Button className='btn btn--primary' loading={busy} disabled={busy || !ended} onClick={() => void run()} data-testid='confirm-hours-button'>
        确认时长
      </Button>
    </View>
  );
}

/** A member who forgot to sign out: staff state when they left (China time, that day) and why; it is kept on the record. */
export function CloseSessionForm({ activity, session, onClose, onDone }: { activity: ActivityResponse; session: CheckInResponse; onClose: () => void; onDone: () => void }) {
  const [clock, setClock] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const valid = /^([01]\d|2[0-3]):[0-5]\d$/.test(clock.trim()) && note.trim().length > 0;
  const save = async () => {
    if (!valid) return;
    setBusy(true);
    setError(null);
    try {
      await closeSession(session.id, { signedOutAt: chinaIso(chinaDateKey(new Date(activity.endsAt)), clock.trim()), note: note.trim() });
      toast('已补签退');
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='card attendance__approve' data-testid='close-form'>
      <Text className='card__title'>为 {session.member.nickname} 补签退</Text>
      <Text className='muted'>签到 {formatTime(session.createdAt)}；填写核实的离开时间，不会按全程自动计算。</Text>
      <Input className='attendance__input' value={clock} placeholder='离开时间，如 21:00' aria-label='离开时间' data-testid='close-time' onInput={(e) => setClock(e.detail.value)} />
      <Textarea className='attendance__note' value={note} maxlength={ACTIVITY_NOTE_MAX} placeholder='说明（必填，留档备查），如：忘记签退，组织者核实在场至此' data-testid='close-note' onInput={(e) => setNote(e.detail.value)} />
      {error ? (
        <Text className='attendance__error' data-testid='close-error'>
          {error}
        </Text>
      ) : null}
      <View className='attendance__buttons'>
        <Button className='btn btn--secondary' onClick={onClose}>
          取消
        </Button>
        <Button className='btn btn--primary' loading={busy} disabled={busy || !valid} onClick={() => void save()} data-testid='close-submit'>
          补签退
        </Button>
      </View>
    </View>
  );
}

/** Check-ins flagged as possible proxies (待核实): accept or reject each with a note. */
export function ReviewList({ items, onDone }: { items: CheckInResponse[]; onDone: () => void }) {
  const [note, setNote] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState<number | null>(null);
  if (!items.length) return null;
  const decide = async (c: CheckInResponse, accept: boolean) => {
    const text = (note[c.id] ?? '').trim();
    if (!text) {
      toast('请填写核实说明', false);
      return;
    }
    setBusy(c.id);
    try {
      await reviewCheckIn(c.id, { accept, note: text });
      toast(accept ? '已核实通过' : '已标记未通过');
      onDone();
    } catch (e) {
      toast(errorMessage(e), false);
    } finally {
      setBusy(null);
    }
  };
  return (
    <View className='card' data-testid='review-list'>
      <Text className='card__title'>待核实（{items.length}）</Text>
      {items.map((c) => (
        <View key={c.id} className='attendance__review' data-testid='review-item'>
          <Text>
            {c.member.nickname}
            {c.activityTitle ? ` · ${c.activityTitle}` : ''} · {formatTime(c.createdAt)}
          </Text>
          <Text className='muted'>{c.flags.map((f) => CHECK_IN_FLAG_LABELS[f]).join('；')}</Text>
          <Input
            className='attendance__input'
            value={note[c.id] ?? ''}
            placeholder='核实说明（必填）'
            aria-label='核实说明'
            data-testid='review-note'
            onInput={(e) => setNote({ ...note, [c.id]: e.detail.value })}
          />
          <View className='attendance__buttons'>
            <Button className='btn btn--secondary' disabled={busy === c.id} onClick={() => void decide(c, false)} data-testid='review-reject'>
              不通过
            </Button>
            <Button className='btn btn--primary' disabled={busy === c.id} onClick={() => void decide(c, true)} data-testid='review-accept'>
              核实通过
            </Button>
          </View>
        </View>
      ))}
    </View>
  );
}

/** One attendee's hours, for the list. */
export const hoursText = (c: CheckInResponse): string =>
  c.hoursStatus === null ? '' : c.signedOutAt ? ` · 签退 ${formatTime(c.signedOutAt)} · ${c.hours ?? 0} 小时 ${HOURS_STATUS_LABELS[c.hoursStatus]}` : ' · 未签退';
