import { Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { chinaDateKey, DAY_MS } from '@xjy/shared/china-time';
import { formatStatementCode } from '@xjy/shared/points';
import { useState } from 'react';
import Button from '../../components/button';
import { useRequest } from '../../hooks/use-request';
import { useSubmit } from '../../hooks/use-submit';
import { createStatement, myStatements } from '../../services/points';
import { ROUTES } from '../../utils/routes';

const openStatement = (code: string) => void Taro.navigateTo({ url: `${ROUTES.statement}?code=${code}` });

/**
 * 积分证明: a member picks a period (the last year by default), issues a statement of their points and confirmed
 * volunteer hours, and opens it to show or print; earlier statements stay listed with their codes.
 */
export default function StatementCard({ sessionKey }: { sessionKey: string }) {
  const today = chinaDateKey(Date.now());
  const [from, setFrom] = useState(() => chinaDateKey(Date.now() - 364 * DAY_MS));
  const [to, setTo] = useState(today);
  const { busy, error, submit } = useSubmit();
  const list = useRequest(myStatements, sessionKey);

  const issue = async () => {
    await submit(async () => {
      const s = await createStatement({ from, to });
      void list.reload();
      openStatement(s.code);
    });
  };

  return (
    <View className='card' data-testid='statement-card'>
      <Text className='card__title'>积分证明</Text>
      <Text className='muted'>开具一段时间内的积分和已确认志愿服务时长证明，每一笔都可追溯；办理住房、入学、创业扶持时，对方凭验证码即可查验。</Text>
      <View className='points__period'>
        <Picker mode='date' value={from} end={to} onChange={(e) => setFrom(e.detail.value)}>
          <Text className='chip' data-testid='statement-from'>
            {from}
          </Text>
        </Picker>
        <Text>至</Text>
        <Picker mode='date' value={to} start={from} end={today} onChange={(e) => setTo(e.detail.value)}>
          <Text className='chip' data-testid='statement-to'>
            {to}
          </Text>
        </Picker>
      </View>
      {error ? (
        <Text className='field-error' data-testid='statement-error'>
          {error}
        </Text>
      ) : null}
      <Button className='btn btn--primary' loading={busy} disabled={busy} onClick={() => void issue()} data-testid='statement-issue'>
        开具证明
      </Button>
      {list.data?.items.length ? <Text className='points__subtitle'>我开具的证明</Text> : null}
      {list.data?.items.map((s) => (
        <View key={s.code} className='row' data-testid='statement-item' onClick={() => openStatement(s.code)}>
          <View className='points__entry-text'>
            <Text>
              {s.from} 至 {s.to}
            </Text>
            <Text className='muted'>{formatStatementCode(s.code)}</Text>
          </View>
          <Text className='points__plus'>
            {s.pointsTotal} 分 · {Number(s.hoursTotal.toFixed(2))} 小时
          </Text>
        </View>
      ))}
    </View>
  );
}
