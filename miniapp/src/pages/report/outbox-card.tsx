import { Text, View } from '@tarojs/components';
import Button from '../../components/button';
import type { ReportOutbox } from '../../hooks/use-report-outbox';

function retryText(retryAt: number | null): string {
  if (!retryAt) return '网络恢复后自动发送';
  const s = Math.max(1, Math.round((retryAt - Date.now()) / 1000));
  return s >= 60 ? `约 ${Math.round(s / 60)} 分钟后自动重试` : `约 ${s} 秒后自动重试`;
}

/** 待发送: reports kept on the phone, with why each is waiting and what the user can do. */
export default function OutboxCard({ items, retryAt, flush, remove }: Pick<ReportOutbox, 'items' | 'retryAt' | 'flush' | 'remove'>) {
  if (!items.length) return null;
  return (
    <View className='card' data-testid='report-outbox'>
      <Text className='card__title'>待发送（{items.length}）</Text>
      {items.map((i) => (
        <View key={i.key} className='report__outbox-item' data-testid='outbox-item'>
          <View className='report__nearby-text'>
            <Text>{i.body.description}</Text>
            {i.refused ? (
              <Text className='field-error' data-testid='outbox-refused'>
                无法发送：{i.refused}
              </Text>
            ) : (
              <Text className='muted' data-testid='outbox-waiting'>
                {i.lastError ? `上次没有发出（${i.lastError}），` : ''}
                {retryText(retryAt)}
              </Text>
            )}
          </View>
          {i.refused ? (
            <Button className='btn btn--plain report__nearby-btn' onClick={() => remove(i.key)} data-testid='outbox-delete'>
              删除
            </Button>
          ) : (
            <Button className='btn btn--secondary report__nearby-btn' onClick={() => void flush()} data-testid='outbox-retry'>
              立即重试
            </Button>
          )}
        </View>
      ))}
    </View>
  );
}
