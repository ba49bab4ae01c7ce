import type { Role } from '@xjy/shared';

/** Who is calling, as the guard established it from the token and the current user row. */
export interface AuthContext {
  userId: number;
  role: Role;
  /** Materialized paths of the staff member's scope roots; empty for workers; admin is unrestricted. */
  scopePaths: string[];
  scopeAreaIds: number[];
  /** A department handler's department (role department); null or absent for everyone else. */
  departmentId?: number | null;
}

export function isAdmin(auth: AuthContext): boolean {
  return auth.role === 'admin';
}

/** True when an area path lies within the caller's subtrees (admin: always). */
export function inScope(auth: AuthContext, areaPath: string): boolean {
  if (auth.role === 'admin') return true;
  if (auth.role !== 'staff') return false;
  return auth.scopePaths.some((root) => areaPath.startsWith(root));
}
