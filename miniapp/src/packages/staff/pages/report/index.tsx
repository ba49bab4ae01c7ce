import { useState } from 'react';
import { Image, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Button from '../../../../components/button';
import Taro from '@tarojs/taro';
import type { ReportAction, ReportDetailResponse, ReportRejectReason } from '@xjy/shared/report';
import { REPORT_OUTCOME_LABELS, REPORT_RATING_LABELS } from '@xjy/shared/report';
import { REPORT_ACTION_LABELS, REPORT_NOTE_MAX, REPORT_REJECT_REASON_LABELS, REPORT_REJECT_REASONS, REPORT_RESOLUTION_PHOTOS_MAX } from '@xjy/shared/report';
import LoopSteps from '../../../../components/loop-steps';
import ReportCard from '../../../../components/report-card';
import ReportTimeline from '../../../../components/report-timeline';
import StateView from '../../../../components/state-view';
import TemplateChips from '../../../../components/template-chips';
import { useReportTemplates } from '../../../../hooks/use-report-templates';
import { useRequest } from '../../../../hooks/use-request';
import { errorMessage } from '../../../../services/http';
import { acceptReport, dispatchReport, duplicateReport, getReport, listCategories, listDepartments, rejectReport, reopenReport, resolveReport } from '../../../../services/reports';
import { uploadPhoto } from '../../../../services/upload';
import { ensurePrivacyConsent } from '../../../../utils/privacy';
import { formatWhen } from '../../../../utils/time';
import ReportMap from '../../components/report-map';
import StaffOnly from '../../components/staff-only';
import LoopActions from './loop-actions';
import './index.scss';

const REVIEW_ACTIONS: readonly ReportAction[] = ['accept', 'reject', 'duplicate', 'dispatch', 'resolve', 'reopen'];
/** The review actions admins write response templates for (resolve and reopen have none). */
const TEMPLATE_ACTIONS: ReadonlySet<ReportAction> = new Set(['accept', 'reject', 'duplicate', 'dispatch']);

function ActionForm({ report, action, onDone, onCancel }: { report: ReportDetailResponse; action: ReportAction; onDone: (r: ReportDetailResponse) => void; onCancel: () => void }) {
  const categories = useRequest(listCategories, 'categories', action === 'accept');
  const departments = useRequest(listDepartments, 'departments', action === 'dispatch');
  const category = categories.data?.items.find((c) => c.key === report.category);
  const range = category ? Array.from({ length: category.pointsMax - category.pointsMin + 1 }, (_, i) => category.pointsMin + i) : [];
  const [points, setPoints] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const templates = useReportTemplates(report.category, TEMPLATE_ACTIONS.has(action) ? action : null);
  const [reason, setReason] = useState<ReportRejectReason>('insufficient_info');
  const [departmentId, setDepartmentId] = useState<number | null>(null);
  const [ofReportId, setOfReportId] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const deps = departments.data?.items ?? [];

  const submit = async () => {
    setError(null);
    const text = note.trim();
    try {
      setBusy(true);
      let next: ReportDetailResponse;
      if (action === 'accept') {
        if (points === null) throw new Error('请选择积分');
        next = await acceptReport(report.id, { points, note: text || undefined });
      } else if (action === 'reject') {
        next = await rejectReport(report.id, { reason, note: text || undefined });
      } else if (action === 'duplicate') {
        const of = Number(ofReportId);
        if (!Number.isInteger(of) || of <= 0) throw new Error('请填写重复的上报编号');
        next = await duplicateReport(report.id, { ofReportId: of, note: text || undefined });
      } else if (action === 'dispatch') {
        if (departmentId === null) throw new Error('请选择承办部门');
        next = await dispatchReport(report.id, { departmentId, note: text || undefined });
      } else if (action === 'resolve') {
        if (!text) throw new Error('请填写办理结果');
        const mediaIds: number[] = [];
        for (const p of photos) mediaIds.push((await uploadPhoto(p)).id);
        next = await resolveReport(report.id, { note: text, mediaIds });
      } else {
        if (!text) throw new Error('请说明重新打开的原因');
        next = await reopenReport(report.id, { note: text });
      }
      void Taro.showToast({ title: `已${REPORT_ACTION_LABELS[action]}`, icon: 'success' });
      onDone(next);
    } catch (e) {
      setError(e instanceof Error && !('code' in e) ? e.message : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const pick = async () => {
    if (!(await ensurePrivacyConsent())) return;
    try {
      const r = await Taro.chooseMedia({ count: REPORT_RESOLUTION_PHOTOS_MAX - photos.length, mediaType: ['image'] });
      setPhotos([...photos, ...r.tempFiles.map((f) => f.tempFilePath)].slice(0, REPORT_RESOLUTION_PHOTOS_MAX));
    } catch {
      // Cancelled.
    }
  };

  return (
    <View className='card staff-report__form' data-testid={`form-${action}`}>
      <Text className='card__title'>{REPORT_ACTION_LABELS[action]}</Text>
      {action === 'accept' ? (
        <View className='staff-report__points'>
          {range.map((n) => (
            <Text key={n} className={`chip staff-report__point ${points === n ? 'chip--on' : ''}`} onClick={() => setPoints(n)} data-testid={`accept-points-${n}`}>
              {n}
            </Text>
          ))}
          {category ? <Text className='muted'>{category.label}：{category.pointsMin}–{category.pointsMax} 分</Text> : null}
        </View>
      ) : null}
      {action === 'reject' ? (
        <Picker mode='selector' range={REPORT_REJECT_REASONS.map((r) => REPORT_REJECT_REASON_LABELS[r])} value={REPORT_REJECT_REASONS.indexOf(reason)} onChange={(e) => setReason(REPORT_REJECT_REASONS[Number(e.detail.value)])}>
          <View className='row'>
            <Text className='row__label'>原因</Text>
            <Text className='row__value'>{REPORT_REJECT_REASON_LABELS[reason]} ›</Text>
          </View>
        </Picker>
      ) : null}
      {action === 'dispatch' ? (
        // Chips, not a picker: every department in sight and one tap, on a phone and at a desk alike.
        <View className='staff-report__departments' data-testid='dispatch-department'>
          <Text className='row__label'>承办部门</Text>
          {deps.map((d) => (
            <Text key={d.id} className={`chip ${departmentId === d.id ? 'chip--on' : ''}`} onClick={() => setDepartmentId(d.id)} data-testid={`dispatch-department-${d.id}`}>
              {d.name}
            </Text>
          ))}
        </View>
      ) : null}
      {action === 'duplicate' ? <Input className='staff-report__input' type='number' placeholder='与第几号上报重复' value={ofReportId} onInput={(e) => setOfReportId(e.detail.value)} /> : null}
      {action === 'resolve' ? (
        <View className='staff-report__photos'>
          {photos.map((p) => (
            <Image key={p} className='staff-report__photo' src={p} mode='aspectFill' nativeProps={{ alt: '办结照片' }} />
          ))}
          {photos.length < REPORT_RESOLUTION_PHOTOS_MAX ? (
            <Text className='staff-report__add' onClick={() => void pick()}>
              ＋ 办结照片
            </Text>
          ) : null}
        </View>
      ) : null}
      <TemplateChips templates={templates} onPick={setNote} testId={`form-${action}-templates`} />
      <Textarea
        className='staff-report__note'
        value={note}
        maxlength={REPORT_NOTE_MAX}
        placeholder={action === 'resolve' ? '办理结果（必填）' : action === 'reopen' ? '重新打开的原因（必填）' : '备注（选填），会展示给上报人'}
        onInput={(e) => setNote(e.detail.value)}
        data-testid='action-note'
      />
      {error ? (
        <Text className='field-error' data-testid='action-error'>
          {error}
        </Text>
      ) : null}
      <View className='staff-report__buttons'>
        <Button className='btn btn--plain' onClick={onCancel}>
          取消
        </Button>
        <Button className='btn btn--primary' loading={busy} disabled={busy} onClick={() => void submit()} data-testid='action-submit'>
          确定{REPORT_ACTION_LABELS[action]}
        </Button>
      </View>
    </View>
  );
}

function StaffReport() {
  const id = Number(Taro.useRouter().params.id);
  const loaded = useRequest(() => getReport(id), String(id), id > 0);
  const [fresh, setFresh] = useState<ReportDetailResponse | null>(null);
  const [action, setAction] = useState<ReportAction | null>(null);
  const r = fresh ?? loaded.data;

  if (loaded.loading && !r) return <StateView kind='loading' title='正在加载…' />;
  if (loaded.error || !r) return <StateView kind='error' title='没有加载出来' description={loaded.error?.message} actionText='重试' onAction={() => void loaded.reload()} />;
  // The review actions this page's form handles; the closed-loop decisions have their own panel below.
  const reviewActions = r.actions.filter((a) => REVIEW_ACTIONS.includes(a));

  return (
    <View className='page staff-report' data-testid='staff-report'>
      <ReportCard
        report={r}
        block='staff-report'
        title={`#${r.id} ${r.categoryLabel}`}
        titleClassName='staff-report__title'
        statusClassName='staff-report__status'
        statusTestId='staff-report-status'
        alerts={
          <>
            {r.overdue ? <Text className='field-error'>已超过处理时限</Text> : null}
            {r.flagged ? <Text className='field-error'>内容安全检测未通过，请人工复核（对其他用户已隐藏）</Text> : null}
          </>
        }
      >
        <Text className='muted'>
          上报人 {r.reporter?.nickname ?? '—'} · {r.areaName} · {formatWhen(r.createdAt)}
        </Text>
        <Text className='muted'>
          受理时限 {formatWhen(r.acceptDueAt)} · 办结时限 {formatWhen(r.resolveDueAt)}
        </Text>
        {r.witnessCount ? <Text className='muted'>另有 {r.witnessCount} 人也看到</Text> : null}
        {r.department ? <Text className='muted'>承办部门：{r.department.name}</Text> : null}
        {r.reworkCount || r.extensionCount ? (
          <Text className='muted' data-testid='staff-report-counts'>
            返工 {r.reworkCount} 次 · 延期 {r.extensionCount} 次
          </Text>
        ) : null}
        {r.escalationLevel > 0 ? <Text className='field-error'>已超时督办（第 {r.escalationLevel} 级）</Text> : null}
        {r.outcome ? (
          <Text className='muted' data-testid='staff-report-outcome'>
            结案结论：{REPORT_OUTCOME_LABELS[r.outcome]}
            {r.reporterFixed !== null ? ` · 上报人确认：${r.reporterFixed ? '已解决' : '未解决'}` : ''}
            {r.rating ? ` · 评价：${REPORT_RATING_LABELS[r.rating]}${r.ratingNote ? `（${r.ratingNote}）` : ''}` : ''}
          </Text>
        ) : null}
        <ReportMap lat={r.lat} lng={r.lng} />
      </ReportCard>

      {action ? (
        <ActionForm
          report={r}
          action={action}
          onCancel={() => setAction(null)}
          onDone={(next) => {
            setFresh(next);
            setAction(null);
          }}
        />
      ) : reviewActions.length ? (
        <View className='staff-report__actions'>
          {reviewActions.map((a) => (
            <Button key={a} className={`btn ${a === 'accept' || a === 'resolve' ? 'btn--primary' : 'btn--secondary'} staff-report__action`} onClick={() => setAction(a)} data-testid={`action-${a}`}>
              {REPORT_ACTION_LABELS[a]}
            </Button>
          ))}
        </View>
      ) : null}

      {action ? null : <LoopActions report={r} onDone={setFresh} />}

      <View className='card'>
        <Text className='card__title'>办理阶段</Text>
        <LoopSteps report={r} />
      </View>

      <View className='card'>
        <Text className='card__title'>处理记录</Text>
        <ReportTimeline events={r.timeline} />
      </View>
    </View>
  );
}

export default function StaffReportPage() {
  return (
    <StaffOnly>
      <StaffReport />
    </StaffOnly>
  );
}
