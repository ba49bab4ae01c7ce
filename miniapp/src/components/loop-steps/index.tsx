import { Text, View } from '@tarojs/components';
import type { ReportDetailResponse } from '@xjy/shared/report';
import { caseHolder } from '../../utils/closed-loop';
import { formatWhen } from '../../utils/time';
import './index.scss';

/** The seven stages as a step list, with the deadline now running (China time) and who holds the case. */
export default function LoopSteps({ report: r }: { report: ReportDetailResponse }) {
  const holder = caseHolder(r);
  const deadline = r.currentDeadline;
  return (
    <View className='loop-steps' data-testid='loop-steps'>
      <View className='loop-steps__list'>
        {r.stages.map((s, i) => (
          <View key={s.stage} className={`loop-steps__step loop-steps__step--${s.state} ${s.overdue ? 'loop-steps__step--late' : ''}`} data-testid={`loop-step-${s.state}`}>
            <View className='loop-steps__dot'>
              <Text>{s.state === 'done' ? '✓' : i + 1}</Text>
            </View>
            <Text className='loop-steps__title'>{s.label}</Text>
            {s.endedAt && s.state === 'done' ? <Text className='loop-steps__when'>{formatWhen(s.endedAt).split(' ')[0]}</Text> : null}
          </View>
        ))}
      </View>
      {holder ? (
        <Text className='loop-steps__line' data-testid='loop-holder'>
          当前办理：{holder}
        </Text>
      ) : null}
      {deadline ? (
        <Text className={`loop-steps__line ${deadline.overdue ? 'loop-steps__line--overdue' : ''}`} data-testid='loop-deadline'>
          {deadline.label}时限：{formatWhen(deadline.dueAt)}（北京时间）{deadline.overdue ? ' · 已超时' : ''}
        </Text>
      ) : null}
    </View>
  );
}
