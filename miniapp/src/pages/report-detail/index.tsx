import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ReportDetailResponse, ReportRating } from '@xjy/shared/report';
import { REPORT_FOLLOW_UP_RADIUS_M, REPORT_OUTCOME_LABELS, REPORT_PHOTOS_MAX, REPORT_RATING_LABELS, REPORT_RATINGS } from '@xjy/shared/report';
import ActionBar from '../../components/action-bar';
import LoopForm, { LoopChoices, type LoopFormInput, type LoopFormWording } from '../../components/loop-form';
import LoopSteps from '../../components/loop-steps';
import ReportCard from '../../components/report-card';
import ReportTimeline from '../../components/report-timeline';
import StateView from '../../components/state-view';
import { useRequireLogin } from '../../hooks/use-auth';
import { useRequest } from '../../hooks/use-request';
import { useReshow } from '../../hooks/use-reshow';
import { useToastAction } from '../../hooks/use-toast-action';
import { confirmFixed, rateReport, supplementReport, withdrawReport } from '../../services/closed-loop';
import { getReport } from '../../services/reports';
import { getCurrentPosition } from '../../utils/location';
import { ensurePrivacyConsent } from '../../utils/privacy';
import { formatWhen } from '../../utils/time';
import './index.scss';

type Mode = 'supplement' | 'fixed' | 'not-fixed' | 'rate';
const FOLLOW_UP_HINT = `可附一张现场照片（选填），需在问题地点 ${REPORT_FOLLOW_UP_RADIUS_M} 米内拍摄`;

/** What each of the reporter's forms says; what it sends is decided in the page. */
const FORMS: Record<Mode, LoopFormWording> = {
  supplement: { title: '补充信息', testId: 'supplement-form', submitText: '提交补充', notePlaceholder: '补充说明（必填），例如问题的新情况、更准确的位置', noteRequired: '请填写补充内容', photosMax: REPORT_PHOTOS_MAX },
  fixed: { title: '确认已解决', testId: 'confirm-form', submitText: '确认已解决', notePlaceholder: '说两句（选填）', hint: FOLLOW_UP_HINT, photosMax: 1 },
  'not-fixed': { title: '反馈未解决', testId: 'confirm-form', submitText: '提交未解决', notePlaceholder: '哪里还没解决（选填），会转给工作人员复查', hint: FOLLOW_UP_HINT, photosMax: 1 },
  rate: { title: '评价办理结果', testId: 'rate-form', submitText: '提交评价', notePlaceholder: '说说你的看法（选填）' },
};


/** Where the follow-up photo was taken: the server checks it is within 100 m of the problem. */
async function hereOrExplain(): Promise<{ lat: number; lng: number }> {
  if (!(await ensurePrivacyConsent())) throw new Error('回访照片需要你的位置，请先同意隐私保护指引');
  try {
    return await getCurrentPosition();
  } catch {
    throw new Error('无法获取你的位置，回访照片需要在问题地点附近拍摄并开启定位');
  }
}

function Outcome({ r }: { r: ReportDetailResponse }) {
  if (!r.outcome) return null;
  const closedAs = REPORT_OUTCOME_LABELS[r.outcome];
  return (
    <View className='card' data-testid='report-outcome'>
      <Text className='card__title'>办理结果</Text>
      <Text className='report-detail__line'>结案结论：{closedAs}</Text>
      {r.reporterFixed !== null ? (
        <Text className='report-detail__line' data-testid='report-confirmed'>
          你的确认：{r.reporterFixed ? '已解决' : '未解决，已请工作人员复查'}
        </Text>
      ) : null}
      {r.rating ? (
        <Text className='report-detail__line' data-testid='report-rating'>
          你的评价：{REPORT_RATING_LABELS[r.rating]}
          {r.ratingNote ? `（${r.ratingNote}）` : ''}
        </Text>
      ) : null}
    </View>
  );
}

