import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useAuth } from '../../../../hooks/use-auth';
import { ROUTES } from '../../../../utils/routes';
import { keyboardActivatable } from '../../components/focusable';
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

// City-wide configuration: shown to admins only (the API refuses everyone else too).
const ADMIN_ENTRIES: Entry[] = [
  { title: '工作人员账号', description: '新建工作人员和管理员账号，分配负责区域，停用或启用账号', url: ROUTES.adminStaff },
  { title: '随手拍类别', description: '类别名称、采纳积分范围、审核和办结时限', url: ROUTES.adminCategories },
  { title: '职能部门', description: '派单可选的处置单位及联系电话', url: ROUTES.adminDepartments },
  { title: '回复模板', description: '按类别和办理环节编写常用回复，供工作人员和职能部门选用', url: ROUTES.adminTemplates },
  { title: '区域管理', description: '新建、修改、删除区县、街道、社区和网格，在地图上画出或导入 GeoJSON 边界', url: ROUTES.adminAreas },
  { title: '积分核对', description: '核对每个账户的积分余额与积分流水是否一致', url: ROUTES.adminPoints },
  { title: '驿站临时闭站', description: '为驿站设置检修、节假日等临时闭站时段', url: ROUTES.adminClosures },
];

function EntryCard({ entry }: { entry: Entry }) {
  const url = entry.url;
  const go = url ? () => void Taro.navigateTo({ url }) : undefined;
  return (
    <View
      className={`card staff-home__entry ${url ? '' : 'staff-home__entry--later'}`}
      onClick={go}
      {...(go ? { ...keyboardActivatable(go), role: 'link', 'aria-label': entry.title } : {})}
      data-testid='staff-home-entry'
    >
      <View className='staff-home__entry-text'>
        <Text className='staff-home__entry-title'>{entry.title}</Text>
        <Text className='muted'>{entry.description}</Text>
      </View>
      <Text className='staff-home__entry-side'>{url ? '›' : '即将开放'}</Text>
    </View>
  );
}

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
      <View className='staff-home__grid'>
        {ENTRIES.map((entry) => (
          <EntryCard key={entry.title} entry={entry} />
        ))}
      </View>
      {user?.role === 'admin' ? (
        <View data-testid='admin-entries'>
          <Text className='staff-home__section'>管理</Text>
          <View className='staff-home__grid'>
            {ADMIN_ENTRIES.map((entry) => (
              <EntryCard key={entry.title} entry={entry} />
            ))}
          </View>
        </View>
      ) : null}
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
