import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { AreaResponse } from '@xjy/shared/area';
import type { LatLng, Ring } from '@xjy/shared/geo';
import { AREA_LEVELS, AREA_LEVEL_LABELS, type AreaLevel } from '@xjy/shared/enums';
import { AREA_CODE_MAX, AREA_NAME_MAX } from '@xjy/shared/limits';
import { useAuth } from '../../../../hooks/use-auth';
import { CITY_CENTRE } from '../../../../hooks/use-location';
import { useRequest } from '../../../../hooks/use-request';
import { createArea, deleteArea, updateArea } from '../../../../services/admin';
import { listAreas } from '../../../../services/areas';
import { AdminPage, EditorSection, ListStates, useAdminAction } from '../../components/admin-console';
import AdminOnly from '../../components/admin-only';
import ConsoleButton from '../../components/console-button';
import DataTable from '../../components/data-table';
import type { DataColumn } from '../../components/data-table/types';
import Field, { TextField } from '../../components/field';
import SearchSelect from '../../components/search-select';
import TextFile from '../../components/text-file';
import { useAreaOptions } from '../../hooks/use-area-options';
import BoundaryDraw from './boundary-draw';
import { parseBoundary, type CoordSystem } from './geojson';
import './index.scss';

const COORD_OPTIONS = [
  { value: 'wgs84' as const, label: 'WGS-84（GPS、多数 GIS 导出）' },
  { value: 'gcj02' as const, label: 'GCJ-02（高德、腾讯地图）' },
];
const GEOJSON_MAX_BYTES = 512 * 1024;

function childLevel(parent: AreaLevel | null): AreaLevel | null {
  if (!parent) return 'district';
  return AREA_LEVELS[AREA_LEVELS.indexOf(parent) + 1] ?? null;
}

const centreOf = (a: AreaResponse | null | undefined): LatLng | null => (a && a.centerLat !== null && a.centerLng !== null ? { lat: a.centerLat, lng: a.centerLng } : null);

interface BoundaryInputProps {
  text: string;
  coords: CoordSystem;
  onText: (t: string) => void;
  onCoords: (c: CoordSystem) => void;
  /** A ring drawn on the map: GeoJSON text in GCJ-02, set together with the coordinate system. */
  onDrawn: (t: string) => void;
  onError: (m: string) => void;
  /** Where the drawing map opens. */
  centre: LatLng;
}

/** Pasted or uploaded GeoJSON with its coordinate system, or a ring drawn on the map; reports what it read. */
function BoundaryInput({ text, coords, onText, onCoords, onDrawn, onError, centre }: BoundaryInputProps) {
  const parsed = text.trim() ? parseBoundary(text, coords) : null;
  return (
    <View className='console__field console__field--wide'>
      <Text className='console__label'>边界（在地图上画出，或粘贴、选择 GeoJSON 文件；不填则{'不改动'}）</Text>
      <Textarea className='console__textarea' value={text} maxlength={-1} placeholder='{"type":"Polygon","coordinates":[[[114.66,38.33],[114.68,38.33],[114.68,38.35],[114.66,38.35],[114.66,38.33]]]}' onInput={(e) => onText(e.detail.value)} data-testid='boundary-text' />
      <View className='console__form'>
        <TextFile accept='.geojson,.json,application/geo+json,application/json' label='选择 GeoJSON 文件' maxBytes={GEOJSON_MAX_BYTES} onText={(t) => onText(t)} onError={onError} />
        <SearchSelect label='坐标系' options={COORD_OPTIONS} value={coords} onChange={(c) => onCoords(c ?? 'wgs84')} />
      </View>
      {parsed ? (
        'error' in parsed ? (
          <Text className='console__error' data-testid='boundary-problem'>
            {parsed.error}
          </Text>
        ) : (
          <Text className='console__ok' data-testid='boundary-ok'>
            已读取边界：{parsed.ring.length} 个点
          </Text>
        )
      ) : null}
      <BoundaryDraw text={text} coords={coords} centre={centre} onDrawn={onDrawn} />
    </View>
  );
}

