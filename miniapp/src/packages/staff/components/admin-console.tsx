import { useState, type ReactNode } from 'react';
import { Switch, Text, View } from '@tarojs/components';
import StateView from '../../../components/state-view';
import type { RequestState } from '../../../hooks/use-request';
import { errorMessage, isApiError } from '../../../services/http';
import ConsoleButton from './console-button';
import type { DataColumn } from './data-table/types';

/** What the last admin action said: a success or a failure line. */
export interface AdminMessage {
  ok: boolean;
  text: string;
}

/**
 * The state every admin form shares: one action at a time (`busy`), the line it left (`message`) and the
 * server's per-field errors. `run(work, done)` runs one write, says `done` or the error, then calls `after`
 * (usually a list reload); it answers whether the write went through.
 */
export function useAdminAction(after?: () => unknown) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<AdminMessage | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const run = async (work: () => Promise<unknown>, done: string): Promise<boolean> => {
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      await work();
      setMessage({ ok: true, text: done });
      await after?.();
      return true;
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e) });
      if (isApiError(e)) setErrors(e.fieldErrors());
      return false;
    } finally {
      setBusy(false);
    }
  };
  /** A problem found before anything is sent; `fields` puts each field's own message next to it. */
  const refuse = (text: string, fields: Record<string, string> = {}) => {
    setErrors(fields);
    setMessage({ ok: false, text });
  };
  return { busy, message, setMessage, errors, run, refuse };
}

/** An admin console page: the frame, its title and, under it, what the last action said. */
export function AdminPage({ testId, title, intro, message, children }: { testId: string; title: string; intro?: string; message?: AdminMessage | null; children: ReactNode }) {
  return (
    <View className='console' data-testid={testId}>
      <View className='console__head'>
        <Text className='console__title'>{title}</Text>
      </View>
      {intro ? <Text className='console__muted'>{intro}</Text> : null}
      <AdminMessageLine message={message ?? null} />
      {children}
    </View>
  );
}

export function AdminMessageLine({ message }: { message: AdminMessage | null }) {
  if (!message) return null;
  return (
    <Text className={message.ok ? 'console__ok' : 'console__error'} data-testid='admin-message'>
      {message.text}
    </Text>
  );
}

/** The editor of one row: its form, then 保存 and 取消. */
export function EditorSection({ title, testId, saveTestId, saveDisabled, onSave, onCancel, children }: { title: ReactNode; testId: string; saveTestId: string; saveDisabled: boolean; onSave: () => void; onCancel: () => void; children: ReactNode }) {
  return (
    <View className='console__section' data-testid={testId}>
      <Text className='console__section-title'>{title}</Text>
      {children}
      <View className='console__actions'>
        <ConsoleButton disabled={saveDisabled} onClick={onSave} testId={saveTestId}>
          保存
        </ConsoleButton>
        <ConsoleButton kind='plain' onClick={onCancel}>
          取消
        </ConsoleButton>
      </View>
    </View>
  );
}

/** A list's loading and failure states (the table itself renders once data is there). */
export function ListStates<T>({ list }: { list: RequestState<T> }) {
  return (
    <>
      {list.loading && !list.data ? <StateView kind='loading' title='正在加载…' /> : null}
      {list.error ? <StateView kind='error' title='没有加载出来' description={list.error.message} actionText='重试' onAction={() => void list.reload()} /> : null}
    </>
  );
}

/** The on/off switch of a row that can be retired without being deleted. */
export function ActiveSwitch({ checked, onChange, onText, offText = '已停用' }: { checked: boolean; onChange: (on: boolean) => void; onText: string; offText?: string }) {
  return (
    <View className='console__check'>
      <Switch checked={checked} onChange={(e) => onChange(e.detail.value)} color='#c8102e' />
      <Text>{checked ? onText : offText}</Text>
    </View>
  );
}

/** The 操作 column of a table whose rows open in an editor. */
export function editColumn<T>(onEdit: (row: T) => void): DataColumn<T> {
  return {
    key: 'edit',
    title: '操作',
    render: (row) => (
      <ConsoleButton kind='secondary' onClick={() => onEdit(row)}>
        编辑
      </ConsoleButton>
    ),
  };
}
