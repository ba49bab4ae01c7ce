import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import type { Closure } from '@xjy/shared/opening-hours';
import type { StationDetailResponse } from '@xjy/shared/station';
import { chinaDateKey, formatChinaClock, formatChinaDateTime } from '@xjy/shared/china-time';
import { useRequest } from '../../../../hooks/use-request';
import { errorMessage } from '../../../../services/http';
import { managedStations, updateStation } from '../../../../services/stations';
import { AdminMessageLine, AdminPage, ListStates, type AdminMessage } from '../../components/admin-console';
import AdminOnly from '../../components/admin-only';
import ConsoleButton from '../../components/console-button';
import DataTable from '../../components/data-table';
import type { DataColumn } from '../../components/data-table/types';
import DateTimeField from '../../components/date-field';
import Field from '../../components/field';
import { CLOSURE_REASON_MAX, closureFromDraft, type ClosureDraft } from './closure-rules';
import './index.scss';

const STATION_COLUMNS: Array<DataColumn<StationDetailResponse>> = [
  { key: 'name', title: '驿站', render: (s) => s.name, sortValue: (s) => s.name },
  { key: 'area', title: '区域', render: (s) => s.areaName, sortValue: (s) => s.areaName },
  { key: 'closures', title: '临时闭站', render: (s) => (s.closures.length ? `${s.closures.length} 段` : '无'), sortValue: (s) => s.closures.length, nowrap: true },
];

function freshDraft(): ClosureDraft {
  const now = Date.now();
  return { fromDate: chinaDateKey(now), fromTime: '09:00', toDate: chinaDateKey(now + 86_400_000), toTime: '09:00', reason: '' };
}

function ClosureEditor({ station, onSaved }: { station: StationDetailResponse; onSaved: (s: StationDetailResponse) => void }) {
  const [closures, setClosures] = useState<Closure[]>(station.closures);
  const [draft, setDraft] = useState<ClosureDraft>(freshDraft);
  const [message, setMessage] = useState<AdminMessage | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (next: Closure[], done: string) => {
    setBusy(true);
    setMessage(null);
    try {
      const saved = await updateStation(station.id, { closures: next });
      setClosures(saved.closures);
      setMessage({ ok: true, text: done });
      onSaved(saved);
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  const add = () => {
    const made = closureFromDraft(draft, closures);
    if ('error' in made) {
      setMessage({ ok: false, text: made.error });
      return;
    }
    void save([...closures, made.closure], '已添加临时闭站').then(() => setDraft(freshDraft()));
  };

  return (
    <View className='console__section' data-testid='closure-editor'>
      <Text className='console__section-title'>{station.name} 的临时闭站</Text>
      <AdminMessageLine message={message} />
      {closures.length ? (
        closures.map((c, i) => (
          <View key={`${c.from}-${i}`} className='console__form'>
            <Text>
              {formatChinaDateTime(Date.parse(c.from))} 至 {formatChinaDateTime(Date.parse(c.to))}
              {c.reason ? `（${c.reason}）` : ''}
              {Date.parse(c.to) < Date.now() ? ' · 已结束' : ''}
            </Text>
            <ConsoleButton kind='plain' disabled={busy} onClick={() => void save(closures.filter((_, j) => j !== i), '已删除这段临时闭站')}>
              删除
            </ConsoleButton>
          </View>
        ))
      ) : (
        <Text className='console__muted'>没有临时闭站：按每周开放时间营业。</Text>
      )}
      <View className='console__form'>
        <Field label='开始日期'>
          <DateTimeField mode='date' label='开始日期' value={draft.fromDate} onChange={(fromDate) => setDraft({ ...draft, fromDate })} testId='closure-from-date' />
        </Field>
        <Field label='开始时间'>
          <DateTimeField mode='time' label='开始时间' value={draft.fromTime} onChange={(fromTime) => setDraft({ ...draft, fromTime })} testId='closure-from-time' />
        </Field>
        <Field label='结束日期'>
          <DateTimeField mode='date' label='结束日期' value={draft.toDate} onChange={(toDate) => setDraft({ ...draft, toDate })} testId='closure-to-date' />
        </Field>
        <Field label='结束时间'>
          <DateTimeField mode='time' label='结束时间' value={draft.toTime} onChange={(toTime) => setDraft({ ...draft, toTime })} testId='closure-to-time' />
        </Field>
        <Field label='原因（选填）'>
          <Input className='console__input' value={draft.reason} maxlength={CLOSURE_REASON_MAX} placeholder='如 设备检修' onInput={(e) => setDraft({ ...draft, reason: e.detail.value })} data-testid='closure-reason' />
        </Field>
        <ConsoleButton disabled={busy} onClick={add} testId='add-closure'>
          添加闭站
        </ConsoleButton>
      </View>
      <Text className='console__muted'>时间均为北京时间；闭站期间驿站按未营业显示。现在是 {formatChinaClock(Date.now())}。</Text>
    </View>
  );
}

function Closures() {
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [offset, setOffset] = useState(0);
  const stations = useRequest(() => managedStations({ q: query || undefined, offset: offset || undefined }), `closure-stations-${query}-${offset}`);
  const search = () => {
    setQuery(q.trim());
    setOffset(0);
  };
  const [picked, setPicked] = useState<StationDetailResponse | null>(null);

  return (
    <AdminPage testId='admin-closures' title='驿站临时闭站'>
      <View className='console__filters'>
        <Field label='搜索驿站' wide>
          <Input className='console__input' value={q} placeholder='名称、编码或地址' onInput={(e) => setQ(e.detail.value)} onConfirm={search} data-testid='closure-search' />
        </Field>
        <ConsoleButton kind='secondary' onClick={search}>
          搜索
        </ConsoleButton>
      </View>
      {picked ? <ClosureEditor key={picked.id} station={picked} onSaved={(s) => { setPicked(s); void stations.reload(); }} /> : null}
      <ListStates list={stations} />
      {stations.data ? (
        <>
          <Text className='console__muted' data-testid='closure-station-count'>
            {stations.data.items.length
              ? `共 ${stations.data.total} 个驿站，这是第 ${offset + 1}–${offset + stations.data.items.length} 个；点选一行设置临时闭站。`
              : `共 ${stations.data.total} 个驿站。`}
          </Text>
          <DataTable caption='驿站' columns={STATION_COLUMNS} rows={stations.data.items} rowKey={(s) => s.id} initialSort={{ key: 'name', direction: 'asc' }} onOpen={setPicked} emptyText='没有找到驿站' testId='closure-stations' />
          <View className='console__actions'>
            {offset > 0 ? (
              <ConsoleButton kind='plain' onClick={() => setOffset(Math.max(0, offset - stations.data!.items.length))}>
                上一批驿站
              </ConsoleButton>
            ) : null}
            {offset + stations.data.items.length < stations.data.total ? (
              <ConsoleButton kind='plain' onClick={() => setOffset(offset + stations.data!.items.length)} testId='closure-next-batch'>
                下一批驿站
              </ConsoleButton>
            ) : null}
          </View>
        </>
      ) : null}
    </AdminPage>
  );
}

export default function AdminClosuresPage() {
  return (
    <AdminOnly>
      <Closures />
    </AdminOnly>
  );
}
