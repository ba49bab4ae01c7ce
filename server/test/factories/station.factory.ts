import { ALWAYS_OPEN } from '@xjy/shared';
import type { Station } from '../../src/modules/stations/station.entity';
import { nextId } from './sequence';

/** An active rest station open around the clock at 新乐's centre (offset it with lat/lng). */
export function stationFactory(over: Partial<Station> = {}): Station {
  const id = over.id ?? nextId();
  return {
    id,
    code: `T-${id}`,
    name: `测试爱心驿站${id}`,
    kind: 'rest_station',
    hostUnit: '测试单位',
    address: '新乐市测试路1号',
    lat: 38.3435,
    lng: 114.6839,
    amenities: ['drinking_water'],
    hours: ALWAYS_OPEN,
    closures: [],
    phone: null,
    photoMediaIds: [],
    status: 'active',
    areaId: 1,
    lastConfirmedAt: null,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-01T00:00:00Z'),
    ...over,
  };
}
