import { useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import { MEMBERSHIP_ROLE_LABELS } from '@xjy/shared/activity';
import { TRADE_LABELS } from '@xjy/shared/enums';
import StateView from '../../../../components/state-view';
import { useAuth } from '../../../../hooks/use-auth';
import { useRequest } from '../../../../hooks/use-request';
import { listAbsentees, listOrganizations } from '../../../../services/organizations';
import Button from '../../../../components/button';
import StaffOnly from '../../components/staff-only';
import MeetingsView from './meetings-view';
import './index.scss';

/** Verified members of one organization who have attended no meeting this quarter, at either of their organizations. */
function Absentees() {
  const { user } = useAuth();
  const rootId = user?.role === 'admin' ? undefined : user?.scopes[0]?.id;
  const orgs = useRequest(() => listOrganizations(rootId), `orgs-${rootId}`);
  const [index, setIndex] = useState(0);
  const [tab, setTab] = useState<'absentees' | 'meetings'>('absentees');
  const org = orgs.data?.items[index];
  const list = useRequest(() => listAbsentees(org!.id), `absentees-${org?.id}`, Boolean(org));

  if (orgs.loading) return <StateView kind='loading' title='正在加载组织…' />;
  if (orgs.error) return <StateView kind='error' title='组织没有加载出来' description={orgs.error.message} actionText='重试' onAction={() => void orgs.reload()} />;
  if (!orgs.data?.items.length) return <StateView kind='empty' title='辖区内还没有组织' />;

  return (
    <View className='page absentees' data-testid='absentees'>
      <Picker mode='selector' range={orgs.data.items.map((o) => o.name)} value={index} onChange={(e) => setIndex(Number(e.detail.value))}>
        <View className='card absentees__picker'>
          {org?.name} · {org?.memberCount} 名成员 ›
        </View>
      </Picker>
      <View className='absentees__tabs'>
        <Button className={`btn ${tab === 'absentees' ? 'btn--primary' : 'btn--secondary'}`} onClick={() => setTab('absentees')} data-testid='tab-absentees'>
          未参加名单
        </Button>
        <Button className={`btn ${tab === 'meetings' ? 'btn--primary' : 'btn--secondary'}`} onClick={() => setTab('meetings')} data-testid='tab-meetings'>
          三会一课
        </Button>
      </View>
      {tab === 'meetings' && org ? (
        <MeetingsView organizationId={org.id} />
      ) : list.loading ? (
        <StateView kind='loading' title='正在统计…' />
      ) : list.error ? (
        <StateView kind='error' title='没有统计出来' description={list.error.message} actionText='重试' onAction={() => void list.reload()} />
      ) : !list.data?.items.length ? (
        <StateView kind='empty' title='本季度成员都参加过组织生活' description={list.data ? `${list.data.quarter}，在居住地或工作地参加一次即计入。` : undefined} />
      ) : (
        <View className='card'>
          <Text className='card__title'>
            {list.data.quarter} 未参加（{list.data.items.length} 人）
          </Text>
          {list.data.items.map((a) => (
            <View key={a.member.id} className='row'>
              <Text className='row__label'>
                {a.member.nickname}
                {a.member.trade ? ` · ${TRADE_LABELS[a.member.trade]}` : ''}
              </Text>
              <Text className='row__value'>
                {MEMBERSHIP_ROLE_LABELS[a.role]}
                {a.member.phone ? ` · ${a.member.phone}` : ''}
              </Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

export default function AbsenteesPage() {
  return (
    <StaffOnly>
      <Absentees />
    </StaffOnly>
  );
}
