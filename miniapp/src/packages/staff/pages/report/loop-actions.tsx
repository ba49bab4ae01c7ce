import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ReportCloseOutcome, ReportDetailResponse } from '@xjy/shared/report';
import { REPORT_CLOSE_OUTCOMES, REPORT_OUTCOME_LABELS } from '@xjy/shared/report';
import ActionBar from '../../../../components/action-bar';
import LoopForm, { LoopChoices, type LoopFormInput, type LoopFormWording } from '../../../../components/loop-form';
import { useReportTemplates } from '../../../../hooks/use-report-templates';
import { useToastAction } from '../../../../hooks/use-toast-action';
import { approveDeferral, approveExtension, closeCase, refuseDeferral, refuseExtension, resumeCase, verifyCase } from '../../../../services/closed-loop';
import { can } from '../../../../utils/closed-loop';

type Mode = 'verify-pass' | 'verify-fail' | 'close' | 'refuse';

/** What each decision's form says; `pendingLabel` names the request being refused (延期 or 缓办). */
function wording(mode: Mode, pendingLabel: string): LoopFormWording {
  switch (mode) {
    case 'verify-pass':
      return { title: '核查通过', testId: 'verify-form', submitText: '确定通过并结案', notePlaceholder: '核查情况（选填），例如现场已恢复' };
    case 'verify-fail':
      return { title: '核查不通过', testId: 'verify-form', submitText: '退回返工', notePlaceholder: '不通过的原因（必填），部门将按此返工', noteRequired: '请填写不通过的原因' };
    case 'close':
      return { title: '结案（未解决）', testId: 'close-form', submitText: '确定结案', notePlaceholder: '结案原因（必填），会展示给上报人', noteRequired: '请填写结案原因' };
    case 'refuse':
      return { title: `不同意${pendingLabel}`, testId: 'refuse-form', submitText: '确定不同意', notePlaceholder: '说明原因（必填），部门会看到', noteRequired: '请填写原因' };
  }
}

/** What staff decide in the closed loop: verify the department's work, close honestly, approve or refuse requests. */
export default function LoopActions({ report: r, onDone }: { report: ReportDetailResponse; onDone: (next: ReportDetailResponse) => void }) {
  const [mode, setMode] = useState<Mode | null>(null);
  const [outcome, setOutcome] = useState<ReportCloseOutcome | null>(null);
  const { busy, run: request } = useToastAction();
  const pending = r.pendingRequest;
  const isExtension = pending?.kind === 'extension';
  const pendingLabel = isExtension ? '延期' : '缓办';
  const templates = useReportTemplates(r.category, mode === 'verify-pass' ? 'verify' : mode === 'verify-fail' ? 'rework' : mode);

  const finish = (next: ReportDetailResponse, toast: string) => {
    setMode(null);
    setOutcome(null);
    void Taro.showToast({ title: toast, icon: 'success' });
    onDone(next);
  };
  const run = (call: () => Promise<ReportDetailResponse>, toast: string) => request(call, (next) => finish(next, toast));
  const approve = () => run(() => (isExtension ? approveExtension(r.id) : approveDeferral(r.id)), `已同意${pendingLabel}`);
  const resume = () => run(() => resumeCase(r.id), '已恢复办理');

  const submit = async (m: Mode, { note }: LoopFormInput) => {
    if (m === 'verify-pass' || m === 'verify-fail') {
      const pass = m === 'verify-pass';
      return finish(await verifyCase(r.id, { pass, ...(note ? { note } : {}) }), pass ? '已结案' : '已退回返工');
    }
    if (m === 'refuse') return finish(await (isExtension ? refuseExtension(r.id, { note }) : refuseDeferral(r.id, { note })), '已处理申请');
    if (!outcome) throw new Error('请选择结案类型');
    finish(await closeCase(r.id, { outcome, reason: note }), '已结案');
  };

  if (mode) {
    return (
      <LoopForm key={mode} {...wording(mode, pendingLabel)} templates={templates} onCancel={() => setMode(null)} onSubmit={(input) => submit(mode, input)}>
        {mode === 'close' ? (
          <>
            <LoopChoices options={REPORT_CLOSE_OUTCOMES} value={outcome} label={(v) => REPORT_OUTCOME_LABELS[v]} onPick={setOutcome} testId={(v) => `close-${v}`} />
            <Text className='muted'>这样结案不计为已解决</Text>
          </>
        ) : null}
      </LoopForm>
    );
  }

  const canVerify = can(r, 'verify');
  const canRework = can(r, 'rework');
  const canClose = can(r, 'close');
  const canResume = can(r, 'resume');
  const canDecide = pending ? can(r, isExtension ? 'approve_extension' : 'approve_deferral') : false;
  const canRefuse = pending ? can(r, isExtension ? 'refuse_extension' : 'refuse_deferral') : false;
  if (!canVerify && !canRework && !canClose && !canResume && !canDecide && !canRefuse) return null;
  return (
    <View className='staff-report__loop' data-testid='loop-actions'>
      {pending && (canDecide || canRefuse) ? (
        <View className='card staff-report__request' data-testid='pending-request'>
          <Text className='card__title'>
            {r.department?.name ?? '承办部门'}申请{pendingLabel}
            {isExtension && pending.hours ? ` ${pending.hours} 小时` : ''}
          </Text>
          {pending.reason ? <Text className='staff-report__request-reason'>理由：{pending.reason}</Text> : null}
          <ActionBar
            className='staff-report__buttons'
            actionClassName='staff-report__action'
            actions={[
              { show: canDecide, label: `同意${pendingLabel}`, testId: 'request-approve', loading: busy, onClick: () => void approve() },
              { show: canRefuse, label: '不同意', testId: 'request-refuse', kind: 'secondary', disabled: busy, onClick: () => setMode('refuse') },
            ]}
          />
        </View>
      ) : null}
      <ActionBar
        className='staff-report__actions'
        actionClassName='staff-report__action'
        actions={[
          { show: canVerify, label: '核查通过', testId: 'action-verify-pass', onClick: () => setMode('verify-pass') },
          { show: canRework, label: '核查不通过', testId: 'action-verify-fail', kind: 'secondary', onClick: () => setMode('verify-fail') },
          { show: canResume, label: '恢复办理', testId: 'action-resume', loading: busy, onClick: () => void resume() },
          { show: canClose, label: '结案（未解决）', testId: 'action-close', kind: 'plain', onClick: () => setMode('close') },
        ]}
      />
    </View>
  );
}
