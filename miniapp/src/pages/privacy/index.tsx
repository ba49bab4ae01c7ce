import { Text, View } from '@tarojs/components';
import Button from '../../components/button';
import Taro from '@tarojs/taro';
import './index.scss';

const SECTIONS = [
  {
    title: '我们收集哪些信息',
    items: [
      '位置信息：仅在你查找附近驿站、为随手拍标注问题位置时获取，用于计算距离和定位问题现场。',
      '照片：仅在你主动拍摄或从相册选择随手拍照片时获取，随问题一起提交给工作人员处理。',
      '账号信息：微信登录时服务器用一次性登录凭证换取的用户标识；你填写的昵称、职业和手机号。',
    ],
  },
  {
    title: '我们如何使用',
    items: [
      '位置和照片只用于驿站查询和随手拍处理，不用于广告，不向无关第三方提供。',
      '随手拍内容和照片会交由社区/网格工作人员及相关职能部门处理，并经过内容安全检测。',
      '积分按采纳的随手拍和参加的活动逐笔记录，可供你查询和核对。',
    ],
  },
  {
    title: '你的选择',
    items: [
      '你可以不同意隐私保护指引，仍可浏览驿站信息，位置将按新乐市城区中心显示。',
      '你可以随时在微信“设置”中关闭定位、相册权限，或在“我的”中退出登录。',
    ],
  },
];

export default function PrivacyPage() {
  return (
    <View className='page privacy' data-testid='privacy-page'>
      {SECTIONS.map((section) => (
        <View key={section.title} className='card'>
          <Text className='card__title'>{section.title}</Text>
          {section.items.map((item) => (
            <Text key={item} className='privacy__item'>
              {item}
            </Text>
          ))}
        </View>
      ))}
      {process.env.TARO_ENV === 'weapp' ? (
        <Button className='btn btn--secondary' onClick={() => Taro.openPrivacyContract({ fail: () => undefined })}>
          查看微信隐私保护指引原文
        </Button>
      ) : null}
    </View>
  );
}
