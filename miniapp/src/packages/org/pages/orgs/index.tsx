import { useMemo, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import Button from '../../../../components/button';
import Taro from '@tarojs/taro';
import { MEMBERSHIP_ROLE_LABELS, MEMBERSHIP_STATUS_LABELS, type MembershipResponse, type OrganizationResponse } from '@xjy/shared/activity';
import { MEMBERSHIP_ROLES, type MembershipRole } from '@xjy/shared/enums';
import StateView from '../../../../components/state-view';
import { useRequireLogin } from '../../../../hooks/use-auth';
import { useRequest } from '../../../../hooks/use-request';
import { listAreas } from '../../../../services/areas';
import { errorMessage } from '../../../../services/http';
import { listMyMemberships, listOrganizations, requestMembership } from '../../../../services/organizations';
import './index.scss';

const ROLE_HINTS: Record<MembershipRole, string> = { residence: '你居住的社区或网格', workplace: '你工作、跑单或直播所在的社区或网格' };

/** 一方隶属、双重组织生活: see both memberships, and ask to join (or move) either one. */
export default function MyOrganizationsPage() {
  const auth = useRequireLogin();
  const memberships = useRequest(listMyMemberships, 'memberships', auth.isLoggedIn);
  const cities = useRequest(() => listAreas(), 'cities', auth.isLoggedIn);
  const [choosing, setChoosing] = useState<MembershipRole | null>(null);
  const [cityId, setCityId] = useState<number | null>(null);
  const [query, setQuery] = useState('');
  const [sending, setSending] = useState(false);
  const orgs = useRequest(() => listOrganizations(cityId ?? undefined), `orgs-${cityId}`, choosing !== null && cityId !== null);

  const current = (role: MembershipRole): MembershipResponse | undefined =>
    memberships.data?.items.find((m) => m.role === role && (m.status === 'pending' || m.status === 'verified'));
  const history = (memberships.data?.items ?? []).filter((m) => m.status === 'ended' || m.status === 'declined');
  const filtered = useMemo(() => (orgs.data?.items ?? []).filter((o) => !query || o.name.includes(query) || o.areaName.includes(query)), [orgs.data, query]);

  const join = async (org: OrganizationResponse) => {
    if (!choosing) return;
    const existing = current(choosing);
    if (existing && existing.organization.id !== org.id) {
      const { confirm } = await Taro.showModal({ title: '转移组织关系', content: `将从「${existing.organization.name}」转到「${org.name}」，需要新组织审核。确定吗？` });
      if (!confirm) return;
    }
    setSending(true);
    try {
      await requestMembership({ organizationId: org.id, role: choosing });
      void Taro.showToast({ title: '已提交，等待审核', icon: 'success' });
      setChoosing(null);
      await memberships.reload();
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error), icon: 'none' });
    } finally {
      setSending(false);
    }
  };

  if (!auth.isLoggedIn) return <View className='page' />;
  if (memberships.loading) return <StateView kind='loading' title='正在加载…' />;
  if (memberships.error) return <StateView kind='error' title='没有加载出来' description={memberships.error.message} actionText='重试' onAction={() => void memberships.reload()} />;

  if (choosing) {
    return (
      <View className='page orgs' data-testid='org-picker'>
        <Text className='card__title'>选择{MEMBERSHIP_ROLE_LABELS[choosing]}组织</Text>
        <Text className='muted'>{ROLE_HINTS[choosing]}</Text>
        <View className='orgs__cities'>
          {(cities.data?.items ?? []).map((c) => (
            <Button key={c.id} className={`btn ${cityId === c.id ? 'btn--primary' : 'btn--secondary'} orgs__city`} onClick={() => setCityId(c.id)}>
              {c.name}
            </Button>
          ))}
        </View>
        {cityId ? <Input className='orgs__search' value={query} placeholder='搜索社区或网格名称' onInput={(e) => setQuery(e.detail.value)} /> : null}
        {cityId === null ? (
          <StateView kind='empty' title='先选择所在城市' />
        ) : orgs.loading ? (
          <StateView kind='loading' title='正在加载组织…' />
        ) : orgs.error ? (
          <StateView kind='error' title='组织没有加载出来' description={orgs.error.message} actionText='重试' onAction={() => void orgs.reload()} />
        ) : filtered.length === 0 ? (
          <StateView kind='empty' title='没有找到匹配的组织' />
        ) : (
          filtered.map((o) => (
            <View key={o.id} className='card orgs__option' onClick={sending ? undefined : () => void join(o)} data-testid={`org-option-${o.id}`}>
              <Text className='orgs__name'>{o.name}</Text>
              <Text className='muted'>
                {o.areaName} · {o.memberCount} 名成员
              </Text>
            </View>
          ))
        )}
        <Button className='btn btn--plain' onClick={() => setChoosing(null)}>
          返回
        </Button>
      </View>
    );
  }

  return (
    <View className='page orgs' data-testid='my-orgs'>
      <Text className='muted orgs__intro'>新就业群体党员在居住地和工作地各有一个组织，两边的组织生活都可以参加，每次参加只计一次。</Text>
      {MEMBERSHIP_ROLES.map((role) => {
        const m = current(role);
        return (
          <View key={role} className='card orgs__slot' data-testid={`membership-${role}`}>
            <Text className='card__title'>{MEMBERSHIP_ROLE_LABELS[role]}组织</Text>
            {m ? (
              <>
                <Text className='orgs__name'>{m.organization.name}</Text>
                <Text className={`orgs__status orgs__status--${m.status}`}>{MEMBERSHIP_STATUS_LABELS[m.status]}</Text>
              </>
            ) : (
              <Text className='muted'>还没有加入{MEMBERSHIP_ROLE_LABELS[role]}组织</Text>
            )}
            <Button className='btn btn--secondary orgs__action' onClick={() => setChoosing(role)}>
              {m ? '转移到其他组织' : '申请加入'}
            </Button>
          </View>
        );
      })}
      {history.length ? (
        <View className='card'>
          <Text className='card__title'>历史记录</Text>
          {history.map((m) => (
            <View key={m.id} className='row'>
              <Text className='row__label'>
                {MEMBERSHIP_ROLE_LABELS[m.role]} · {m.organization.name}
              </Text>
              <Text className='row__value'>
                {MEMBERSHIP_STATUS_LABELS[m.status]}
                {m.note ? `：${m.note}` : ''}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
