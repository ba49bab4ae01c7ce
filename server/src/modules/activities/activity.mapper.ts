import { ActivityResponse, CHECK_IN_OPENS_BEFORE_MIN, CheckInResponse, countsHours, SIGN_OUT_CLOSES_AFTER_MIN } from '@xjy/shared';
import type { User } from '../users/user.entity';
import type { ActivityWithOrg } from './activities.repository';
import type { Activity } from './activity.entity';
import type { CheckIn } from './check-in.entity';

type Person = Pick<User, 'id' | 'nickname'>;

export function mapActivity(a: ActivityWithOrg, extra: { checkedInCount: number; eligible: boolean; myCheckIn: CheckIn | null }): ActivityResponse {
  const hours = countsHours(a.type);
  const mine = extra.myCheckIn;
  return {
    id: a.id,
    organization: { id: a.organization.id, name: a.organization.name },
    type: a.type,
    title: a.title,
    address: a.address,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    checkInOpensAt: new Date(a.startsAt.getTime() - CHECK_IN_OPENS_BEFORE_MIN * 60_000).toISOString(),
    lat: a.lat,
    lng: a.lng,
    radiusM: a.radiusM,
    points: a.points,
    capacity: a.capacity,
    status: a.status,
    checkedInCount: extra.checkedInCount,
    eligible: extra.eligible,
    myCheckIn: mine
      ? { id: mine.id, status: mine.status, createdAt: mine.createdAt.toISOString(), signedOutAt: mine.signedOutAt?.toISOString() ?? null, hours: mine.hours, hoursStatus: mine.hoursStatus }
      : null,
    countsHours: hours,
    hoursThresholdPct: a.hoursThresholdPct,
    signOutClosesAt: hours ? new Date(a.endsAt.getTime() + SIGN_OUT_CLOSES_AFTER_MIN * 60_000).toISOString() : null,
    hoursConfirmedAt: a.hoursConfirmedAt?.toISOString() ?? null,
    meetingKind: a.meetingKind,
  };
}

export function mapCheckIn(
  c: CheckIn,
  activity: Pick<Activity, 'id' | 'title' | 'type' | 'points'>,
  member: Person | undefined,
  people: { approver?: Person | null; closer?: Person | null } = {},
): CheckInResponse {
  const attended = c.status === 'accepted' || c.status === 'approved';
  return {
    id: c.id,
    activityId: activity.id,
    activityTitle: activity.title,
    status: c.status,
    refusal: c.refusal,
    distanceM: c.distanceM,
    pointsAwarded: attended && activity.type === 'volunteer' ? c.pointsAwarded : 0,
    member: { id: c.userId, nickname: member?.nickname ?? '' },
    approvedBy: people.approver ? { id: people.approver.id, nickname: people.approver.nickname } : null,
    note: c.note,
    createdAt: c.createdAt.toISOString(),
    signedOutAt: c.signedOutAt?.toISOString() ?? null,
    hours: c.hours,
    hoursStatus: c.hoursStatus,
    flags: c.flags ?? [],
    review: c.reviewStatus,
    reviewNote: c.reviewNote,
    closedBy: people.closer ? { id: people.closer.id, nickname: people.closer.nickname } : null,
    closeNote: c.closeNote,
  };
}
