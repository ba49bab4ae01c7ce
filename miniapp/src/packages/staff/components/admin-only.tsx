import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import StateView from '../../../components/state-view';
import { useAuth } from '../../../hooks/use-auth';
import { ROUTES } from '../../../utils/routes';
import StaffOnly from './staff-only';

function AdminGate({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  if (user?.role !== 'admin') {
    return (
      <View className='page'>
        <StateView
          kind='empty'
          testId='admin-forbidden'
          title='仅管理员可用'
          description='这一页用于全市配置，只有管理员账号可以打开。'
          actionText='返回工作台'
          onAction={() => void Taro.redirectTo({ url: ROUTES.staffHome })}
        />
      </View>
    );
  }
  return <>{children}</>;
}

/** Admin pages render only for an admin; staff and workers are told why. The API refuses them too. */
export default function AdminOnly({ children }: { children: ReactNode }) {
  return (
    <StaffOnly>
      <AdminGate>{children}</AdminGate>
    </StaffOnly>
  );
}
