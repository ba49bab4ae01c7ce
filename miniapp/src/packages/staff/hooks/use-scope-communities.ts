import type { AreaResponse } from '@xjy/shared/area';
import type { UserResponse } from '@xjy/shared/auth';
import { getArea, listAreas } from '../../../services/areas';
import { useRequest, type RequestState } from '../../../hooks/use-request';

export interface CommunityOption {
  id: number;
  label: string;
  lat: number | null;
  lng: number | null;
}

/** Every community the caller looks after (admin: all), labelled with its street, for station and coverage pickers. */
async function loadCommunities(user: UserResponse): Promise<CommunityOption[]> {
  const top: AreaResponse[] = user.role === 'admin' ? (await listAreas()).items : await Promise.all(user.scopes.map((s) => getArea(s.id)));
  const out: CommunityOption[] = [];
  const walk = async (area: AreaResponse, trail: string[]): Promise<void> => {
    if (area.level === 'community') {
      out.push({ id: area.id, label: [...trail, area.name].join(' › '), lat: area.centerLat, lng: area.centerLng });
      return;
    }
    if (area.level === 'grid' || !area.childCount) return;
    const kids = (await listAreas(area.id)).items;
    for (const k of kids) await walk(k, area.level === 'district' ? [area.name] : [...trail, area.name]);
  };
  for (const a of top) await walk(a, []);
  return out;
}

export function useScopeCommunities(user: UserResponse | null): RequestState<CommunityOption[]> {
  return useRequest(() => loadCommunities(user!), `communities-${user?.id ?? 0}`, Boolean(user));
}
