import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ReportDetailResponse } from '@xjy/shared/report';
import Button from '../../../../components/button';
import LoopForm from '../../../../components/loop-form';
import { approveDeferral, approveExtension, closeCase, refuseDeferral, refuseExtension, verifyCase, type CloseOutcome } from '../../../../services/closed-loop';
import { errorMessage } from '../../../../services/http';
import { CLOSE_OUTCOMES, type LoopReport } from '../../../../utils/closed-loop';

type Mode = 'verify-pass' | 'verify-fail' | 'close' | 'refuse';

const CLOSABLE = new Set(['accepted', 'dispatched', 'handling', 'verifying', 'deferred']);

/** What staff decide in the closed loop: verify the department's work, close honestly, approve or refuse requests. */
export default function LoopActions({ report: r, onDone }: { report: LoopReport; onDone: (next: ReportDetailResponse) => void }) {
  const [mode, setMode] = useState<Mode | null>(null);
  const [outcome, setOutcome] = useState<CloseOutcome | null>(null);
  const [approving, setApproving] = useState(false);
  const status = r.status as string;
  const pending = r.pendingRequest ?? null;
  const pendingLabel = pending === 'extension' ? '延期' : '缓办';

  const finish = (next: ReportDetailResponse, toast: string) => {
    setMode(null);
    setOutcome(null);
    void Taro.showToast({ title: toast, icon: 'success' });
    onDone(next);
  };
  const approve = async () => {
    setApproving(true);
    try {
      finish(await (pending === 'extension' ? approveExtension(r.id) : approveDeferral(r.id)), `已同意${pendingLabel}`);
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setApproving(false);
    }
  };

  if (mode === 'verify-pass' || mode === 'verify-fail') {
    const pass = mode === 'verify-pass';
    return (
      <LoopForm
        title={pass ? '核查通过' : '核查不通过'}
        testId='verify-form'
        submitText={pass ? '确定通过并结案' : '退回返工'}
        notePlaceholder={pass ? '核查情况（必填），例如现场已恢复' : '不通过的原因（必填），部门将按此返工'}
        noteRequired={pass ? '请填写核查情况' : '请填写不通过的原因'}
        onCancel={() => setMode(null)}
        onSubmit={async ({ note }) => finish(await verifyCase(r.id, { pass, note }), pass ? '已结案' : '已退回返工')}
      />
    );
  }
  if (mode === 'close') {
    return (
      <LoopForm
        title='结案（未解决）'
        testId='close-form'
        submitText='确定结案'
        notePlaceholder='结案原因（必填），会展示给上报人'
        noteRequired='请填写结案原因'
        onCancel={() => setMode(null)}
        onSubmit={async ({ note }) => {
          if (!outcome) throw new Error('请选择结案类型');
          finish(await closeCase(r.id, { outcome, reason: note }), '已结案');
        }}
      >
        <View className='loop-form__choices'>
          {CLOSE_OUTCOMES.map((o) => (
            <Text key={o.value} className={`chip loop-form__choice ${outcome === o.value ? 'chip--on' : ''}`} onClick={() => setOutcome(o.value)} data-testid={`close-${o.value}`}>
              {o.label}
            </Text>
          ))}
        </View>
        <Text className='muted'>这样结案不计为已解决</Text>
      </LoopForm>
    );
  }
  if (mode === 'refuse') {
    return (
      <LoopForm
        title={`不同意${pendingLabel}`}
        testId='refuse-form'
        submitText='确定不同意'
        notePlaceholder='说明原因（必填），部门会看到'
        noteRequired='请填写原因'
        onCancel={() => setMode(null)}
        onSubmit={async ({ note }) => finish(await (pending === 'extension' ? refuseExtension(r.id, { note }) : refuseDeferral(r.id, { note })), '已处理申请')}
      />
    );
  }

  const canVerify = status === 'verifying';
  const canClose = CLOSABLE.has(status);
  if (!canVerify && !canClose && !pending) return null;
  return (
    <View className='staff-report__loop' data-testid='loop-actions'>
      {pending ? (
        <View className='card staff-report__request' data-testid='pending-request'>
          <Text className='card__title'>
            {r.department?.name ?? '承办部门'}申请{pendingLabel}
            {pending === 'extension' && r.pendingHours ? ` ${r.pendingHours} 小时` : ''}
          </Text>
          {r.pendingReason ? <Text className='staff-report__request-reason'>理由：{r.pendingReason}</Text> : null}
          <View className='staff-report__buttons'>
            <Button className='btn btn--primary staff-report__action' loading={approving} disabled={approving} onClick={() => void approve()} data-testid='request-approve'>
              同意{pendingLabel}
            </Button>
            <Button className='btn btn--secondary staff-report__action' disabled={approving} onClick={() => setMode('refuse')} data-testid='request-refuse'>
              不同意
            </Button>
          </View>
        </View>
      ) : null}
      <View className='staff-report__actions'>
        {canVerify ? (
          <>
            <Button className='btn btn--primary staff-report__action' onClick={() => setMode('verify-pass')} data-testid='action-verify-pass'>
              核查通过
            </Button>
            <Button className='btn btn--secondary staff-report__action' onClick={() => setMode('verify-fail')} data-testid='action-verify-fail'>
              核查不通过
            </Button>
          </>
        ) : null}
        {canClose ? (
          <Button className='btn btn--plain staff-report__action' onClick={() => setMode('close')} data-testid='action-close'>
            结案（无法解决/非本部门职责）
          </Button>
        ) : null}
      </View>
    </View>
  );
}
