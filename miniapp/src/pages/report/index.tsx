import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import PrivacyPopup from '../../components/privacy-popup';
import StateView from '../../components/state-view';
import { useAuth } from '../../hooks/use-auth';
import { ROUTES } from '../../utils/routes';
import './index.scss';

/** Points per accepted report: staff choose within this range (DOMAIN.md). */
const REPORT_POINTS_MIN = 5;
const REPORT_POINTS_MAX = 10;

const STEPS = [
  { title: '拍下问题', text: '看到交通秩序、不文明行为、安全隐患等城市问题，拍照并写一句说明。' },
  { title: '标注位置', text: '使用当前位置或在地图上选点，方便工作人员找到现场。' },
  { title: '跟踪处理', text: '社区/网格工作人员审核后派给职能部门处理，每一条都有处理结果。' },
  { title: '获得积分', text: `问题被采纳可获得 ${REPORT_POINTS_MIN}–${REPORT_POINTS_MAX} 新市民积分，积分可用于相关服务。` },
];

/** Example problem kinds from the programme; the category list itself will come from the server. */
const EXAMPLE_KINDS = ['交通秩序', '文明行为', '安全隐患', '市容环境'];

export default function ReportPage() {
  const { isLoggedIn } = useAuth();

  return (
    <View className='page report' data-testid='report-page'>
      <View className='card'>
        <Text className='card__title'>随手拍怎么用</Text>
        {STEPS.map((step, index) => (
          <View key={step.title} className='report__step'>
            <View className='report__step-index'>{index + 1}</View>
            <View className='report__step-body'>
              <Text className='report__step-title'>{step.title}</Text>
              <Text className='muted'>{step.text}</Text>
            </View>
          </View>
        ))}
        <View className='report__kinds'>
          {EXAMPLE_KINDS.map((kind) => (
            <Text key={kind} className='report__kind'>
              {kind}
            </Text>
          ))}
        </View>
      </View>

      <View className='card'>
        <Text className='card__title'>我的随手拍</Text>
        {isLoggedIn ? (
          <StateView
            kind='empty'
            testId='my-reports-empty'
            title='还没有随手拍记录'
            description='提交的问题会列在这里，可以看到审核、派单和办结的每一步，以及获得的积分。'
          />
        ) : (
          <StateView
            kind='empty'
            testId='my-reports-login'
            title='登录后查看你的随手拍'
            description='登录后，你提交的问题和处理进度会显示在这里。'
            actionText='去登录'
            onAction={() => void Taro.navigateTo({ url: ROUTES.login })}
          />
        )}
      </View>

      <Button className='btn btn--plain' onClick={() => void Taro.navigateTo({ url: ROUTES.privacy })}>
        拍照和定位如何使用你的信息
      </Button>
      <PrivacyPopup aboveTabBar />
    </View>
  );
}
