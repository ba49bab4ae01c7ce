import { useState } from 'react';
import { Input, Switch, Text, View } from '@tarojs/components';
import type { DepartmentResponse } from '@xjy/shared/report';
import StateView from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { createDepartment, updateDepartment } from '../../../../services/admin';
import { errorMessage, isApiError } from '../../../../services/http';
import { listDepartments } from '../../../../services/reports';
import AdminOnly from '../../components/admin-only';
import ConsoleButton from '../../components/console-button';
import DataTable from '../../components/data-table';
import type { DataColumn } from '../../components/data-table/types';
import Field from '../../components/field';
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
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (d: Draft, id: number | null) => {
    setErrors({});
    if (!d.name.trim()) {
      setMessage({ ok: false, text: '请填写部门名称' });
      return;
    }
    const body = { name: d.name.trim(), phone: d.phone.trim() || null };
    setBusy(true);
    try {
      if (id === null) await createDepartment(body);
      else await updateDepartment(id, { ...body, active: d.active });
      setMessage({ ok: true, text: `已保存部门「${body.name}」` });
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

  const form = (d: Draft, onChange: (d: Draft) => void, withActive: boolean, prefix: string) => (
    <View className='console__form'>
      <Field label='部门名称' error={errors.name}>
        <Input className='console__input' value={d.name} maxlength={32} onInput={(e) => onChange({ ...d, name: e.detail.value })} data-testid={`${prefix}-name`} />
      </Field>
      <Field label='联系电话（选填）' error={errors.phone}>
        <Input className='console__input' value={d.phone} maxlength={20} onInput={(e) => onChange({ ...d, phone: e.detail.value })} data-testid={`${prefix}-phone`} />
      </Field>
      {withActive ? (
        <View className='console__check'>
          <Switch checked={d.active} onChange={(e) => onChange({ ...d, active: e.detail.value })} color='#c8102e' />
          <Text>{d.active ? '可派单' : '已停用'}</Text>
        </View>
      ) : null}
    </View>
  );

  const columns: Array<DataColumn<DepartmentResponse>> = [
    { key: 'name', title: '部门', render: (d) => d.name, sortValue: (d) => d.name },
    { key: 'phone', title: '联系电话', render: (d) => d.phone ?? '—', nowrap: true },
    { key: 'active', title: '状态', render: (d) => (d.active ? '可派单' : '已停用'), sortValue: (d) => (d.active ? 0 : 1), nowrap: true },
    {
      key: 'edit',
      title: '操作',
      render: (d) => (
        <ConsoleButton kind='secondary' onClick={() => setEditing({ id: d.id, draft: { name: d.name, phone: d.phone ?? '', active: d.active } })}>
          编辑
        </ConsoleButton>
      ),
    },
  ];

  return (
    <View className='console' data-testid='admin-departments'>
      <View className='console__head'>
        <Text className='console__title'>职能部门</Text>
      </View>
      <Text className='console__muted'>派单时可选的处置单位；停用的部门不再出现在派单列表里，已派的单不受影响。</Text>
      {message ? (
        <Text className={message.ok ? 'console__ok' : 'console__error'} data-testid='admin-message'>
          {message.text}
        </Text>
      ) : null}
      {editing ? (
        <View className='console__section' data-testid='department-editor'>
          <Text className='console__section-title'>编辑部门</Text>
          {form(editing.draft, (d) => setEditing({ ...editing, draft: d }), true, 'edit')}
          <View className='console__actions'>
            <ConsoleButton disabled={busy} onClick={() => void save(editing.draft, editing.id)} testId='save-department'>
              保存
            </ConsoleButton>
            <ConsoleButton kind='plain' onClick={() => setEditing(null)}>
              取消
            </ConsoleButton>
          </View>
        </View>
      ) : null}
      <View className='console__section'>
        <Text className='console__section-title'>新建部门</Text>
        {form(draft, setDraft, false, 'new')}
        <ConsoleButton disabled={busy} onClick={() => void save(draft, null)} testId='create-department'>
          创建部门
        </ConsoleButton>
      </View>
      {list.loading && !list.data ? <StateView kind='loading' title='正在加载…' /> : null}
      {list.error ? <StateView kind='error' title='没有加载出来' description={list.error.message} actionText='重试' onAction={() => void list.reload()} /> : null}
      {list.data ? <DataTable caption='职能部门' columns={columns} rows={list.data.items} rowKey={(d) => d.id} initialSort={{ key: 'name', direction: 'asc' }} emptyText='还没有职能部门' testId='department-table' /> : null}
    </View>
  );
}

export default function AdminDepartmentsPage() {
  return (
    <AdminOnly>
      <Departments />
    </AdminOnly>
  );
}
