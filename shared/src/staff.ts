import type { UserResponse } from './auth.js';

export interface CreateStaffRequest {
  username: string;
  password: string;
  nickname: string;
  /** department: a handler of one department (处置单位), who sees only the cases dispatched to it. */
  role: 'staff' | 'admin' | 'department';
  /** Roots of the subtrees the account may act in; ignored for admin and department. */
  scopeAreaIds: number[];
  /** Required for a department handler: the department whose cases they handle. */
  departmentId?: number;
}

export interface UpdateStaffScopesRequest {
  scopeAreaIds: number[];
}

export type StaffResponse = UserResponse & { disabled: boolean };
