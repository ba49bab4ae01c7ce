import { Text, View } from '@tarojs/components';
import Button from '../../components/button';
import type { ReportOutbox } from '../../hooks/use-report-outbox';

/** 待发送: reports kept on the phone, with why each is waiting and what the user can do. */
export default function OutboxCard({ items, flush, remove }: Pick<ReportOutbox, 'items' | 'flush' | 'remove'>) {
  if (!items.length) return null;
  return (
    <View className='card' data-testid='report-outbox'>
      <Text className='card__title'>待发送（{items.length}）</Text>
      {items.map((i) => (
        <View key={i.key} className='report__outbox-item'>
          <View className='report__nearby-text'>
            <Text>{i.body.description}</Text>
            <Text className={i.refused ? 'field-error' : 'muted'}>{i.refused ? `未能发送：${i.refused}` : `网络恢复后自动发送${i.lastError ? `（${i.lastError}）` : ''}`}</Text>
          </View>
          {i.refused ? (
            <Button className='btn btn--plain report__nearby-btn' onClick={() => remove(i.key)}>
              删除
            </Button>
          ) : (
            <Button className='btn btn--secondary report__nearby-btn' onClick={() => void flush()}>
              重试
            </Button>
          )}
        </View>
      ))}
    </View>
  );
}
