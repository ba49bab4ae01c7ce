import { Area } from '../../src/modules/areas/area.entity';
import { PointsEntry } from '../../src/modules/points/points-entry.entity';
import { ReportCategory } from '../../src/modules/reports/categories/report-category.entity';
import { Department } from '../../src/modules/reports/departments/department.entity';
import { ReportEvent } from '../../src/modules/reports/report-event.entity';
import { Report } from '../../src/modules/reports/report.entity';
import { LOOP_DEFAULTS } from '../../src/modules/reports/reports.repository';
import { User } from '../../src/modules/users/user.entity';
import { FACTORY_NOW, nextId } from './sequence';

/**
 * Builders of rows shaped like the entities, with defaults a test overrides only where its rule lives:
 * `reportFactory({ status: 'accepted' })`. Instances of the entity classes (so `instanceof` holds), never saved.
 */
const build = <T extends object>(Ctor: new () => T, fields: T): T => Object.assign(new Ctor(), fields);
const HOUR_MS = 3600_000;

/** 新乐 → 长寿街道 → a community → a grid, as in the demo seed; a path is the ids joined by '/'. */
export function areaFactory(over: Partial<Area> = {}): Area {
  const id = over.id ?? nextId('area');
  return build(Area, {
    id,
    parentId: null,
    level: 'grid',
    name: `网格${id}`,
    code: `13018400100${String(id).padStart(3, '0')}`,
    path: `/${id}/`,
    centerLat: 38.3435,
    centerLng: 114.6839,
    boundary: null,
    createdAt: FACTORY_NOW,
    updatedAt: FACTORY_NOW,
    ...over,
  });
}

export function userFactory(over: Partial<User> = {}): User {
  const id = over.id ?? nextId('user');
  return build(User, {
    id,
    role: 'worker',
    openid: null,
    unionid: null,
    username: null,
    passwordHash: null,
    nickname: `用户${id}`,
    trade: null,
    phone: null,
    employer: null,
    pointsBalance: 0,
    demoAccount: null,
    disabledAt: null,
    tokenVersion: 0,
    departmentId: null,
    createdAt: FACTORY_NOW,
    updatedAt: FACTORY_NOW,
    ...over,
  });
}

export function categoryFactory(over: Partial<ReportCategory> = {}): ReportCategory {
  const id = over.id ?? nextId('category');
  return build(ReportCategory, {
    id,
    key: `category_${id}`,
    label: `类别${id}`,
    pointsMin: 5,
    pointsMax: 10,
    acceptHours: 24,
    resolveHours: 7 * 24,
    signHours: 4,
    verifyHours: 24,
    sortOrder: id,
    archivedAt: null,
    createdAt: FACTORY_NOW,
    updatedAt: FACTORY_NOW,
    ...over,
  });
}

export function departmentFactory(over: Partial<Department> = {}): Department {
  const id = over.id ?? nextId('department');
  return build(Department, { id, name: `部门${id}`, phone: null, archivedAt: null, createdAt: FACTORY_NOW, updatedAt: FACTORY_NOW, ...over });
}

/** A submitted report by reporter 1 in category 1 at the demo grid's centre, unless told otherwise. */
export function reportFactory(over: Partial<Report> = {}): Report {
  const id = over.id ?? nextId('report');
  const createdAt = over.createdAt ?? FACTORY_NOW;
  return build(Report, {
    id,
    reporterId: 1,
    idempotencyKey: `key-${id}-factory`,
    categoryId: 1,
    description: '路口电动车逆行',
    status: 'submitted',
    lat: 38.3435,
    lng: 114.6839,
    areaId: 1,
    areaPath: '/1/',
    stationId: null,
    priority: 0,
    witnessCount: 0,
    pointsAwarded: 0,
    flaggedAt: null,
    departmentId: null,
    duplicateOfId: null,
    acceptDueAt: new Date(createdAt.getTime() + 24 * HOUR_MS),
    resolveDueAt: new Date(createdAt.getTime() + 7 * 24 * HOUR_MS),
    reviewedAt: null,
    acceptedAt: null,
    finishedAt: null,
    ...LOOP_DEFAULTS,
    createdAt,
    updatedAt: createdAt,
    ...over,
  });
}

export function reportEventFactory(over: Partial<ReportEvent> = {}): ReportEvent {
  const id = over.id ?? nextId('reportEvent');
  return build(ReportEvent, { id, reportId: 1, type: 'created', actorId: null, note: null, data: null, status: null, dueAt: null, createdAt: FACTORY_NOW, ...over });
}

export function pointsEntryFactory(over: Partial<PointsEntry> = {}): PointsEntry {
  const id = over.id ?? nextId('pointsEntry');
  return build(PointsEntry, { id, userId: 1, delta: 5, reason: 'report_accepted', sourceType: 'report', sourceId: 1, actorId: null, createdAt: FACTORY_NOW, ...over });
}
