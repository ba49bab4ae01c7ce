import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ReportSummaryResponse } from '@xjy/shared/report';
import Button from '../../../../components/button';
import StateView from '../../../../components/state-view';
import { useAuth } from '../../../../hooks/use-auth';
import { useRequest } from '../../../../hooks/use-request';
import { useReshow } from '../../../../hooks/use-reshow';
import { departmentCases, type DepartmentCaseStatus } from '../../../../services/closed-loop';
import { errorMessage } from '../../../../services/http';
import ReportRow from '../../../../components/report-row';
import { ROUTES } from '../../../../utils/routes';
import { formatWhen } from '../../../../utils/time';
import DeptOnly from '../../components/dept-only';
import './index.scss';

const TABS: Array<{ status: DepartmentCaseStatus; label: string; empty: string }> = [
  { status: 'dispatched', label: '待签收', empty: '没有待签收的案件' },
  { status: 'handling', label: '处置中', empty: '没有正在处置的案件' },
  { status: 'verifying', label: '待核查', empty: '没有等待核查的案件' },
];

type CaseItem = ReportSummaryResponse;

function CaseList() {
  const { user } = useAuth();
  const [status, setStatus] = useState<DepartmentCaseStatus>('dispatched');
  const page = useRequest(() => departmentCases(status), status);
  const [more, setMore] = useState<{ status: string; items: CaseItem[]; cursor: string | null } | null>(null);
  useReshow(() => {
    setMore(null);
    void page.reload();
  });
  const extra = more?.status === status ? more : null;
  const items: CaseItem[] = [...(page.data?.items ?? []), ...(extra?.items ?? [])];
  const cursor = extra ? extra.cursor : (page.data?.nextCursor ?? null);
  const tab = TABS.find((t) => t.status === status)!;
  const loadMore = async () => {
    if (!cursor) return;
    try {
      const next = await departmentCases(status, cursor);
      setMore({ status, items: [...(extra?.items ?? []), ...next.items], cursor: next.nextCursor });
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };

  return (
    <View className='page dept-cases' data-testid='dept-cases'>
      <View className='dept-cases__hello'>
        <Text className='dept-cases__name'>{user?.nickname}，你好</Text>
        <Text className='muted' data-testid='dept-name'>
          {page.data?.department ? `${page.data.department.name} · ` : ''}派给本部门的案件，请在时限内签收、处置并反馈
        </Text>
      </View>
      <View className='dept-cases__tabs'>
        {TABS.map((t) => (
          <Text key={t.status} className={`chip dept-cases__tab ${status === t.status ? 'chip--on' : ''}`} onClick={() => setStatus(t.status)} data-testid={`dept-tab-${t.status}`}>
            {t.label}
          </Text>
        ))}
      </View>
      {page.loading && !page.data ? <StateView kind='loading' title='正在加载…' /> : null}
      {page.error ? <StateView kind='error' title='没有加载出来' description={page.error.message} actionText='重试' onAction={() => void page.reload()} /> : null}
      {page.data && !page.error && items.length === 0 ? <StateView kind='empty' title={tab.empty} description='新的派单会出现在这里。' /> : null}
      {!page.error
        ? items.map((r) => {
            const due = r.stageDeadlineAt;
            return (
              <ReportRow
                key={r.id}
                report={r}
                block='dept-cases'
                url={`${ROUTES.deptCase}?id=${r.id}`}
                testId='dept-case-item'
                aside={
                  <View>
                    {r.overdue ? <Text className='dept-cases__badge'>已超时</Text> : null}
                    {r.escalationLevel > 0 ? <Text className='dept-cases__badge'>督办</Text> : null}
                  </View>
                }
              >
                <Text className='muted'>
                  {r.areaName}
                  {due ? ` · 时限 ${formatWhen(due)}` : ''}
                </Text>
              </ReportRow>
            );
          })
        : null}
      {cursor && !page.error ? (
        <Button className='btn btn--plain' onClick={() => void loadMore()}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}

export default function DeptCasesPage() {
  return (
    <DeptOnly>
      <CaseList />
    </DeptOnly>
  );
}
