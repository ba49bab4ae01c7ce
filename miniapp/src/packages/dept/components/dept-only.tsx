import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import LoginPrompt from '../../../components/login-prompt';
import StateView from '../../../components/state-view';
import { useRequireLogin } from '../../../hooks/use-auth';
import { ROUTES } from '../../../utils/routes';

/** Department pages render only for a department's handlers; everyone else is told why. The API enforces it too. */
export default function DeptOnly({ children }: { children: ReactNode }) {
  const auth = useRequireLogin();
  if (!auth.isLoggedIn) {
    return (
      <View className='page'>
        <LoginPrompt title='请先登录' description='处置工作台仅对职能部门处置人员开放。' />
      </View>
    );
  }
  if (auth.user?.role !== 'department') {
    return (
      <View className='page'>
        <StateView
          kind='empty'
          testId='dept-forbidden'
          title='没有处置工作台权限'
          description='处置工作台仅对职能部门的处置人员开放，如需开通请联系管理员。'
          actionText='返回我的'
          onAction={() => void Taro.switchTab({ url: ROUTES.me })}
        />
      </View>
    );
  }
  return <>{children}</>;
}
