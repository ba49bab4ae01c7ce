import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import LoginPrompt from '../../../components/login-prompt';
import StateView from '../../../components/state-view';
import { useRequireLogin } from '../../../hooks/use-auth';
import { ROUTES } from '../../../utils/routes';

/** Staff pages render only for staff and admin; everyone else is told why. The API enforces it too. */
export default function StaffOnly({ children }: { children: ReactNode }) {
  const auth = useRequireLogin();
  if (!auth.isLoggedIn) {
    return (
      <View className='page'>
        <LoginPrompt title='请先登录' description='工作台仅对社区/网格工作人员开放。' />
      </View>
    );
  }
  if (!auth.isStaff) {
    return (
      <View className='page'>
        <StateView
          kind='empty'
          testId='staff-forbidden'
          title='没有工作台权限'
          description='工作台仅对社区/网格工作人员和管理员开放，如需开通请联系所在社区。'
          actionText='返回我的'
          onAction={() => void Taro.switchTab({ url: ROUTES.me })}
        />
      </View>
    );
  }
  return <>{children}</>;
}
