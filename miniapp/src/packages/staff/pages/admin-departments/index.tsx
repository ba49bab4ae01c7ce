import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { DepartmentResponse } from '@xjy/shared/report';
import { useRequest } from '../../../../hooks/use-request';
import { createDepartment, updateDepartment } from '../../../../services/admin';
import { listDepartments } from '../../../../services/reports';
import { ActiveSwitch, AdminPage, EditorSection, editColumn, ListStates, useAdminAction } from '../../components/admin-console';
import AdminOnly from '../../components/admin-only';
import ConsoleButton from '../../components/console-button';
import DataTable from '../../components/data-table';
import type { DataColumn } from '../../components/data-table/types';
import { TextField } from '../../components/field';
import './index.scss';

interface Draft {
  name: string;
  phone: string;
  active: boolean;
}
const NEW: Draft = { name: '', phone: '', active: true };

function Departments() {
  const list = useRequest(listDepartments, 'admin-departments');
  const [draft, setDraft] = useState<Draft>(NEW);
  const [editing, setEditing] = useState<{ id: number; draft: Draft } | null>(null);
  const { busy, message, errors, run, refuse } = useAdminAction(list.reload);

  const save = async (d: Draft, id: number | null) => {
    if (!d.name.trim()) {
      refuse('请填写部门名称');
      return;
    }
    const body = { name: d.name.trim(), phone: d.phone.trim() || null };
    const ok = await run(() => (id === null ? createDepartment(body) : updateDepartment(id, { ...body, active: d.active })), `已保存部门「${body.name}」`);
    if (ok && id === null) setDraft(NEW);
    else if (ok) setEditing(null);
  };

  const form = (d: Draft, onChange: (d: Draft) => void, withActive: boolean, prefix: string) => (
    <View className='console__form'>
      <TextField label='部门名称' error={errors.name} value={d.name} maxlength={32} onChange={(name) => onChange({ ...d, name })} testId={`${prefix}-name`} />
      <TextField label='联系电话（选填）' error={errors.phone} value={d.phone} maxlength={20} onChange={(phone) => onChange({ ...d, phone })} testId={`${prefix}-phone`} />
      {withActive ? <ActiveSwitch checked={d.active} onChange={(active) => onChange({ ...d, active })} onText='可派单' /> : null}
    </View>
  );

  const columns: Array<DataColumn<DepartmentResponse>> = [
    { key: 'name', title: '部门', render: (d) => d.name, sortValue: (d) => d.name },
    { key: 'phone', title: '联系电话', render: (d) => d.phone ?? '—', nowrap: true },
    { key: 'active', title: '状态', render: (d) => (d.active ? '可派单' : '已停用'), sortValue: (d) => (d.active ? 0 : 1), nowrap: true },
    editColumn((d) => setEditing({ id: d.id, draft: { name: d.name, phone: d.phone ?? '', active: d.active } })),
  ];

  return (
    <AdminPage testId='admin-departments' title='职能部门' intro='派单时可选的处置单位；停用的部门不再出现在派单列表里，已派的单不受影响。' message={message}>
      {editing ? (
        <EditorSection title='编辑部门' testId='department-editor' saveTestId='save-department' saveDisabled={busy} onSave={() => void save(editing.draft, editing.id)} onCancel={() => setEditing(null)}>
          {form(editing.draft, (d) => setEditing({ ...editing, draft: d }), true, 'edit')}
        </EditorSection>
      ) : null}
      <View className='console__section'>
        <Text className='console__section-title'>新建部门</Text>
        {form(draft, setDraft, false, 'new')}
        <ConsoleButton disabled={busy} onClick={() => void save(draft, null)} testId='create-department'>
          创建部门
        </ConsoleButton>
      </View>
      <ListStates list={list} />
      {list.data ? <DataTable caption='职能部门' columns={columns} rows={list.data.items} rowKey={(d) => d.id} initialSort={{ key: 'name', direction: 'asc' }} emptyText='还没有职能部门' testId='department-table' /> : null}
    </AdminPage>
  );
}

export default function AdminDepartmentsPage() {
  return (
    <AdminOnly>
      <Departments />
    </AdminOnly>
  );
}
