import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import Button from '../../../../components/button';
import Taro from '@tarojs/taro';
import { ACTIVITY_NOTE_MAX, MEMBERSHIP_ROLE_LABELS, type MembershipResponse } from '@xjy/shared/activity';
import { TRADE_LABELS } from '@xjy/shared/enums';
import StateView from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { errorMessage } from '../../../../services/http';
import { declineMembership, listMembershipsForReview, verifyMembership } from '../../../../services/organizations';
import { formatWhen } from '../../../../utils/time';
import { keyboardActivatable } from '../../components/focusable';
import StaffOnly from '../../components/staff-only';
import './index.scss';

function Review() {
  const list = useRequest(() => listMembershipsForReview({ status: 'pending' }), 'pending-memberships');
  const [declining, setDeclining] = useState<MembershipResponse | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<number | null>(null);

  const act = async (m: MembershipResponse, action: () => Promise<unknown>, done: string) => {
    setBusy(m.id);
    try {
      await action();
      void Taro.showToast({ title: done, icon: 'success' });
      setDeclining(null);
      setNote('');
      await list.reload();
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(null);
    }
  };

  if (list.loading && !list.data) return <StateView kind='loading' title='正在加载…' />;
  if (list.error) return <StateView kind='error' title='没有加载出来' description={list.error.message} actionText='重试' onAction={() => void list.reload()} />;
  if (!list.data?.items.length) return <StateView kind='empty' title='没有待审核的申请' description='成员申请加入辖区内的组织后会出现在这里。' />;

  return (
    <View className='page review' data-testid='membership-review'>
      {list.data.items.map((m) => (
        <View key={m.id} className='card review__item' data-testid={`membership-${m.id}`}>
          <Text className='review__name'>
            {m.member.nickname}
            {m.member.trade ? ` · ${TRADE_LABELS[m.member.trade]}` : ''}
          </Text>
          <Text className='muted'>
            申请加入 {m.organization.name}（{MEMBERSHIP_ROLE_LABELS[m.role]}）· {formatWhen(m.createdAt)}
          </Text>
          {m.member.phone ? <Text className='muted'>电话 {m.member.phone}</Text> : null}
          {declining?.id === m.id ? (
            <View className='review__decline'>
              <Textarea className='review__note' value={note} maxlength={ACTIVITY_NOTE_MAX} placeholder='不通过的原因（会告诉申请人）' onInput={(e) => setNote(e.detail.value)} />
              <View className='review__buttons'>
                <Button className='btn btn--secondary' onClick={() => setDeclining(null)} {...keyboardActivatable(() => setDeclining(null))}>
                  取消
                </Button>
                <Button
                  className='btn btn--primary'
                  disabled={!note.trim() || busy === m.id}
                  onClick={() => void act(m, () => declineMembership(m.id, note.trim()), '已退回')}
                  {...keyboardActivatable(() => note.trim() && busy !== m.id && void act(m, () => declineMembership(m.id, note.trim()), '已退回'))}
                >
                  确认不通过
                </Button>
              </View>
            </View>
          ) : (
            <View className='review__buttons'>
              <Button className='btn btn--secondary' disabled={busy === m.id} onClick={() => setDeclining(m)} {...keyboardActivatable(() => busy !== m.id && setDeclining(m))}>
                不通过
              </Button>
              <Button
                className='btn btn--primary'
                loading={busy === m.id}
                disabled={busy === m.id}
                onClick={() => void act(m, () => verifyMembership(m.id), '已认证')}
                {...keyboardActivatable(() => busy !== m.id && void act(m, () => verifyMembership(m.id), '已认证'))}
              >
                通过
              </Button>
            </View>
          )}
        </View>
      ))}
    </View>
  );
}

export default function MembershipReviewPage() {
  return (
    <StaffOnly>
      <Review />
    </StaffOnly>
  );
}
