import type { UserResponse } from './auth.js';

export interface CreateStaffRequest {
  username: string;
  password: string;
  nickname: string;
  role: 'staff' | 'admin';
  /** Roots of the subtrees the account may act in; ignored for admin. */
  scopeAreaIds: number[];
}

export interface UpdateStaffScopesRequest {
  scopeAreaIds: number[];
}

export type StaffResponse = UserResponse & { disabled: boolean };
