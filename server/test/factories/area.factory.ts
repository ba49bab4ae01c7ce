import type { Area } from '../../src/modules/areas/area.entity';
import { nextId } from './sequence';

/** An area row; the path follows the parent's (default: a top-level district). */
export function areaFactory(over: Partial<Area> = {}, parent?: Pick<Area, 'id' | 'path'>): Area {
  const id = over.id ?? nextId();
  return {
    id,
    parentId: parent?.id ?? null,
    level: parent ? 'street' : 'district',
    name: `测试区域${id}`,
    code: String(130000000000 + id),
    path: `${parent?.path ?? '/'}${id}/`,
    centerLat: 38.3435,
    centerLng: 114.6839,
    boundary: null,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-01T00:00:00Z'),
    ...over,
  };
}
