import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { REPORT_STATUS_LABELS } from '@xjy/shared/report';
import ReportTimeline from '../../components/report-timeline';
import StateView from '../../components/state-view';
import { useRequireLogin } from '../../hooks/use-auth';
import { useRequest } from '../../hooks/use-request';
import { useReshow } from '../../hooks/use-reshow';
import { getReport } from '../../services/reports';
import { mediaUrl } from '../../utils/media-url';
import { formatWhen } from '../../utils/time';
import './index.scss';

/** One of my reports: its photos, where it stands, the points it earned, and every step so far. */
export default function ReportDetailPage() {
  const auth = useRequireLogin();
  const id = Number(Taro.useRouter().params.id);
  const report = useRequest(() => getReport(id), String(id), auth.isLoggedIn && id > 0);
  useReshow(() => void report.reload());

  if (report.loading && !report.data) return <StateView kind='loading' title='正在加载…' />;
  if (report.error || !report.data) {
    return <StateView kind='error' title='没有找到这条随手拍' description={report.error?.message} actionText='重试' onAction={() => void report.reload()} />;
  }
  const r = report.data;
  return (
    <View className='page report-detail' data-testid='report-detail'>
      <View className='card'>
        <View className='report-detail__head'>
          <Text className='report-detail__cat'>{r.categoryLabel}</Text>
          <Text className={`report-detail__status report-detail__status--${r.statusGroup}`} data-testid='report-status'>
            {REPORT_STATUS_LABELS[r.status]}
          </Text>
        </View>
        <Text className='report-detail__desc'>{r.description}</Text>
        <View className='report-detail__photos'>
          {r.photos.map((p) => (
            <Image
              key={p.id}
              className='report-detail__photo'
              src={mediaUrl(p.thumbUrl)}
              mode='aspectFill'
              onClick={() => void Taro.previewImage({ urls: r.photos.map((x) => mediaUrl(x.url)), current: mediaUrl(p.url) })}
            />
          ))}
        </View>
        <Text className='muted'>
          {r.areaName} · {formatWhen(r.createdAt)}
        </Text>
        {r.pointsAwarded > 0 ? (
          <Text className='report-detail__points' data-testid='report-points'>
            获得 {r.pointsAwarded} 积分
          </Text>
        ) : null}
        {r.flagged ? <Text className='field-error'>内容正在人工复核，复核前仅你和工作人员可见</Text> : null}
      </View>
      <View className='card'>
        <Text className='card__title'>处理进度</Text>
        <ReportTimeline events={r.timeline} />
      </View>
    </View>
  );
}
