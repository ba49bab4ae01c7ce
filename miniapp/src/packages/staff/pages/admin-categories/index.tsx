import { useState } from 'react';
import { Input, Switch, Text, View } from '@tarojs/components';
import type { ReportCategoryResponse } from '@xjy/shared/report';
import StateView from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { createCategory, updateCategory } from '../../../../services/admin';
import { errorMessage, isApiError } from '../../../../services/http';
import { listCategories } from '../../../../services/reports';
import AdminOnly from '../../components/admin-only';
import ConsoleButton from '../../components/console-button';
import DataTable from '../../components/data-table';
import type { DataColumn } from '../../components/data-table/types';
import Field from '../../components/field';
import { categoryDraftProblem, NEW, toDraft, type Draft } from './category-rules';
import './index.scss';

function CategoryForm({ draft, onChange, creating, errors }: { draft: Draft; onChange: (d: Draft) => void; creating: boolean; errors: Record<string, string> }) {
  const num = (k: keyof Draft, label: string) => (
    <Field label={label} error={errors[k]}>
      <Input className='console__input console__input--short' type='number' value={String(draft[k])} onInput={(e) => onChange({ ...draft, [k]: e.detail.value })} data-testid={`cat-${k}`} />
    </Field>
  );
  return (
    <View className='console__form'>
      {creating ? (
        <Field label='类别代码' error={errors.key}>
          <Input className='console__input' value={draft.key} maxlength={32} placeholder='如 traffic' onInput={(e) => onChange({ ...draft, key: e.detail.value })} data-testid='cat-key' />
        </Field>
      ) : null}
      <Field label='类别名称' error={errors.label}>
        <Input className='console__input' value={draft.label} maxlength={16} onInput={(e) => onChange({ ...draft, label: e.detail.value })} data-testid='cat-label' />
      </Field>
      {num('pointsMin', '最低积分')}
      {num('pointsMax', '最高积分')}
      {num('acceptHours', '审核时限（小时）')}
      {num('resolveHours', '办结时限（小时）')}
      {num('sortOrder', '排序')}
      {!creating ? (
        <View className='console__check'>
          <Switch checked={draft.active} onChange={(e) => onChange({ ...draft, active: e.detail.value })} color='#c8102e' />
          <Text>{draft.active ? '启用中' : '已停用'}</Text>
        </View>
      ) : null}
    </View>
  );
}

function Categories() {
  const list = useRequest(listCategories, 'admin-categories');
  const [draft, setDraft] = useState<Draft>(NEW);
  const [editing, setEditing] = useState<{ id: number; draft: Draft } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (d: Draft, id: number | null) => {
    const problem = categoryDraftProblem(d, id === null);
    setErrors({});
    if (problem) {
      setMessage({ ok: false, text: problem });
      return;
    }
    const body = {
      label: d.label.trim(),
      pointsMin: Number(d.pointsMin),
      pointsMax: Number(d.pointsMax),
      acceptHours: Number(d.acceptHours),
      resolveHours: Number(d.resolveHours),
      sortOrder: Number(d.sortOrder),
    };
    setBusy(true);
    try {
      if (id === null) await createCategory({ key: d.key, ...body });
      else await updateCategory(id, { ...body, active: d.active });
      setMessage({ ok: true, text: `已保存类别「${body.label}」` });
      if (id === null) setDraft(NEW);
      else setEditing(null);
      await list.reload();
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e) });
      if (isApiError(e)) setErrors(e.fieldErrors());
    } finally {
      setBusy(false);
    }
  };

  const columns: Array<DataColumn<ReportCategoryResponse>> = [
    { key: 'sortOrder', title: '排序', render: (c) => String(c.sortOrder), sortValue: (c) => c.sortOrder, nowrap: true },
    { key: 'label', title: '名称', render: (c) => c.label, sortValue: (c) => c.label },
    { key: 'key', title: '代码', render: (c) => c.key, nowrap: true },
    { key: 'points', title: '积分范围', render: (c) => `${c.pointsMin}–${c.pointsMax} 分`, sortValue: (c) => c.pointsMax, nowrap: true },
    { key: 'accept', title: '审核时限', render: (c) => `${c.acceptHours} 小时`, sortValue: (c) => c.acceptHours, nowrap: true },
    { key: 'resolve', title: '办结时限', render: (c) => `${c.resolveHours} 小时`, sortValue: (c) => c.resolveHours, nowrap: true },
    { key: 'active', title: '状态', render: (c) => (c.active ? '启用' : '已停用'), nowrap: true },
    {
      key: 'edit',
      title: '操作',
      render: (c) => (
        <ConsoleButton kind='secondary' onClick={() => setEditing({ id: c.id, draft: toDraft(c) })}>
          编辑
        </ConsoleButton>
      ),
    },
  ];

  return (
    <View className='console' data-testid='admin-categories'>
      <View className='console__head'>
        <Text className='console__title'>随手拍类别</Text>
      </View>
      <Text className='console__muted'>采纳时的积分只能在类别的范围内选；审核、办结时限决定随手拍何时算超时。</Text>
      {message ? (
        <Text className={message.ok ? 'console__ok' : 'console__error'} data-testid='admin-message'>
          {message.text}
        </Text>
      ) : null}
      {editing ? (
        <View className='console__section' data-testid='category-editor'>
          <Text className='console__section-title'>编辑类别 {editing.draft.key}</Text>
          <CategoryForm draft={editing.draft} onChange={(d) => setEditing({ ...editing, draft: d })} creating={false} errors={errors} />
          <View className='console__actions'>
            <ConsoleButton disabled={busy} onClick={() => void save(editing.draft, editing.id)} testId='save-category'>
              保存
            </ConsoleButton>
            <ConsoleButton kind='plain' onClick={() => setEditing(null)}>
              取消
            </ConsoleButton>
          </View>
        </View>
      ) : null}
      <View className='console__section'>
        <Text className='console__section-title'>新建类别</Text>
        <CategoryForm draft={draft} onChange={setDraft} creating errors={editing ? {} : errors} />
        <ConsoleButton disabled={busy} onClick={() => void save(draft, null)} testId='create-category'>
          创建类别
        </ConsoleButton>
      </View>
      {list.loading && !list.data ? <StateView kind='loading' title='正在加载…' /> : null}
      {list.error ? <StateView kind='error' title='没有加载出来' description={list.error.message} actionText='重试' onAction={() => void list.reload()} /> : null}
      {list.data ? (
        <DataTable caption='随手拍类别' columns={columns} rows={list.data.items} rowKey={(c) => c.id} initialSort={{ key: 'sortOrder', direction: 'asc' }} emptyText='还没有类别' testId='category-table' />
      ) : null}
    </View>
  );
}

export default function AdminCategoriesPage() {
  return (
    <AdminOnly>
      <Categories />
    </AdminOnly>
  );
}
