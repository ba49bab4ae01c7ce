import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ReportTemplateAction, ReportTemplateResponse } from '@xjy/shared/report-templates';
import { REPORT_TEMPLATE_ACTION_LABELS, REPORT_TEMPLATE_ACTIONS, REPORT_TEMPLATE_BODY_MAX, REPORT_TEMPLATE_TITLE_MAX } from '@xjy/shared/report-templates';
import { useRequest } from '../../../../hooks/use-request';
import { createReportTemplate, deleteReportTemplate, listReportTemplates, updateReportTemplate } from '../../../../services/admin';
import { listCategories } from '../../../../services/reports';
import { ActiveSwitch, AdminPage, EditorSection, ListStates, useAdminAction } from '../../components/admin-console';
import AdminOnly from '../../components/admin-only';
import ConsoleButton from '../../components/console-button';
import DataTable from '../../components/data-table';
import type { DataColumn } from '../../components/data-table/types';
import Field, { TextField } from '../../components/field';
import SearchSelect from '../../components/search-select';
import { NEW_TEMPLATE, templateDraftErrors, templateRequest, toTemplateDraft, type TemplateDraft } from './template-rules';
import './index.scss';

const ACTION_OPTIONS = REPORT_TEMPLATE_ACTIONS.map((a) => ({ value: a, label: REPORT_TEMPLATE_ACTION_LABELS[a] }));
const ALL_CATEGORIES = '所有类别（通用）';
/** The category filter's value for the templates written for every category. */
const GENERAL = 0;

function TemplateForm({ draft, onChange, editing, errors, categories, prefix }: { draft: TemplateDraft; onChange: (d: TemplateDraft) => void; editing: boolean; errors: Record<string, string>; categories: Array<{ value: number; label: string }>; prefix: string }) {
  return (
    <>
      <View className='console__form'>
        <Field label='办理环节' error={errors.action}>
          <SearchSelect label='办理环节' options={ACTION_OPTIONS} value={draft.action} onChange={(action) => onChange({ ...draft, action })} testId={`${prefix}-action`} />
        </Field>
        <Field label='适用类别' error={errors.categoryId}>
          <SearchSelect label='适用类别' options={categories} value={draft.categoryId} onChange={(categoryId) => onChange({ ...draft, categoryId })} placeholder={ALL_CATEGORIES} clearLabel={ALL_CATEGORIES} testId={`${prefix}-category`} />
        </Field>
        <TextField label='标题' error={errors.title} value={draft.title} maxlength={REPORT_TEMPLATE_TITLE_MAX} placeholder='如 已清理' onChange={(title) => onChange({ ...draft, title })} testId={`${prefix}-title`} />
        <TextField label='排序' error={errors.sortOrder} numeric value={draft.sortOrder} onChange={(sortOrder) => onChange({ ...draft, sortOrder })} testId={`${prefix}-sortOrder`} />
        {editing ? <ActiveSwitch checked={draft.active} onChange={(active) => onChange({ ...draft, active })} onText='启用中' /> : null}
      </View>
      <View className='console__form'>
        <Field label={`内容（最多 ${REPORT_TEMPLATE_BODY_MAX} 字，选用后可再修改）`} error={errors.body} wide>
          <Textarea
            className='console__textarea'
            value={draft.body}
            maxlength={REPORT_TEMPLATE_BODY_MAX}
            placeholder='如 经现场核查，问题已处理完毕，感谢您的反映。'
            nativeProps={{ 'aria-label': '内容' }}
            onInput={(e) => onChange({ ...draft, body: e.detail.value })}
            data-testid={`${prefix}-body`}
          />
        </Field>
      </View>
    </>
  );
}

