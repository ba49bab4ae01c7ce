import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useAuth } from '../../../../hooks/use-auth';
import { ROUTES } from '../../../../utils/routes';
import StaffOnly from '../../components/staff-only';
import './index.scss';

interface Entry {
  title: string;
  description: string;
  url?: string;
}

// Only entries with a working page get a link; the rest say what they will hold and stay inert.
const ENTRIES: Entry[] = [
  { title: '我的辖区', description: '按 区县 › 街道/镇 › 社区/村 › 网格 逐级查看你负责的区域', url: ROUTES.staffAreas },
  { title: '督办', description: '超过时限、逐级上报到你辖区的案件：所在环节、办理方和超时时长', url: ROUTES.staffEscalations },
  { title: '随手拍审核', description: '审核辖区内的随手拍，采纳并给分或说明驳回原因，派单到职能部门', url: ROUTES.staffReports },
  { title: '驿站维护', description: '更新辖区爱心驿站的开放时间和服务事项，导入台账，处理反馈，查看 500 米覆盖缺口', url: ROUTES.staffStations },
  { title: '组织生活', description: '发起三会一课、主题党日、志愿服务，展示签到码，查看签到名单，导出台账', url: ROUTES.staffActivities },
  { title: '成员审核', description: '审核申请加入辖区组织的居住地、工作地成员', url: ROUTES.staffMemberships },
];

function StaffHome() {
  const { user } = useAuth();
  return (
    <View className='page staff-home' data-testid='staff-home'>
      <View className='staff-home__hello'>
        <Text className='staff-home__name'>{user?.nickname}，你好</Text>
        <Text className='muted'>
          {user?.role === 'admin' ? '管理员 · 全市' : user?.scopes.length ? `负责 ${user.scopes.length} 个区域` : '尚未分配区域'}
        </Text>
      </View>
      {ENTRIES.map((entry) => {
        const url = entry.url;
        return (
          <View
            key={entry.title}
            className={`card staff-home__entry ${url ? '' : 'staff-home__entry--later'}`}
            onClick={url ? () => void Taro.navigateTo({ url }) : undefined}
          >
            <View className='staff-home__entry-text'>
              <Text className='staff-home__entry-title'>{entry.title}</Text>
              <Text className='muted'>{entry.description}</Text>
            </View>
            <Text className='staff-home__entry-side'>{url ? '›' : '即将开放'}</Text>
          </View>
        );
      })}
    </View>
  );
}

export default function StaffHomePage() {
  return (
    <StaffOnly>
      <StaffHome />
    </StaffOnly>
  );
}
