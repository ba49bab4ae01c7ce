import type { AreaLevel } from '@xjy/shared/enums';
import { AREA_LEVELS, AREA_LEVEL_LABELS } from '@xjy/shared/enums';
import type { AreaResponse } from '@xjy/shared/area';
import type { UserResponse } from '@xjy/shared/auth';
import { getArea, listAreas } from '../../../services/areas';
import { useRequest, type RequestState } from '../../../hooks/use-request';
import type { SelectOption } from '../components/search-select/types';

export interface AreaOption extends SelectOption<number> {
  level: AreaLevel;
  path: string;
  area: AreaResponse;
}

/**
 * Every area the caller looks after (admin: the whole tree) down to `deepest`, parents before children, each
 * labelled with its trail ("新乐市 › 长寿街道") for a searchable select.
 */
export async function loadAreaOptions(user: UserResponse, deepest: AreaLevel): Promise<AreaOption[]> {
  const top: AreaResponse[] = user.role === 'admin' ? (await listAreas()).items : await Promise.all(user.scopes.map((s) => getArea(s.id)));
  const stop = AREA_LEVELS.indexOf(deepest);
  const out: AreaOption[] = [];
  const walk = async (area: AreaResponse, trail: string[]): Promise<void> => {
    out.push({ value: area.id, label: [...trail, area.name].join(' › '), hint: AREA_LEVEL_LABELS[area.level], level: area.level, path: area.path, area });
    if (AREA_LEVELS.indexOf(area.level) >= stop || !area.childCount) return;
    const kids = (await listAreas(area.id)).items;
    for (const k of kids) await walk(k, [...trail, area.name]);
  };
  for (const a of top) await walk(a, []);
  return out;
}

export function useAreaOptions(user: UserResponse | null, deepest: AreaLevel, version = 0): RequestState<AreaOption[]> {
  return useRequest(() => loadAreaOptions(user!, deepest), `area-options-${user?.id ?? 0}-${deepest}-${version}`, Boolean(user));
}