function Templates() {
  const list = useRequest(listReportTemplates, 'admin-templates');
  const categoryList = useRequest(listCategories, 'categories');
  const [draft, setDraft] = useState<TemplateDraft>(NEW_TEMPLATE);
  const [editing, setEditing] = useState<{ id: number; draft: TemplateDraft } | null>(null);
  const [filter, setFilter] = useState<{ action: ReportTemplateAction | null; categoryId: number | null }>({ action: null, categoryId: null });
  const { busy, message, errors, run, refuse } = useAdminAction(list.reload);

  const categories = (categoryList.data?.items ?? []).map((c) => ({ value: c.id, label: c.active ? c.label : `${c.label}（已停用）` }));
  const categoryName = (id: number | null) => (id === null ? '通用' : (categoryList.data?.items.find((c) => c.id === id)?.label ?? `类别 #${id}`));

  const save = async (d: TemplateDraft, id: number | null) => {
    const problems = templateDraftErrors(d);
    if (Object.keys(problems).length) {
      refuse('请按提示修改后再保存', problems);
      return;
    }
    const body = templateRequest(d);
    const ok = await run(() => (id === null ? createReportTemplate(body) : updateReportTemplate(id, { ...body, active: d.active })), `已保存模板「${body.title}」`);
    if (ok && id === null) setDraft(NEW_TEMPLATE);
    else if (ok) setEditing(null);
  };

  const remove = async (t: ReportTemplateResponse) => {
    const answer = await Taro.showModal({ title: '删除回复模板', content: `确定删除「${t.title}」吗？删除后不能恢复；只想暂时不用可以编辑并停用。`, confirmText: '删除', confirmColor: '#b0102a' });
    if (!answer.confirm) return;
    const ok = await run(() => deleteReportTemplate(t.id), `已删除模板「${t.title}」`);
    if (ok && editing?.id === t.id) setEditing(null);
  };

  const columns: Array<DataColumn<ReportTemplateResponse>> = [
    { key: 'action', title: '办理环节', render: (t) => REPORT_TEMPLATE_ACTION_LABELS[t.action], sortValue: (t) => REPORT_TEMPLATE_ACTIONS.indexOf(t.action), nowrap: true },
    { key: 'category', title: '适用类别', render: (t) => categoryName(t.categoryId), sortValue: (t) => categoryName(t.categoryId), nowrap: true },
    { key: 'sortOrder', title: '排序', render: (t) => String(t.sortOrder), sortValue: (t) => t.sortOrder, nowrap: true },
    { key: 'title', title: '标题', render: (t) => t.title, sortValue: (t) => t.title },
    { key: 'body', title: '内容', render: (t) => t.body },
    { key: 'active', title: '状态', render: (t) => (t.active ? '启用' : '已停用'), sortValue: (t) => (t.active ? 0 : 1), nowrap: true },
    {
      key: 'edit',
      title: '操作',
      nowrap: true,
      render: (t) => (
        <View className='console__actions' onClick={(e) => e.stopPropagation()}>
          <ConsoleButton kind='secondary' disabled={busy} onClick={() => setEditing({ id: t.id, draft: toTemplateDraft(t) })}>
            编辑
          </ConsoleButton>
          <ConsoleButton kind='plain' disabled={busy} onClick={() => void remove(t)}>
            删除
          </ConsoleButton>
        </View>
      ),
    },
  ];
  const rows = (list.data?.items ?? []).filter(
    (t) => (filter.action === null || t.action === filter.action) && (filter.categoryId === null || t.categoryId === (filter.categoryId === GENERAL ? null : filter.categoryId)),
  );

  return (
    <AdminPage testId='admin-templates' title='回复模板' intro='工作人员核查、结案，职能部门退回、反馈处置时可一键选用的常用回复；类别专用的排在通用的前面，停用的不再出现。' message={message}>
      {editing ? (
        <EditorSection title={`编辑模板「${editing.draft.title || '未命名'}」`} testId='template-editor' saveTestId='save-template' saveDisabled={busy} onSave={() => void save(editing.draft, editing.id)} onCancel={() => setEditing(null)}>
          <TemplateForm draft={editing.draft} onChange={(d) => setEditing({ ...editing, draft: d })} editing errors={errors} categories={categories} prefix='edit' />
        </EditorSection>
      ) : null}
      <View className='console__section'>
        <Text className='console__section-title'>新建模板</Text>
        <TemplateForm draft={draft} onChange={setDraft} editing={false} errors={editing ? {} : errors} categories={categories} prefix='new' />
        <ConsoleButton disabled={busy} onClick={() => void save(draft, null)} testId='create-template'>
          创建模板
        </ConsoleButton>
      </View>
      <View className='console__filters'>
        <Field label='按办理环节筛选'>
          <SearchSelect label='按办理环节筛选' options={ACTION_OPTIONS} value={filter.action} onChange={(action) => setFilter({ ...filter, action })} clearLabel='全部环节' placeholder='全部环节' testId='filter-action' />
        </Field>
        <Field label='按类别筛选'>
          <SearchSelect
            label='按类别筛选'
            options={[{ value: GENERAL, label: '通用（所有类别）' }, ...categories]}
            value={filter.categoryId}
            onChange={(categoryId) => setFilter({ ...filter, categoryId })}
            clearLabel='全部类别'
            placeholder='全部类别'
            testId='filter-category'
          />
        </Field>
      </View>
      <ListStates list={list} />
      {list.data ? (
        <DataTable
          caption='回复模板'
          columns={columns}
          rows={rows}
          rowKey={(t) => t.id}
          initialSort={{ key: 'action', direction: 'asc' }}
          filterText={(t) => `${t.title} ${t.body}`}
          filterPlaceholder='按标题或内容筛选'
          emptyText={list.data.items.length ? '没有符合筛选条件的模板' : '还没有回复模板'}
          testId='template-table'
        />
      ) : null}
    </AdminPage>
  );
}

export default function AdminTemplatesPage() {
  return (
    <AdminOnly>
      <Templates />
    </AdminOnly>
  );
}