/** One of my reports: its photos, each stage, the deadline and holder, what I can do now, and every step so far. */
export default function ReportDetailPage() {
  const auth = useRequireLogin();
  const id = Number(Taro.useRouter().params.id);
  const report = useRequest(() => getReport(id), String(id), auth.isLoggedIn && id > 0);
  const [fresh, setFresh] = useState<ReportDetailResponse | null>(null);
  const [mode, setMode] = useState<Mode | null>(null);
  const [rating, setRating] = useState<ReportRating | null>(null);
  const withdrawing = useToastAction();
  useReshow(() => {
    setFresh(null);
    void report.reload();
  });

  if (report.loading && !report.data) return <StateView kind='loading' title='正在加载…' />;
  if (report.error || !report.data) {
    return <StateView kind='error' title='没有找到这条随手拍' description={report.error?.message} actionText='重试' onAction={() => void report.reload()} />;
  }
  const r = fresh ?? report.data;
  const done = (next: ReportDetailResponse, toast: string) => {
    setFresh(next);
    setMode(null);
    setRating(null);
    void Taro.showToast({ title: toast, icon: 'success' });
  };
  // The server lists what the reporter may do; a judgement already given is not offered again.
  const mine = r.reporterActions;
  const canConfirm = mine.includes('confirm') && r.reporterFixed === null;
  const canRate = mine.includes('rate') && !r.rating;
  const canSupplement = mine.includes('supplement');
  const canWithdraw = mine.includes('withdraw');

  const submit = async (m: Mode, { note, mediaIds }: LoopFormInput) => {
    if (m === 'supplement') return done(await supplementReport(r.id, { text: note, mediaIds: mediaIds.length ? mediaIds : undefined }), '已补充');
    if (m === 'rate') {
      if (!rating) throw new Error('请选择满意程度');
      return done(await rateReport(r.id, { rating, note: note || undefined }), '感谢评价');
    }
    const at = mediaIds.length ? await hereOrExplain() : null;
    const body = { fixed: m === 'fixed', ...(note ? { note } : {}), ...(mediaIds.length ? { mediaIds } : {}), ...(at ? { lat: at.lat, lng: at.lng } : {}) };
    done(await confirmFixed(r.id, body), m === 'fixed' ? '感谢确认' : '已请工作人员复查');
  };
  const withdraw = async () => {
    const { confirm } = await Taro.showModal({ title: '撤回随手拍', content: '撤回后工作人员将不再处理这条随手拍，确定撤回吗？' });
    if (!confirm) return;
    await withdrawing.run(() => withdrawReport(r.id), (next) => done(next, '已撤回'));
  };

  return (
    <View className='page report-detail' data-testid='report-detail'>
      <ReportCard report={r} block='report-detail' title={r.categoryLabel} titleClassName='report-detail__cat' statusClassName={`report-detail__status report-detail__status--${r.statusGroup}`} statusTestId='report-status'>
        <Text className='muted'>
          {r.areaName} · {formatWhen(r.createdAt)}
        </Text>
        {r.pointsAwarded > 0 ? (
          <Text className='report-detail__points' data-testid='report-points'>
            获得 {r.pointsAwarded} 积分
          </Text>
        ) : null}
        {r.flagged ? <Text className='field-error'>内容正在人工复核，复核前仅你和工作人员可见</Text> : null}
      </ReportCard>

      <View className='card'>
        <Text className='card__title'>办理阶段</Text>
        <LoopSteps report={r} />
      </View>

      <Outcome r={r} />

      {mode ? (
        <LoopForm key={mode} {...FORMS[mode]} onCancel={() => setMode(null)} onSubmit={(input) => submit(mode, input)}>
          {mode === 'rate' ? <LoopChoices options={REPORT_RATINGS} value={rating} label={(v) => REPORT_RATING_LABELS[v]} onPick={setRating} testId={(v) => `rate-${v}`} /> : null}
        </LoopForm>
      ) : null}

      {!mode ? (
        <ActionBar
          className='report-detail__actions'
          actionClassName='report-detail__action'
          testId='reporter-actions'
          actions={[
            { show: canConfirm, label: '确认已解决', testId: 'action-confirm-fixed', onClick: () => setMode('fixed') },
            { show: canConfirm, label: '还没解决', testId: 'action-confirm-not-fixed', kind: 'secondary', onClick: () => setMode('not-fixed') },
            { show: canRate, label: '评价', testId: 'action-rate', kind: 'secondary', onClick: () => setMode('rate') },
            { show: canSupplement, label: '补充信息', testId: 'action-supplement', kind: 'secondary', onClick: () => setMode('supplement') },
            { show: canWithdraw, label: '撤回', testId: 'action-withdraw', kind: 'plain', loading: withdrawing.busy, onClick: () => void withdraw() },
          ]}
        />
      ) : null}

      <View className='card'>
        <Text className='card__title'>处理进度</Text>
        <ReportTimeline events={r.timeline} />
      </View>
    </View>
  );
}
