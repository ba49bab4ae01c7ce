import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { ReconcileResponse } from '@xjy/shared/points';
import { formatChinaDateTime } from '@xjy/shared/china-time';
import { reconcilePoints } from '../../../../services/admin';
import { useSubmit } from '../../../../hooks/use-submit';
import { AdminPage } from '../../components/admin-console';
import AdminOnly from '../../components/admin-only';
import ConsoleButton from '../../components/console-button';
import DataTable from '../../components/data-table';
import type { DataColumn } from '../../components/data-table/types';
import './index.scss';

type Mismatch = ReconcileResponse['mismatches'][number];
const COLUMNS: Array<DataColumn<Mismatch>> = [
  { key: 'user', title: '用户编号', render: (m) => String(m.userId), sortValue: (m) => m.userId, nowrap: true },
  { key: 'balance', title: '账户余额', render: (m) => `${m.balance} 分`, sortValue: (m) => m.balance, nowrap: true },
  { key: 'ledger', title: '流水合计', render: (m) => `${m.ledgerSum} 分`, sortValue: (m) => m.ledgerSum, nowrap: true },
  { key: 'diff', title: '差额', render: (m) => `${m.balance - m.ledgerSum > 0 ? '+' : ''}${m.balance - m.ledgerSum} 分`, sortValue: (m) => Math.abs(m.balance - m.ledgerSum), nowrap: true },
];

function Reconcile() {
  const [result, setResult] = useState<{ at: number; data: ReconcileResponse } | null>(null);
  const { busy, error, submit } = useSubmit();

  const run = async () => {
    await submit(async () => setResult({ at: Date.now(), data: await reconcilePoints() }));
  };

  return (
    <AdminPage testId='admin-points' title='积分核对'>
      <View className='console__section'>
        <Text className='console__muted'>新市民积分只记流水、不改旧账：每个人的余额应等于其全部积分流水之和。核对只读取数据，不会修改任何积分。</Text>
        <View className='console__actions'>
          <ConsoleButton disabled={busy} onClick={() => void run()} testId='run-reconcile'>
            {busy ? '正在核对…' : '开始核对'}
          </ConsoleButton>
        </View>
        {error ? (
          <Text className='console__error' data-testid='admin-message'>
            {error}
          </Text>
        ) : null}
      </View>
      {result ? (
        <View className='console__section' data-testid='reconcile-result'>
          <Text className={result.data.mismatches.length ? 'console__error' : 'console__ok'}>
            {formatChinaDateTime(result.at)} 核对了 {result.data.checkedUsers} 个账户，
            {result.data.mismatches.length ? `发现 ${result.data.mismatches.length} 个余额与流水不一致` : '余额与流水全部一致'}
          </Text>
          {result.data.mismatches.length ? (
            <DataTable caption='不一致的账户' columns={COLUMNS} rows={result.data.mismatches} rowKey={(m) => m.userId} initialSort={{ key: 'diff', direction: 'desc' }} testId='mismatch-table' />
          ) : null}
        </View>
      ) : null}
    </AdminPage>
  );
}

export default function AdminPointsPage() {
  return (
    <AdminOnly>
      <Reconcile />
    </AdminOnly>
  );
}
