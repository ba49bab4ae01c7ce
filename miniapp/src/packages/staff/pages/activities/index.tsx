import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Button from '../../../../components/button';
import Taro from '@tarojs/taro';
import { ACTIVITY_TYPE_LABELS } from '@xjy/shared/activity';
import StateView from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useReshow } from '../../../../hooks/use-reshow';
import { cancelActivity, listActivities, listFlaggedCheckIns, registerExportPath } from '../../../../services/activities';
import { downloadWithSession } from '../../../../services/download';
import { errorMessage } from '../../../../services/http';
import { ROUTES } from '../../../../utils/routes';
import { activityPhase, formatWhen, PHASE_LABELS } from '../../../../utils/time';
import StaffOnly from '../../components/staff-only';
import { ReviewList } from '../attendance/hours-panel';
import './index.scss';

function ManagedActivities() {
  const list = useRequest(() => listActivities('managed'), 'managed-activities');
  // Check-ins flagged as possible proxies anywhere in scope wait here for a decision.
  const flagged = useRequest(listFlaggedCheckIns, 'flagged-check-ins');
  const [exporting, setExporting] = useState(false);
  useReshow(() => {
    void list.reload();
    void flagged.reload();
  });
  Taro.usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const cancel = async (id: number, title: string) => {
    const { confirm } = await Taro.showModal({ title: '取消活动', content: `取消「${title}」后成员将无法签到，确定吗？` });
    if (!confirm) return;
    try {
      await cancelActivity(id);
      await list.reload();
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };

  const exportRegister = async () => {
    setExporting(true);
    try {
      await downloadWithSession(registerExportPath(), '新就业群体台账.xlsx');
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setExporting(false);
    }
  };

  return (
    <View className='page staff-activities' data-testid='staff-activities'>
      <View className='staff-activities__actions'>
        <Button className='btn btn--primary' onClick={() => void Taro.navigateTo({ url: ROUTES.staffActivityEdit })} data-testid='new-activity'>
          发起活动
        </Button>
        <Button className='btn btn--secondary' onClick={() => void Taro.navigateTo({ url: ROUTES.staffMemberships })}>
          成员审核
        </Button>
        <Button className='btn btn--secondary' onClick={() => void Taro.navigateTo({ url: ROUTES.staffAbsentees })}>
          未参加名单
        </Button>
        <Button className='btn btn--secondary' loading={exporting} disabled={exporting} onClick={() => void exportRegister()}>
          导出台账
        </Button>
      </View>
      <ReviewList items={flagged.data?.items ?? []} onDone={() => void flagged.reload()} />
      {list.loading && !list.data ? (
        <StateView kind='loading' title='正在加载活动…' />
      ) : list.error ? (
        <StateView kind='error' title='活动没有加载出来' description={list.error.message} actionText='重试' onAction={() => void list.reload()} />
      ) : !list.data?.items.length ? (
        <StateView kind='empty' title='辖区近期没有活动' description='发起三会一课、主题党日、志愿服务或学习培训，成员在现场扫码签到。' />
      ) : (
        list.data.items.map((a) => {
          const phase = activityPhase(a);
          return (
            <View key={a.id} className='card staff-activities__item' data-testid={`managed-activity-${a.id}`}>
              <View className='staff-activities__head'>
                <Text className='staff-activities__type'>{ACTIVITY_TYPE_LABELS[a.type]}</Text>
                <Text className='muted'>{PHASE_LABELS[phase]}</Text>
              </View>
              <Text className='staff-activities__title'>{a.title}</Text>
              <Text className='muted'>
                {formatWhen(a.startsAt)} · {a.organization.name}
              </Text>
              <Text className='muted'>已签到 {a.checkedInCount} 人</Text>
              {phase !== 'cancelled' ? (
                <View className='staff-activities__buttons'>
                  <Button className='btn btn--primary' onClick={() => void Taro.navigateTo({ url: `${ROUTES.staffActivityQr}?id=${a.id}` })} data-testid={`show-qr-${a.id}`}>
                    签到码
                  </Button>
                  <Button className='btn btn--secondary' onClick={() => void Taro.navigateTo({ url: `${ROUTES.staffAttendance}?id=${a.id}` })}>
                    签到名单
                  </Button>
                  {phase === 'upcoming' ? (
                    <Button className='btn btn--plain' onClick={() => void cancel(a.id, a.title)}>
                      取消
                    </Button>
                  ) : null}
                </View>
              ) : null}
            </View>
          );
        })
      )}
    </View>
  );
}

export default function StaffActivitiesPage() {
  return (
    <StaffOnly>
      <ManagedActivities />
    </StaffOnly>
  );
}
