import type { Area } from '../../src/modules/areas/area.entity';
import { areaFactory as areaRow } from './entities';
import { nextId } from './sequence';

/** An area under `parent` (a street), or a top-level district without one; the row itself comes from entities.ts. */
export function areaFactory(over: Partial<Area> = {}, parent?: Pick<Area, 'id' | 'path'>): Area {
  const id = over.id ?? nextId('area');
  return areaRow({ id, parentId: parent?.id ?? null, level: parent ? 'street' : 'district', name: `测试区域${id}`, code: String(130000000000 + id), path: `${parent?.path ?? '/'}${id}/`, ...over });
}
