import { useCallback, useState } from 'react';
import type { AreaResponse } from '@xjy/shared/area';
import type { UserResponse } from '@xjy/shared/auth';
import { getArea, listAreas } from '../services/areas';
import { useRequest, type RequestState } from './use-request';

export interface Crumb {
  id: number;
  name: string;
}

export interface AreaBrowser extends RequestState<AreaResponse[]> {
  /** Areas opened so far, outermost first; empty at the top level. */
  trail: Crumb[];
  open: (area: AreaResponse) => void;
  /** Back to the crumb at index (-1 for the top level). */
  backTo: (index: number) => void;
}

/** Top level: every root for admin, the roots of the staff member's scopes otherwise. */
async function topLevel(user: UserResponse): Promise<AreaResponse[]> {
  if (user.role === 'admin') return (await listAreas()).items;
  return Promise.all(user.scopes.map((scope) => getArea(scope.id)));
}

export function useAreaBrowser(user: UserResponse | null): AreaBrowser {
  const [trail, setTrail] = useState<Crumb[]>([]);
  const parent = trail[trail.length - 1];
  const load = useCallback(async () => {
    if (!user) return [];
    if (!parent) return topLevel(user);
    return (await listAreas(parent.id)).items;
  }, [user, parent]);
  const state = useRequest(load, `${user?.id ?? 0}:${parent?.id ?? 'top'}`, Boolean(user));

  const open = useCallback((area: AreaResponse) => {
    setTrail((current) => [...current, { id: area.id, name: area.name }]);
  }, []);
  const backTo = useCallback((index: number) => {
    setTrail((current) => current.slice(0, index + 1));
  }, []);

  return { ...state, trail, open, backTo };
}
