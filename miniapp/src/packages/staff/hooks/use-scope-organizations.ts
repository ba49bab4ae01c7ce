import type { OrganizationResponse } from '@xjy/shared/activity';
import type { UserResponse } from '@xjy/shared/auth';
import { listOrganizations } from '../../../services/organizations';
import { useRequest, type RequestState } from '../../../hooks/use-request';

/**
 * The organizations of every area the caller looks after (admin: all), once each. The server lists one subtree
 * per call, so a staff member with two scopes needs two calls; asking only for the first scope hid the second's.
 */
export async function loadScopeOrganizations(user: UserResponse): Promise<OrganizationResponse[]> {
  if (user.role === 'admin') return (await listOrganizations()).items;
  const lists = await Promise.all(user.scopes.map((s) => listOrganizations(s.id)));
  const seen = new Map<number, OrganizationResponse>();
  for (const list of lists) for (const o of list.items) if (!seen.has(o.id)) seen.set(o.id, o);
  return [...seen.values()];
}

export function useScopeOrganizations(user: UserResponse | null): RequestState<OrganizationResponse[]> {
  return useRequest(() => loadScopeOrganizations(user!), `scope-orgs-${user?.id ?? 0}`, Boolean(user));
}
