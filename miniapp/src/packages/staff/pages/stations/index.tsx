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
import { managedStations, setStationStatus } from '../../../../services/stations';
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

function StationsAdmin() {
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const list = useRequest(() => managedStations({ q: search || undefined }), `managed-${search}`);
  const [busy, setBusy] = useState<number | null>(null);
  useDidShow(() => void list.reload());

  const toggle = async (s: StationDetailResponse) => {
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
        <Input className='staff-stations__input' placeholder='按名称、编码或地址搜索' value={q} onInput={(e) => setQ(e.detail.value)} onConfirm={() => setSearch(q.trim())} data-testid='station-search' />
        <Button className='btn btn--primary' onClick={() => setSearch(q.trim())}>
          搜索
        </Button>
      </View>
      {list.loading && !list.data ? (
        <StateView kind='loading' title='正在加载…' />
      ) : list.error ? (
        <StateView kind='error' title='没能加载驿站' description={list.error.message} actionText='重试' onAction={() => void list.reload()} />
      ) : !list.data?.items.length ? (
        <StateView kind='empty' title='辖区内还没有驿站' description='新增一个，或用表格批量导入' />
      ) : (
        <View className='card'>
          <Text className='muted'>共 {list.data.total} 个，显示最近更新的 {list.data.items.length} 个</Text>
          {list.data.items.map((s) => (
            <View key={s.id} className='staff-stations__item' data-testid='managed-station'>
              <View className='staff-stations__item-text' onClick={() => void Taro.navigateTo({ url: `${ROUTES.staffStationEdit}?id=${s.id}` })}>
                <Text className='staff-stations__name'>{s.name}</Text>
                <Text className='muted'>
                  {STATION_KIND_LABELS[s.kind]} · {s.areaName} · {s.status === 'active' ? openingText(s.openNow, s.nextChange) : STATION_STATUS_LABELS[s.status]}
                </Text>
              </View>
              <Button className='btn btn--secondary staff-stations__toggle' disabled={busy === s.id} onClick={() => void toggle(s)}>
                {s.status === 'active' ? '暂停' : '恢复'}
              </Button>
            </View>
          ))}
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
