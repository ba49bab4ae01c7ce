import { Text, View } from '@tarojs/components';
import type { StationConfirmationResponse } from '@xjy/shared/station';
import { useState } from 'react';
import { errorMessage } from '../../services/http';
import { confirmStation } from '../../services/stations';
import { getCurrentPosition, LocationError } from '../../utils/location';

type Answer = 'open' | 'water' | 'charging';
const QUESTIONS: Array<{ key: Answer; text: string }> = [
  { key: 'open', text: '现在开着吗？' },
  { key: 'water', text: '有饮用水吗？' },
  { key: 'charging', text: '能给手机充电吗？' },
];

/**
 * 帮骑友确认: three taps (open now? water? charging?); the third sends it with where the rider is. The server accepts
 * it only within 100 m of the station and once in 6 hours, and says so in Chinese when not.
 */
export default function ConfirmCard({ stationId, onConfirmed }: { stationId: number; onConfirmed: () => void }) {
  const [answers, setAnswers] = useState<Partial<Record<Answer, boolean>>>({});
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<StationConfirmationResponse | null>(null);
  const [error, setError] = useState<string | null>(null);

  const send = async (all: Record<Answer, boolean>) => {
    setSending(true);
    setError(null);
    try {
      const at = await getCurrentPosition();
      setDone(await confirmStation(stationId, { lat: at.lat, lng: at.lng, ...all }));
      onConfirmed();
    } catch (e) {
      setError(e instanceof LocationError ? '没能获取你的位置，确认需要定位：请允许使用位置后再试' : errorMessage(e));
      setAnswers({});
    } finally {
      setSending(false);
    }
  };

  const pick = (key: Answer, value: boolean) => {
    if (sending) return;
    const next = { ...answers, [key]: value };
    setAnswers(next);
    if (QUESTIONS.every((q) => next[q.key] !== undefined)) void send(next as Record<Answer, boolean>);
  };

  if (done) {
    return (
      <View className='card station-detail__confirm' data-testid='confirm-done'>
        <Text className='card__title'>谢谢你帮骑友确认！</Text>
        <Text className='muted station-detail__block'>{done.pointsAwarded > 0 ? `获得 ${done.pointsAwarded} 积分` : '今日确认积分已满，确认照样有效'}</Text>
      </View>
    );
  }
  return (
    <View className='card station-detail__confirm' data-testid='confirm-card'>
      <Text className='card__title'>在驿站旁边？帮骑友确认一下</Text>
      <Text className='muted station-detail__block'>离驿站 100 米内可确认，每 6 小时一次</Text>
      {QUESTIONS.map((q) => (
        <View key={q.key} className='station-detail__question'>
          <Text>{q.text}</Text>
          <View className='station-detail__answers'>
            {([true, false] as const).map((v) => (
              <Text
                key={String(v)}
                className={`station-detail__answer ${answers[q.key] === v ? 'station-detail__answer--on' : ''}`}
                data-testid={`confirm-${q.key}-${v ? 'yes' : 'no'}`}
                aria-pressed={answers[q.key] === v}
                onClick={() => pick(q.key, v)}
              >
                {v ? '是' : '否'}
              </Text>
            ))}
          </View>
        </View>
      ))}
      {sending ? <Text className='muted'>正在提交…</Text> : null}
      {error ? (
        <Text className='station-detail__error' data-testid='confirm-error'>
          {error}
        </Text>
      ) : null}
    </View>
  );
}
