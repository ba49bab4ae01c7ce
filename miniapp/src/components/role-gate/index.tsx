import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import LoginPrompt from '../login-prompt';
import StateView from '../state-view';
import { useRequireLogin, type Auth } from '../../hooks/use-auth';
import { ROUTES } from '../../utils/routes';

/** Who a gated page is for: staff (workers and admins), admins only, or a department's handlers. */
export type GateRole = 'staff' | 'admin' | 'department';

interface Gate {
  /** A gate this one stands behind: its refusal is shown first. */
  within?: GateRole;
  allows: (auth: Auth) => boolean;
  loginDescription: string;
  testId: string;
  title: string;
  description: string;
  actionText: string;
  onAction: () => void;
}

const backToMe = () => void Taro.switchTab({ url: ROUTES.me });

const GATES: Record<GateRole, Gate> = {
  staff: {
    allows: (auth) => auth.isStaff,
    loginDescription: '工作台仅对社区/网格工作人员开放。',
    testId: 'staff-forbidden',
    title: '没有工作台权限',
    description: '工作台仅对社区/网格工作人员和管理员开放，如需开通请联系所在社区。',
    actionText: '返回我的',
    onAction: backToMe,
  },
  admin: {
    within: 'staff',
    allows: (auth) => auth.user?.role === 'admin',
    loginDescription: '工作台仅对社区/网格工作人员开放。',
    testId: 'admin-forbidden',
    title: '仅管理员可用',
    description: '这一页用于全市配置，只有管理员账号可以打开。',
    actionText: '返回工作台',
    onAction: () => void Taro.redirectTo({ url: ROUTES.staffHome }),
  },
  department: {
    allows: (auth) => auth.user?.role === 'department',
    loginDescription: '处置工作台仅对职能部门处置人员开放。',
    testId: 'dept-forbidden',
    title: '没有处置工作台权限',
    description: '处置工作台仅对职能部门的处置人员开放，如需开通请联系管理员。',
    actionText: '返回我的',
    onAction: backToMe,
  },
};

/** The first gate on the way to `role` that refuses this user, or none. */
function refusingGate(role: GateRole, auth: Auth): Gate | undefined {
  const gate = GATES[role];
  const outer = gate.within ? refusingGate(gate.within, auth) : undefined;
  return outer ?? (gate.allows(auth) ? undefined : gate);
}

/** A page renders only for `role`; everyone else is told why (the API enforces it too). */
export default function RoleGate({ role, children }: { role: GateRole; children: ReactNode }) {
  const auth = useRequireLogin();
  if (!auth.isLoggedIn) {
    return (
      <View className='page'>
        <LoginPrompt title='请先登录' description={GATES[role].loginDescription} />
      </View>
    );
  }
  const refusing = refusingGate(role, auth);
  if (refusing) {
    return (
      <View className='page'>
        <StateView
          kind='empty'
          testId={refusing.testId}
          title={refusing.title}
          description={refusing.description}
          actionText={refusing.actionText}
          onAction={refusing.onAction}
        />
      </View>
    );
  }
  return <>{children}</>;
}
