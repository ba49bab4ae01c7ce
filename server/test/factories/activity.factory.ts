import type { ActivityWithOrg } from '../../src/modules/activities/activities.repository';
import type { CheckIn } from '../../src/modules/activities/check-in.entity';
import type { OrganizationWithArea } from '../../src/modules/organizations/organizations.repository';
import { organizationFactory } from './organization.factory';
import { nextId } from './sequence';

const HOUR = 3600_000;

/** A scheduled meeting that started ten minutes before `now` and lasts an hour, at 新乐's centre, made by user 1. */
export function activityFactory(over: Partial<ActivityWithOrg> = {}, now = Date.now(), organization: OrganizationWithArea = organizationFactory()): ActivityWithOrg {
  const id = over.id ?? nextId();
  return {
    id,
    organizationId: organization.id,
    type: 'meeting',
    title: `组织生活会${id}`,
    address: null,
    startsAt: new Date(now - 10 * 60_000),
    endsAt: new Date(now + HOUR),
    lat: 38.3435,
    lng: 114.6839,
    radiusM: 300,
    points: 0,
    capacity: null,
    status: 'scheduled',
    createdBy: 1,
    hoursThresholdPct: 60,
    meetingKind: null,
    hoursConfirmedAt: null,
    hoursConfirmedBy: null,
    createdAt: new Date(now - HOUR),
    updatedAt: new Date(now - HOUR),
    ...over,
    organization,
  };
}

/** A check-in row (accepted at the activity's point unless told otherwise). */
export function checkInFactory(over: Partial<CheckIn> & { activityId: number; userId: number }): CheckIn {
  const status = over.status ?? 'accepted';
  return {
    id: over.id ?? nextId(),
    status,
    refusal: null,
    attendanceKey: status === 'refused' ? null : `${over.activityId}:${over.userId}`,
    lat: 38.3435,
    lng: 114.6839,
    accuracyM: 10,
    distanceM: 0,
    pointsAwarded: 0,
    approvedBy: null,
    approvedAt: null,
    note: null,
    createdAt: new Date(),
    signedOutAt: null,
    signOutLat: null,
    signOutLng: null,
    signOutDistanceM: null,
    hours: null,
    hoursStatus: null,
    hoursConfirmedAt: null,
    closedBy: null,
    closeNote: null,
    clientId: null,
    flags: [],
    reviewStatus: null,
    reviewedBy: null,
    reviewedAt: null,
    reviewNote: null,
    ...over,
  };
}
