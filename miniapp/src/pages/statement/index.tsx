import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatChinaDateTime } from '@xjy/shared/china-time';
import { POINTS_REASON_LABELS } from '@xjy/shared/enums';
import { formatStatementCode, normalizeStatementCode, STATEMENT_SOURCE_LABELS, type StatementLine, type StatementResponse } from '@xjy/shared/points';
import { useState } from 'react';
import Button from '../../components/button';
import StateView from '../../components/state-view';
import { useRequest } from '../../hooks/use-request';
import { verifyStatement } from '../../services/points';
import { ROUTES } from '../../utils/routes';
import './index.scss';

const hoursText = (h: number) => `${Number(h.toFixed(2))} 小时`;
const day = (iso: string) => formatChinaDateTime(Date.parse(iso)).slice(0, 10);

/** What the line traces to, as a reader can look it up: "随手拍 #123" or "活动 #45". */
const sourceText = (l: StatementLine) => (l.sourceType === 'adjustment' ? STATEMENT_SOURCE_LABELS.adjustment : `${STATEMENT_SOURCE_LABELS[l.sourceType]} #${l.sourceId}`);

function StatementView({ s }: { s: StatementResponse }) {
  const points = s.lines.filter((l) => l.kind === 'points');
  const hours = s.lines.filter((l) => l.kind === 'hours');
  return (
    <View className='statement__sheet' data-testid='statement-sheet'>
      <Text className='statement__title'>新市民积分与志愿服务时长证明</Text>
      <View className='statement__meta'>
        <Text>持有人：{s.memberName}</Text>
        <Text>
          统计期间：{s.from} 至 {s.to}
        </Text>
        <Text>开具时间：{formatChinaDateTime(Date.parse(s.issuedAt))}</Text>
      </View>
      <View className='statement__totals'>
        <View className='statement__total'>
          <Text className='statement__total-value' data-testid='statement-points'>
            {s.pointsTotal}
          </Text>
          <Text className='muted'>期间积分</Text>
        </View>
        <View className='statement__total'>
          <Text className='statement__total-value' data-testid='statement-hours'>
            {hoursText(s.hoursTotal)}
          </Text>
          <Text className='muted'>已确认志愿服务时长</Text>
        </View>
      </View>

      <Text className='statement__section'>积分明细（{points.length} 条）</Text>
      {points.length === 0 ? <Text className='muted'>期间没有积分记录</Text> : null}
      {points.map((l) => (
        <View key={`p${l.recordId}`} className='statement__line' data-testid='statement-line'>
          <Text className='statement__when'>{day(l.at)}</Text>
          <Text className='statement__what'>
            {l.reason ? POINTS_REASON_LABELS[l.reason] : ''} · {l.label} · {sourceText(l)}
          </Text>
          <Text className='statement__amount'>
            {l.points !== null && l.points > 0 ? '+' : ''}
            {l.points}
          </Text>
        </View>
      ))}

      <Text className='statement__section'>志愿服务时长（{hours.length} 次）</Text>
      {hours.length === 0 ? <Text className='muted'>期间没有已确认的志愿服务时长</Text> : null}
      {hours.map((l) => (
        <View key={`h${l.recordId}`} className='statement__line' data-testid='statement-line'>
          <Text className='statement__when'>{day(l.at)}</Text>
          <Text className='statement__what'>
            {l.label} · {sourceText(l)} · 签到记录 #{l.recordId}
          </Text>
          <Text className='statement__amount'>{hoursText(l.hours ?? 0)}</Text>
        </View>
      ))}

      <View className='statement__verify'>
        <Text>
          验证码：<Text data-testid='statement-code'>{formatStatementCode(s.code)}</Text>
        </Text>
        <Text className='muted'>凭验证码可在“积分证明查验”页面核对本证明，内容与开具时一致方为有效。</Text>
        <Text className='muted statement__digest'>校验值：{s.digest}</Text>
      </View>
    </View>
  );
}

/**
 * A statement by its code, for anyone: the member showing it, or a housing, school or start-up office checking it.
 * No login needed. With no code in the address, a box to type one. On H5 it prints as a one-column sheet.
 */
export default function StatementPage() {
  const param = Taro.useRouter().params.code ?? '';
  const [code, setCode] = useState(() => normalizeStatementCode(decodeURIComponent(param)) ?? '');
  const [typed, setTyped] = useState('');
  const [typedError, setTypedError] = useState('');
  const statement = useRequest(() => verifyStatement(code), code, Boolean(code));

  const check = () => {
    const c = normalizeStatementCode(typed);
    if (!c) {
      setTypedError('验证码是 20 位字母和数字，请核对后重新输入');
      return;
    }
    setTypedError('');
    setCode(c);
  };

  return (
    <View className='page statement' data-testid='statement-page'>
      <View className='card statement__lookup'>
        <Text className='card__title'>积分证明查验</Text>
        <Input className='statement__input' value={typed} maxlength={30} placeholder='输入证明上的验证码' data-testid='statement-code-input' onInput={(e) => setTyped(e.detail.value)} />
        {typedError ? <Text className='field-error'>{typedError}</Text> : null}
        <Button className='btn btn--primary' onClick={check} data-testid='statement-check'>
          查验
        </Button>
      </View>
      {code && statement.loading && !statement.data ? <StateView kind='loading' title='正在查验…' /> : null}
      {code && statement.error ? (
        <StateView kind='error' testId='statement-error' title={statement.error.code === 'statement_altered' ? '证明已失效' : '查验未通过'} description={statement.error.message} />
      ) : null}
      {statement.data && !statement.error ? (
        <>
          <StatementView s={statement.data} />
          {process.env.TARO_ENV === 'h5' ? (
            <Button className='btn btn--plain statement__print' onClick={() => window.print()} data-testid='statement-print'>
              打印证明
            </Button>
          ) : (
            <Button className='btn btn--plain statement__print' onClick={() => void Taro.setClipboardData({ data: formatStatementCode(statement.data!.code) })}>
              复制验证码
            </Button>
          )}
        </>
      ) : null}
      {!code ? (
        <Button className='btn btn--plain' onClick={() => void Taro.switchTab({ url: ROUTES.points })}>
          去积分页开具我的证明
        </Button>
      ) : null}
    </View>
  );
}
