import { Text, View } from '@tarojs/components';
import { caseHolder, currentDeadline, loopSteps, type LoopReport } from '../../utils/closed-loop';
import { formatWhen } from '../../utils/time';
import './index.scss';

/** The seven stages as a step list, with the deadline now running (China time) and who holds the case. */
export default function LoopSteps({ report }: { report: LoopReport }) {
  const steps = loopSteps(report);
  const deadline = currentDeadline(report);
  const holder = caseHolder(report);
  const overdue = deadline ? Date.parse(deadline) < Date.now() : false;
  return (
    <View className='loop-steps' data-testid='loop-steps'>
      <View className='loop-steps__list'>
        {steps.map((s, i) => (
          <View key={s.title} className={`loop-steps__step loop-steps__step--${s.state}`} data-testid={`loop-step-${s.state}`}>
            <View className='loop-steps__dot'>
              <Text>{s.state === 'done' ? '✓' : i + 1}</Text>
            </View>
            <Text className='loop-steps__title'>{s.title}</Text>
          </View>
        ))}
      </View>
      {holder ? (
        <Text className='loop-steps__line' data-testid='loop-holder'>
          当前办理：{holder}
        </Text>
      ) : null}
      {deadline ? (
        <Text className={`loop-steps__line ${overdue ? 'loop-steps__line--overdue' : ''}`} data-testid='loop-deadline'>
          {overdue ? '已超时，时限' : '办理时限'}：{formatWhen(deadline)}（北京时间）
        </Text>
      ) : null}
    </View>
  );
}