function boundaryFrom(text: string, coords: CoordSystem): { ring?: Ring; error?: string } {
  if (!text.trim()) return {};
  const parsed = parseBoundary(text, coords);
  return 'error' in parsed ? { error: parsed.error } : { ring: parsed.ring };
}

function Areas() {
  const { user } = useAuth();
  const [version, setVersion] = useState(0);
  // The parent is kept whole (not looked up in the options) so its level is known even if the options failed.
  const [parent, setParent] = useState<{ id: number; label: string; level: AreaLevel } | null>(null);
  const parentId = parent?.id ?? null;
  const options = useAreaOptions(user, 'community', version);
  const children = useRequest(() => listAreas(parentId ?? undefined), `admin-areas-${parentId}-${version}`);
  const level = childLevel(parent?.level ?? null);
  const parentCentre = centreOf(options.data?.find((o) => o.value === parentId)?.area);

  const [draft, setDraft] = useState({ name: '', code: '', boundary: '', coords: 'wgs84' as CoordSystem });
  const [editing, setEditing] = useState<{ area: AreaResponse; name: string; boundary: string; coords: CoordSystem } | null>(null);
  const { busy, message, setMessage, errors, run, refuse } = useAdminAction(() => setVersion((v) => v + 1));

  const create = async () => {
    if (!level) return;
    if (!draft.name.trim() || !draft.code.trim()) {
      refuse('请填写名称和区划代码');
      return;
    }
    const b = boundaryFrom(draft.boundary, draft.coords);
    if (b.error) {
      refuse(b.error);
      return;
    }
    const name = draft.name.trim();
    const ok = await run(() => createArea({ parentId, level, name, code: draft.code.trim(), ...(b.ring ? { boundary: b.ring } : {}) }), `已创建${AREA_LEVEL_LABELS[level]}「${name}」`);
    if (ok) setDraft({ ...draft, name: '', code: '', boundary: '' });
  };

  const saveEdit = async () => {
    if (!editing) return;
    if (!editing.name.trim()) {
      refuse('请填写名称');
      return;
    }
    const b = boundaryFrom(editing.boundary, editing.coords);
    if (b.error) {
      refuse(b.error);
      return;
    }
    const ok = await run(() => updateArea(editing.area.id, { name: editing.name.trim(), ...(b.ring ? { boundary: b.ring } : {}) }), `已保存「${editing.name.trim()}」`);
    if (ok) setEditing(null);
  };

  const remove = async (a: AreaResponse) => {
    const answer = await Taro.showModal({ title: '删除区域', content: `确定删除「${a.name}」吗？有下级区域、驿站或随手拍的区域不能删除。`, confirmText: '删除', confirmColor: '#b0102a' });
    if (!answer.confirm) return;
    await run(() => deleteArea(a.id), `已删除「${a.name}」`);
  };

  const columns: Array<DataColumn<AreaResponse>> = [
    { key: 'name', title: '名称', render: (a) => a.name, sortValue: (a) => a.name },
    { key: 'level', title: '层级', render: (a) => AREA_LEVEL_LABELS[a.level], nowrap: true },
    { key: 'code', title: '区划代码', render: (a) => a.code, sortValue: (a) => a.code, nowrap: true },
    { key: 'children', title: '下级', render: (a) => `${a.childCount} 个`, sortValue: (a) => a.childCount, nowrap: true },
    { key: 'centre', title: '中心点', render: (a) => (a.centerLat === null ? '无边界' : `${a.centerLat.toFixed(4)}, ${a.centerLng?.toFixed(4)}`), nowrap: true },
    {
      key: 'actions',
      title: '操作',
      nowrap: true,
      render: (a) => (
        <View className='console__actions' onClick={(e) => e.stopPropagation()}>
          {a.level !== 'grid' ? (
            <ConsoleButton kind='plain' onClick={() => setParent({ id: a.id, label: parent ? `${parent.label} › ${a.name}` : a.name, level: a.level })}>
              查看下级
            </ConsoleButton>
          ) : null}
          <ConsoleButton kind='secondary' disabled={busy} onClick={() => setEditing({ area: a, name: a.name, boundary: '', coords: 'wgs84' })}>
            编辑
          </ConsoleButton>
          <ConsoleButton kind='plain' disabled={busy} onClick={() => void remove(a)}>
            删除
          </ConsoleButton>
        </View>
      ),
    },
  ];
  const parentOptions = (options.data ?? []).map((o) => ({ value: o.value, label: o.label, hint: o.hint }));

  return (
    <AdminPage testId='admin-areas' title='区域管理' message={message}>      <View className='console__filters'>
        <Field label='上级区域' wide>
          <SearchSelect
            label='上级区域'
            options={parentOptions}
            value={parentId}
            onChange={(id) => {
              const o = options.data?.find((x) => x.value === id);
              setParent(o ? { id: o.value, label: o.label, level: o.level } : null);
            }}
            clearLabel='全部区县（顶级）'
            testId='area-parent'
          />
          {options.error ? <Text className='console__error'>区域列表没有加载出来：{options.error.message}</Text> : null}
        </Field>
      </View>

      {editing ? (
        <EditorSection title={`编辑「${editing.area.name}」`} testId='area-editor' saveTestId='save-area' saveDisabled={busy} onSave={() => void saveEdit()} onCancel={() => setEditing(null)}>
          <View className='console__form'>
            <TextField label='名称' error={errors.name} value={editing.name} maxlength={AREA_NAME_MAX} onChange={(name) => setEditing({ ...editing, name })} testId='edit-area-name' />
          </View>
          <BoundaryInput
            text={editing.boundary}
            coords={editing.coords}
            onText={(boundary) => setEditing({ ...editing, boundary })}
            onCoords={(coords) => setEditing({ ...editing, coords })}
            onDrawn={(boundary) => setEditing({ ...editing, boundary, coords: 'gcj02' })}
            onError={(text) => setMessage({ ok: false, text })}
            centre={centreOf(editing.area) ?? parentCentre ?? CITY_CENTRE}
          />
        </EditorSection>
      ) : null}

      {level ? (
        <View className='console__section'>
          <Text className='console__section-title'>{`新建${AREA_LEVEL_LABELS[level]}${parent ? `（在「${parent.label}」下）` : ''}`}</Text>
          <View className='console__form'>
            <TextField label='名称' error={errors.name} value={draft.name} maxlength={AREA_NAME_MAX} onChange={(name) => setDraft({ ...draft, name })} testId='new-area-name' />
            <TextField label='区划代码' error={errors.code} value={draft.code} maxlength={AREA_CODE_MAX} onChange={(code) => setDraft({ ...draft, code })} testId='new-area-code' />
          </View>
          <BoundaryInput
            text={draft.boundary}
            coords={draft.coords}
            onText={(boundary) => setDraft({ ...draft, boundary })}
            onCoords={(coords) => setDraft({ ...draft, coords })}
            onDrawn={(boundary) => setDraft({ ...draft, boundary, coords: 'gcj02' })}
            onError={(text) => setMessage({ ok: false, text })}
            centre={parentCentre ?? CITY_CENTRE}
          />
          <ConsoleButton disabled={busy} onClick={() => void create()} testId='create-area'>
            创建
          </ConsoleButton>
        </View>
      ) : null}

      <ListStates list={children} />
      {children.data ? (
        <DataTable
          caption={parent ? `${parent.label} 的下级区域` : '全部区县'}
          columns={columns}
          rows={children.data.items}
          rowKey={(a) => a.id}
          initialSort={{ key: 'code', direction: 'asc' }}
          filterText={(a) => `${a.name} ${a.code}`}
          filterPlaceholder='按名称或代码筛选'
          emptyText='这里还没有下级区域'
          testId='area-table'
        />
      ) : null}
    </AdminPage>
  );
}

export default function AdminAreasPage() {
  return (
    <AdminOnly>
      <Areas />
    </AdminOnly>
  );
}
