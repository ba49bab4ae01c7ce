import { Input, Text, View } from '@tarojs/components';
import Button from '../../../../components/button';
import Taro, { useDidShow } from '@tarojs/taro';
import { STATION_KIND_LABELS } from '@xjy/shared/enums';
import { STATION_STATUS_LABELS, type StationDetailResponse } from '@xjy/shared/station';
import { useState } from 'react';
import StateView from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { downloadWithSession } from '../../../../services/download';
import { errorMessage } from '../../../../services/http';
import { managedStations, setStationStatus, verifyStation } from '../../../../services/stations';
import { agoText } from '../../../../utils/station-links';
import { ROUTES } from '../../../../utils/routes';
import { openingText } from '../../../../utils/station-format';
import StaffOnly from '../../components/staff-only';
import './index.scss';

const LINKS = [
  { title: '新增驿站', url: ROUTES.staffStationEdit, testId: 'station-new' },
  { title: '批量导入', url: ROUTES.staffStationImport, testId: 'station-import-link' },
  { title: '反馈处理', url: ROUTES.staffStationFeedback, testId: 'station-feedback-link' },
  { title: '覆盖分析', url: ROUTES.staffStationCoverage, testId: 'station-coverage-link' },
];

/** The server's page size for the managed list. */
const PAGE = 20;

type Tab = 'all' | 'pending';

function StationsAdmin() {
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [tab, setTab] = useState<Tab>('all');
  const [page, setPage] = useState(0);
  const list = useRequest(
    () => managedStations({ q: search || undefined, offset: page * PAGE || undefined, needsConfirmation: tab === 'pending' ? 'true' : undefined }),
    `managed-${tab}-${search}-${page}`,
  );
  const [busy, setBusy] = useState<number | null>(null);
  useDidShow(() => void list.reload());
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const runSearch = () => {
    setSearch(q.trim());
    setPage(0);
  };
  const switchTab = (t: Tab) => {
    setTab(t);
    setPage(0);
  };

  const verify = async (s: StationDetailResponse) => {
    setBusy(s.id);
    try {
      await verifyStation(s.id);
      void Taro.showToast({ title: `已确认「${s.name}」信息无误`, icon: 'none' });
      await list.reload();
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(null);
    }
  };

  const toggle = async (s: StationDetailResponse) => {
    if (s.status === 'active') {
      // Suspending hides the station from every rider at once: say which one, and ask.
      const answer = await Taro.showModal({ title: '暂停驿站', content: `确定暂停「${s.name}」吗？暂停后骑手在地图和附近列表中都看不到它，可随时恢复。`, confirmText: '暂停', cancelText: '取消' });
      if (!answer.confirm) return;
    }
    setBusy(s.id);
    try {
      await setStationStatus(s.id, s.status === 'active' ? 'suspended' : 'active');
      await list.reload();
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(null);
    }
  };

  const exportAll = async () => {
    try {
      await downloadWithSession('/api/stations/export.xlsx', `驿站台账-${new Date().toISOString().slice(0, 10)}.xlsx`);
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };

  return (
    <View className='page staff-stations' data-testid='staff-stations'>
      <View className='staff-stations__links'>
        {LINKS.map((l) => (
          <Button key={l.url} className='btn btn--secondary' data-testid={l.testId} onClick={() => void Taro.navigateTo({ url: l.url })}>
            {l.title}
          </Button>
        ))}
        <Button className='btn btn--secondary' data-testid='station-export' onClick={() => void exportAll()}>
          导出 Excel
        </Button>
      </View>
      <View className='card staff-stations__search'>
        <Input
          className='staff-stations__input'
          placeholder='按名称、编码或地址搜索'
          aria-label='搜索驿站'
          value={q}
          onInput={(e) => setQ(e.detail.value)}
          onConfirm={runSearch}
          data-testid='station-search'
        />
        <Button className='btn btn--primary staff-stations__search-btn' onClick={runSearch} data-testid='station-search-submit'>
          搜索
        </Button>
      </View>
      <View className='staff-stations__tabs'>
        {(['all', 'pending'] as const).map((t) => (
          <Text
            key={t}
            aria-pressed={tab === t}
            className={`staff-stations__tab ${tab === t ? 'staff-stations__tab--on' : ''}`}
            data-testid={`station-tab-${t}`}
            onClick={() => switchTab(t)}
          >
            {t === 'all' ? '全部驿站' : '待确认（30 天未确认）'}
          </Text>
        ))}
      </View>
      {list.loading && !list.data ? (
        <StateView kind='loading' title='正在加载…' />
      ) : list.error ? (
        <StateView kind='error' title='没能加载驿站' description={list.error.message} actionText='重试' onAction={() => void list.reload()} />
      ) : !list.data?.items.length ? (
        tab === 'pending' ? (
          <StateView kind='empty' title='没有待确认的驿站' description='辖区内的驿站近 30 天都有骑手或工作人员确认过' />
        ) : search ? (
          <StateView kind='empty' title='没有找到匹配的驿站' description='换个名称、编码或地址再搜' />
        ) : (
          <StateView kind='empty' title='辖区内还没有驿站' description='新增一个，或用表格批量导入' />
        )
      ) : (
        <View className='card'>
          <Text className='muted' data-testid='station-count'>
            共 {total} 个{tab === 'pending' ? '待确认，最久未确认的在前' : '，最近更新的在前'} · 第 {list.data.items.length ? page * PAGE + 1 : 0}–{page * PAGE + list.data.items.length} 个
          </Text>
          {list.data.items.map((s) => (
            <View key={s.id} className='staff-stations__item' data-testid='managed-station'>
              <View className='staff-stations__item-text' onClick={() => void Taro.navigateTo({ url: `${ROUTES.staffStationEdit}?id=${s.id}` })}>
                <Text className='staff-stations__name'>{s.name}</Text>
                <Text className='muted'>
                  {STATION_KIND_LABELS[s.kind]} · {s.areaName} · {s.status === 'active' ? openingText(s.openNow, s.nextChange) : STATION_STATUS_LABELS[s.status]}
                </Text>
                {s.needsConfirmation && s.status === 'active' ? (
                  <Text className='staff-stations__pending' data-testid='managed-station-pending'>
                    待确认 · {s.lastConfirmedAt ? `上次确认 ${agoText(s.lastConfirmedAt)}` : '从未确认'}
                  </Text>
                ) : null}
              </View>
              {tab === 'pending' ? (
                <Button className='btn btn--secondary staff-stations__toggle' disabled={busy === s.id} onClick={() => void verify(s)} data-testid='station-verify'>
                  核实无误
                </Button>
              ) : (
                <Button className='btn btn--secondary staff-stations__toggle' disabled={busy === s.id} onClick={() => void toggle(s)} data-testid='station-toggle'>
                  {s.status === 'active' ? '暂停' : '恢复'}
                </Button>
              )}
            </View>
          ))}
          {pages > 1 ? (
            <View className='staff-stations__pager' data-testid='station-pager'>
              <Button className='btn btn--plain' disabled={page === 0} onClick={() => setPage((p) => p - 1)} data-testid='station-prev'>
                上一页
              </Button>
              <Text data-testid='station-page'>
                第 {page + 1} / {pages} 页
              </Text>
              <Button className='btn btn--plain' disabled={page + 1 >= pages} onClick={() => setPage((p) => p + 1)} data-testid='station-next'>
                下一页
              </Button>
            </View>
          ) : null}
        </View>
      )}
    </View>
  );
}

export default function StaffStationsPage() {
  return (
    <StaffOnly>
      <StationsAdmin />
    </StaffOnly>
  );
}
