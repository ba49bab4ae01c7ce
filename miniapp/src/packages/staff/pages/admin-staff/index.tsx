import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { StaffResponse } from '@xjy/shared/staff';
import { useAuth } from '../../../../hooks/use-auth';
import { useRequest } from '../../../../hooks/use-request';
import { createStaff, listStaff, replaceStaffScopes, setStaffDisabled } from '../../../../services/admin';
import { AdminPage, EditorSection, ListStates, useAdminAction } from '../../components/admin-console';
import AdminOnly from '../../components/admin-only';
import ConsoleButton from '../../components/console-button';
import DataTable from '../../components/data-table';
import type { DataColumn } from '../../components/data-table/types';
import Field, { TextField } from '../../components/field';
import ScopePicker from '../../components/scope-picker';
import SearchSelect from '../../components/search-select';
import { useAreaOptions } from '../../hooks/use-area-options';
import './index.scss';

const ROLE_OPTIONS = [
  { value: 'staff' as const, label: '工作人员' },
  { value: 'admin' as const, label: '管理员' },
];

interface Draft {
  username: string;
  password: string;
  nickname: string;
  role: 'staff' | 'admin';
  scopeAreaIds: number[];
}
const EMPTY: Draft = { username: '', password: '', nickname: '', role: 'staff', scopeAreaIds: [] };

function StaffAccounts() {
  const { user } = useAuth();
  const list = useRequest(listStaff, 'admin-staff');
  const areas = useAreaOptions(user, 'community');
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [editing, setEditing] = useState<{ id: number; scopes: number[] } | null>(null);
  const { busy, message, errors: fieldErrors, run, refuse } = useAdminAction(list.reload);

  const create = async () => {
    if (!draft.username.trim() || !draft.password || !draft.nickname.trim()) {
      refuse('请填写账号、初始密码和昵称');
      return;
    }
    if (draft.role === 'staff' && !draft.scopeAreaIds.length) {
      refuse('工作人员至少要负责一个区域');
      return;
    }
    const body = { ...draft, username: draft.username.trim(), nickname: draft.nickname.trim(), scopeAreaIds: draft.role === 'admin' ? [] : draft.scopeAreaIds };
    if (await run(() => createStaff(body), `已创建账号 ${body.username}`)) setDraft(EMPTY);
  };

  const columns: Array<DataColumn<StaffResponse>> = [
    { key: 'username', title: '账号', render: (s) => s.username ?? '—', sortValue: (s) => s.username ?? '', nowrap: true },
    { key: 'nickname', title: '昵称', render: (s) => s.nickname, sortValue: (s) => s.nickname },
    { key: 'role', title: '角色', render: (s) => (s.role === 'admin' ? '管理员' : '工作人员'), sortValue: (s) => s.role, nowrap: true },
    { key: 'scopes', title: '负责区域', render: (s) => (s.role === 'admin' ? '全市' : s.scopes.map((a) => a.name).join('、') || '尚未分配') },
    { key: 'status', title: '状态', render: (s) => (s.disabled ? '已停用' : '正常'), sortValue: (s) => (s.disabled ? 1 : 0), nowrap: true },
    {
      key: 'actions',
      title: '操作',
      nowrap: true,
      render: (s) => (
        <View className='console__actions' onClick={(e) => e.stopPropagation()}>
          {s.role === 'staff' ? (
            <ConsoleButton kind='secondary' disabled={busy} onClick={() => setEditing({ id: s.id, scopes: s.scopes.map((a) => a.id) })}>
              修改区域
            </ConsoleButton>
          ) : null}
          {s.id !== user?.id ? (
            <ConsoleButton kind={s.disabled ? 'secondary' : 'plain'} disabled={busy} onClick={() => void run(() => setStaffDisabled(s.id, !s.disabled), s.disabled ? `已启用 ${s.nickname}` : `已停用 ${s.nickname}`)}>
              {s.disabled ? '启用' : '停用'}
            </ConsoleButton>
          ) : null}
        </View>
      ),
    },
  ];
  const options = areas.data ?? [];
  const editingRow = editing ? list.data?.items.find((s) => s.id === editing.id) : null;

  return (
    <AdminPage testId='admin-staff' title='工作人员账号' message={message}>
      {editing && editingRow ? (
        <EditorSection
          title={`修改 ${editingRow.nickname} 的负责区域`}
          testId='scope-editor'
          saveTestId='save-scopes'
          saveDisabled={busy || !editing.scopes.length}
          onSave={() => void run(() => replaceStaffScopes(editing.id, editing.scopes), `已保存 ${editingRow.nickname} 的负责区域`).then((ok) => ok && setEditing(null))}
          onCancel={() => setEditing(null)}
        >
          <ScopePicker options={options} value={editing.scopes} onChange={(scopes) => setEditing({ ...editing, scopes })} />
        </EditorSection>
      ) : null}

      <View className='console__section'>
        <Text className='console__section-title'>新建账号</Text>
        <View className='console__form'>
          <TextField label='账号' error={fieldErrors.username} value={draft.username} maxlength={32} onChange={(username) => setDraft({ ...draft, username })} testId='new-username' />
          <TextField label='初始密码' error={fieldErrors.password} password value={draft.password} maxlength={64} onChange={(password) => setDraft({ ...draft, password })} testId='new-password' />
          <TextField label='昵称' error={fieldErrors.nickname} value={draft.nickname} maxlength={32} onChange={(nickname) => setDraft({ ...draft, nickname })} testId='new-nickname' />
          <Field label='角色'>
            <SearchSelect label='角色' options={ROLE_OPTIONS} value={draft.role} onChange={(role) => setDraft({ ...draft, role: role ?? 'staff' })} />
          </Field>
        </View>
        {draft.role === 'staff' ? (
          <Field label='负责区域' wide error={fieldErrors.scopeAreaIds}>
            {areas.error ? <Text className='console__error'>{areas.error.message}</Text> : <ScopePicker options={options} value={draft.scopeAreaIds} onChange={(scopeAreaIds) => setDraft({ ...draft, scopeAreaIds })} testId='new-scopes' />}
          </Field>
        ) : null}
        <ConsoleButton disabled={busy} onClick={() => void create()} testId='create-staff'>
          创建账号
        </ConsoleButton>
      </View>

      <ListStates list={list} />
      {list.data ? (
        <DataTable
          caption='工作人员账号'
          columns={columns}
          rows={list.data.items}
          rowKey={(s) => s.id}
          initialSort={{ key: 'username', direction: 'asc' }}
          filterText={(s) => `${s.username ?? ''} ${s.nickname} ${s.scopes.map((a) => a.name).join(' ')}`}
          filterPlaceholder='按账号、昵称或区域筛选'
          emptyText='还没有工作人员账号'
          testId='staff-table'
        />
      ) : null}
    </AdminPage>
  );
}

export default function AdminStaffPage() {
  return (
    <AdminOnly>
      <StaffAccounts />
    </AdminOnly>
  );
}
