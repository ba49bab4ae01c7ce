import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import type { StaffResponse } from '@xjy/shared/staff';
import StateView from '../../../../components/state-view';
import { useAuth } from '../../../../hooks/use-auth';
import { useRequest } from '../../../../hooks/use-request';
import { createStaff, listStaff, replaceStaffScopes, setStaffDisabled } from '../../../../services/admin';
import { errorMessage, isApiError } from '../../../../services/http';
import AdminOnly from '../../components/admin-only';
import ConsoleButton from '../../components/console-button';
import DataTable from '../../components/data-table';
import type { DataColumn } from '../../components/data-table/types';
import Field from '../../components/field';
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
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [editing, setEditing] = useState<{ id: number; scopes: number[] } | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setMessage(null);
    setFieldErrors({});
    try {
      await work();
      setMessage({ ok: true, text: done });
      await list.reload();
      return true;
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e) });
      if (isApiError(e)) setFieldErrors(e.fieldErrors());
      return false;
    } finally {
      setBusy(false);
    }
  };

  const create = async () => {
    if (!draft.username.trim() || !draft.password || !draft.nickname.trim()) {
      setMessage({ ok: false, text: '请填写账号、初始密码和昵称' });
      return;
    }
    if (draft.role === 'staff' && !draft.scopeAreaIds.length) {
      setMessage({ ok: false, text: '工作人员至少要负责一个区域' });
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
    <View className='console' data-testid='admin-staff'>
      <View className='console__head'>
        <Text className='console__title'>工作人员账号</Text>
      </View>
      {message ? (
        <Text className={message.ok ? 'console__ok' : 'console__error'} data-testid='admin-message'>
          {message.text}
        </Text>
      ) : null}

      {editing && editingRow ? (
        <View className='console__section' data-testid='scope-editor'>
          <Text className='console__section-title'>修改 {editingRow.nickname} 的负责区域</Text>
          <ScopePicker options={options} value={editing.scopes} onChange={(scopes) => setEditing({ ...editing, scopes })} />
          <View className='console__actions'>
            <ConsoleButton
              disabled={busy || !editing.scopes.length}
              onClick={() => void run(() => replaceStaffScopes(editing.id, editing.scopes), `已保存 ${editingRow.nickname} 的负责区域`).then((ok) => ok && setEditing(null))}
              testId='save-scopes'
            >
              保存
            </ConsoleButton>
            <ConsoleButton kind='plain' onClick={() => setEditing(null)}>
              取消
            </ConsoleButton>
          </View>
        </View>
      ) : null}

      <View className='console__section'>
        <Text className='console__section-title'>新建账号</Text>
        <View className='console__form'>
          <Field label='账号' error={fieldErrors.username}>
            <Input className='console__input' value={draft.username} maxlength={32} onInput={(e) => setDraft({ ...draft, username: e.detail.value })} data-testid='new-username' />
          </Field>
          <Field label='初始密码' error={fieldErrors.password}>
            <Input className='console__input' password value={draft.password} maxlength={64} onInput={(e) => setDraft({ ...draft, password: e.detail.value })} data-testid='new-password' />
          </Field>
          <Field label='昵称' error={fieldErrors.nickname}>
            <Input className='console__input' value={draft.nickname} maxlength={32} onInput={(e) => setDraft({ ...draft, nickname: e.detail.value })} data-testid='new-nickname' />
          </Field>
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

      {list.loading && !list.data ? <StateView kind='loading' title='正在加载…' /> : null}
      {list.error ? <StateView kind='error' title='没有加载出来' description={list.error.message} actionText='重试' onAction={() => void list.reload()} /> : null}
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
    </View>
  );
}

export default function AdminStaffPage() {
  return (
    <AdminOnly>
      <StaffAccounts />
    </AdminOnly>
  );
}
