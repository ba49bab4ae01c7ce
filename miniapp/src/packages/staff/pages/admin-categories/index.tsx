import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { ReportCategoryResponse } from '@xjy/shared/report';
import { useRequest } from '../../../../hooks/use-request';
import { createCategory, updateCategory } from '../../../../services/admin';
import { listCategories } from '../../../../services/reports';
import { ActiveSwitch, AdminPage, EditorSection, editColumn, ListStates, useAdminAction } from '../../components/admin-console';
import AdminOnly from '../../components/admin-only';
import ConsoleButton from '../../components/console-button';
import DataTable from '../../components/data-table';
import type { DataColumn } from '../../components/data-table/types';
import { TextField } from '../../components/field';
import { categoryDraftProblem, NEW, toDraft, type Draft } from './category-rules';
import './index.scss';

function CategoryForm({ draft, onChange, creating, errors }: { draft: Draft; onChange: (d: Draft) => void; creating: boolean; errors: Record<string, string> }) {
  const num = (k: keyof Draft, label: string) => <TextField label={label} error={errors[k]} numeric value={String(draft[k])} onChange={(v) => onChange({ ...draft, [k]: v })} testId={`cat-${k}`} />;
  return (
    <View className='console__form'>
      {creating ? (
        <TextField label='类别代码' error={errors.key} value={draft.key} maxlength={32} placeholder='如 traffic' onChange={(key) => onChange({ ...draft, key })} testId='cat-key' />
      ) : null}
      <TextField label='类别名称' error={errors.label} value={draft.label} maxlength={16} onChange={(label) => onChange({ ...draft, label })} testId='cat-label' />
      {num('pointsMin', '最低积分')}
      {num('pointsMax', '最高积分')}
      {num('acceptHours', '审核时限（小时）')}
      {num('resolveHours', '办结时限（小时）')}
      {num('sortOrder', '排序')}
      {!creating ? (
        <ActiveSwitch checked={draft.active} onChange={(active) => onChange({ ...draft, active })} onText='启用中' />
      ) : null}
    </View>
  );
}

function Categories() {
  const list = useRequest(listCategories, 'admin-categories');
  const [draft, setDraft] = useState<Draft>(NEW);
  const [editing, setEditing] = useState<{ id: number; draft: Draft } | null>(null);
  const { busy, message, errors, run, refuse } = useAdminAction(list.reload);

  const save = async (d: Draft, id: number | null) => {
    const problem = categoryDraftProblem(d, id === null);
    if (problem) {
      refuse(problem);
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
    const ok = await run(() => (id === null ? createCategory({ key: d.key, ...body }) : updateCategory(id, { ...body, active: d.active })), `已保存类别「${body.label}」`);
    if (ok && id === null) setDraft(NEW);
    else if (ok) setEditing(null);
  };

  const columns: Array<DataColumn<ReportCategoryResponse>> = [
    { key: 'sortOrder', title: '排序', render: (c) => String(c.sortOrder), sortValue: (c) => c.sortOrder, nowrap: true },
    { key: 'label', title: '名称', render: (c) => c.label, sortValue: (c) => c.label },
    { key: 'key', title: '代码', render: (c) => c.key, nowrap: true },
    { key: 'points', title: '积分范围', render: (c) => `${c.pointsMin}–${c.pointsMax} 分`, sortValue: (c) => c.pointsMax, nowrap: true },
    { key: 'accept', title: '审核时限', render: (c) => `${c.acceptHours} 小时`, sortValue: (c) => c.acceptHours, nowrap: true },
    { key: 'resolve', title: '办结时限', render: (c) => `${c.resolveHours} 小时`, sortValue: (c) => c.resolveHours, nowrap: true },
    { key: 'active', title: '状态', render: (c) => (c.active ? '启用' : '已停用'), nowrap: true },
    editColumn((c) => setEditing({ id: c.id, draft: toDraft(c) })),
  ];

  return (
    <AdminPage testId='admin-categories' title='随手拍类别' intro='采纳时的积分只能在类别的范围内选；审核、办结时限决定随手拍何时算超时。' message={message}>
      {editing ? (
        <EditorSection title={`编辑类别 ${editing.draft.key}`} testId='category-editor' saveTestId='save-category' saveDisabled={busy} onSave={() => void save(editing.draft, editing.id)} onCancel={() => setEditing(null)}>
          <CategoryForm draft={editing.draft} onChange={(d) => setEditing({ ...editing, draft: d })} creating={false} errors={errors} />
        </EditorSection>
      ) : null}
      <View className='console__section'>
        <Text className='console__section-title'>新建类别</Text>
        <CategoryForm draft={draft} onChange={setDraft} creating errors={editing ? {} : errors} />
        <ConsoleButton disabled={busy} onClick={() => void save(draft, null)} testId='create-category'>
          创建类别
        </ConsoleButton>
      </View>
      <ListStates list={list} />
      {list.data ? (
        <DataTable caption='随手拍类别' columns={columns} rows={list.data.items} rowKey={(c) => c.id} initialSort={{ key: 'sortOrder', direction: 'asc' }} emptyText='还没有类别' testId='category-table' />
      ) : null}
    </AdminPage>
  );
}

export default function AdminCategoriesPage() {
  return (
    <AdminOnly>
      <Categories />
    </AdminOnly>
  );
}
