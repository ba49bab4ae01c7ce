import type { Role, Trade } from './enums.js';

export const DEMO_ACCOUNTS = ['rider', 'streamer', 'staff', 'admin', 'department'] as const;
export type DemoAccount = (typeof DEMO_ACCOUNTS)[number];
export const DEMO_ACCOUNT_LABELS: Record<DemoAccount, string> = {
  rider: '骑手 (外卖)',
  streamer: '主播 (兼职网格员)',
  staff: '社区工作人员',
  admin: '管理员',
  department: '处置部门 (城管)',
};

export interface WechatLoginRequest {
  /** The single-use code from wx.login; the server exchanges it, the client never sends an openid. */
  code: string;
}

export interface PasswordLoginRequest {
  username: string;
  password: string;
}

export interface DevLoginRequest {
  account: DemoAccount;
}

export interface AreaRef {
  id: number;
  name: string;
  level: string;
  path: string;
}

export interface UserResponse {
  id: number;
  role: Role;
  nickname: string;
  username: string | null;
  trade: Trade | null;
  phone: string | null;
  employer: string | null;
  /** For staff: the roots of the area subtrees they may act in. Admin acts everywhere. */
  scopes: AreaRef[];
  /** For a department handler: the department whose cases they handle; null otherwise. */
  departmentId: number | null;
  pointsBalance: number;
  createdAt: string;
}

export interface LoginResponse {
  token: string;
  expiresAt: string;
  user: UserResponse;
}

export interface UpdateMeRequest {
  nickname?: string;
  trade?: Trade;
  phone?: string | null;
  employer?: string | null;
}

export interface AppInfoResponse {
  name: string;
  version: string;
  devLogin: boolean;
  demoAccounts: DemoAccount[];
  wechatConfigured: boolean;
}
