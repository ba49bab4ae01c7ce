import type { AuthContext } from '../../src/common/auth/auth-context';

/** Who calls: a worker by default; staff get the scope roots given (the demo staff looks after '/1/'). */
export function authFactory(over: Partial<AuthContext> = {}): AuthContext {
  const role = over.role ?? 'worker';
  return { userId: 1, role, scopePaths: role === 'staff' ? ['/1/'] : [], scopeAreaIds: role === 'staff' ? [1] : [], ...over };
}

export const workerAuth = (userId: number, over: Partial<AuthContext> = {}) => authFactory({ userId, role: 'worker', ...over });
export const staffAuth = (userId: number, over: Partial<AuthContext> = {}) => authFactory({ userId, role: 'staff', ...over });
export const adminAuth = (userId: number, over: Partial<AuthContext> = {}) => authFactory({ userId, role: 'admin', ...over });
export const departmentAuth = (userId: number, departmentId: number | null, over: Partial<AuthContext> = {}) => authFactory({ userId, role: 'department', departmentId, ...over });
