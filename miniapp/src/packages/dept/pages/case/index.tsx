import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ReportDetailResponse } from '@xjy/shared/report';
import { REPORT_EXTENSION_HOURS_MAX, REPORT_RESOLUTION_PHOTOS_MAX } from '@xjy/shared/report';
import ActionBar from '../../../../components/action-bar';
import LoopForm, { LoopChoices, type LoopFormInput, type LoopFormWording } from '../../../../components/loop-form';
import LoopSteps from '../../../../components/loop-steps';
import ReportCard from '../../../../components/report-card';
import ReportTimeline from '../../../../components/report-timeline';
import StateView from '../../../../components/state-view';
import { useReportTemplates } from '../../../../hooks/use-report-templates';
import { useRequest } from '../../../../hooks/use-request';
import { useToastAction } from '../../../../hooks/use-toast-action';
import { reportHandled, requestDeferral, requestExtension, returnCase, signCase } from '../../../../services/closed-loop';
import { getReport } from '../../../../services/reports';
import { can } from '../../../../utils/closed-loop';
import { formatWhen } from '../../../../utils/time';
import DeptOnly from '../../components/dept-only';
import './index.scss';

type Mode = 'return' | 'handled' | 'extension' | 'deferral';
const EXTENSION_HOURS = [24, 48, 72];

/** The wording of each step's form; what it sends is decided in the page. */
const FORMS: Record<Mode, LoopFormWording> = {
  return: { title: '退回案件', testId: 'return-form', submitText: '确定退回', notePlaceholder: '退回原因（必填），例如不属于本部门职责、地址有误', noteRequired: '请填写退回原因' },
  handled: { title: '处置反馈', testId: 'handled-form', submitText: '提交反馈', notePlaceholder: '处置情况（必填），例如已清理、已修复', noteRequired: '请填写处置情况', photosMax: REPORT_RESOLUTION_PHOTOS_MAX },
  extension: { title: '申请延期', testId: 'extension-form', submitText: '提交申请', notePlaceholder: '延期原因（必填）', noteRequired: '请填写延期原因' },
  deferral: { title: '申请缓办', testId: 'deferral-form', submitText: '提交申请', notePlaceholder: '缓办原因（必填），例如需等待施工季节、需上级协调', noteRequired: '请填写缓办原因' },
};

function DeptCase() {
  const id = Number(Taro.useRouter().params.id);
  const loaded = useRequest(() => getReport(id), String(id), id > 0);
  const [fresh, setFresh] = useState<ReportDetailResponse | null>(null);
  const [mode, setMode] = useState<Mode | null>(null);
  const [hours, setHours] = useState('');
  const signing = useToastAction();
  const r = fresh ?? loaded.data;
  const templates = useReportTemplates(r?.category ?? '', mode);

  if (loaded.loading && !r) return <StateView kind='loading' title='正在加载…' />;
  if (loaded.error || !r) return <StateView kind='error' title='没有加载出来' description={loaded.error?.message} actionText='重试' onAction={() => void loaded.reload()} />;

  const done = (next: ReportDetailResponse, toast: string) => {
    setFresh(next);
    setMode(null);
    setHours('');
    void Taro.showToast({ title: toast, icon: 'success' });
  };
  const submit = async (m: Mode, { note, mediaIds }: LoopFormInput) => {
    if (m === 'return') return done(await returnCase(r.id, { reason: note }), '已退回');
    if (m === 'handled') return done(await reportHandled(r.id, { note, mediaIds: mediaIds.length ? mediaIds : undefined }), '已反馈');
    if (m === 'deferral') return done(await requestDeferral(r.id, { reason: note }), '已提交申请');
    const h = Number(hours);
    if (!Number.isInteger(h) || h <= 0) throw new Error('请选择或填写延期小时数');
    if (h > REPORT_EXTENSION_HOURS_MAX) throw new Error(`一次最多延期 ${REPORT_EXTENSION_HOURS_MAX} 小时`);
    done(await requestExtension(r.id, { hours: h, reason: note }), '已提交申请');
  };
  const pending = r.pendingRequest;
  const canSign = can(r, 'sign');
  const canReturn = can(r, 'return');
  const canHandled = can(r, 'handled');
  const canExtend = can(r, 'request_extension') && !pending;
  const canDefer = can(r, 'request_deferral') && !pending;

  return (
    <View className='page dept-case' data-testid='dept-case'>
      <ReportCard report={r} block='dept-case' title={`#${r.id} ${r.categoryLabel}`} titleClassName='dept-case__title' statusClassName='dept-case__status' statusTestId='dept-case-status'>
        <Text className='muted'>
          {r.areaName} · 上报于 {formatWhen(r.createdAt)}
        </Text>
        {r.reworkCount ? <Text className='field-error'>已返工 {r.reworkCount} 次，请按核查意见重新处置</Text> : null}
        {pending ? (
          <Text className='dept-case__pending' data-testid='dept-pending'>
            {pending.kind === 'extension' ? `已申请延期 ${pending.hours ?? ''} 小时` : '已申请缓办'}，等待工作人员审批
          </Text>
        ) : null}
      </ReportCard>

      <View className='card'>
        <LoopSteps report={r} />
      </View>

      {mode ? (
        <LoopForm key={mode} {...FORMS[mode]} templates={templates} onCancel={() => setMode(null)} onSubmit={(input) => submit(mode, input)}>
          {mode === 'extension' ? (
            <>
              <LoopChoices options={EXTENSION_HOURS} value={EXTENSION_HOURS.find((h) => String(h) === hours) ?? null} label={(h) => `${h} 小时`} onPick={(h) => setHours(String(h))} testId={(h) => `extension-hours-${h}`} />
              <Input className='dept-case__input' type='number' placeholder='或填写小时数' value={hours} onInput={(e) => setHours(e.detail.value)} data-testid='extension-hours' />
            </>
          ) : null}
        </LoopForm>
      ) : (
        <ActionBar
          className='dept-case__actions'
          actionClassName='dept-case__action'
          actions={[
            { show: canSign, label: '签收', testId: 'dept-sign', loading: signing.busy, onClick: () => void signing.run(() => signCase(r.id), (next) => done(next, '已签收')) },
            { show: canReturn, label: '退回', testId: 'dept-return', kind: 'secondary', disabled: signing.busy, onClick: () => setMode('return') },
            { show: canHandled, label: '处置反馈', testId: 'dept-handled', onClick: () => setMode('handled') },
            { show: canExtend, label: '申请延期', testId: 'dept-extension', kind: 'secondary', onClick: () => setMode('extension') },
            { show: canDefer, label: '申请缓办', testId: 'dept-deferral', kind: 'secondary', onClick: () => setMode('deferral') },
          ]}
        />
      )}
      {r.status === 'verifying' ? <Text className='muted dept-case__note'>已反馈处置情况，等待工作人员核查</Text> : null}
      {r.status === 'deferred' ? <Text className='muted dept-case__note'>缓办中，恢复办理后会重新出现在处置中</Text> : null}

      <View className='card'>
        <Text className='card__title'>处理记录</Text>
        <ReportTimeline events={r.timeline} />
      </View>
    </View>
  );
}

export default function DeptCasePage() {
  return (
    <DeptOnly>
      <DeptCase />
    </DeptOnly>
  );
}
