import { ActivityResponse, CHECK_IN_OPENS_BEFORE_MIN, CheckInResponse } from '@xjy/shared';
import type { User } from '../users/user.entity';
import type { ActivityWithOrg } from './activities.repository';
import type { Activity } from './activity.entity';
import type { CheckIn } from './check-in.entity';

export function mapActivity(a: ActivityWithOrg, extra: { checkedInCount: number; eligible: boolean; myCheckIn: CheckIn | null }): ActivityResponse {
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
    myCheckIn: extra.myCheckIn ? { id: extra.myCheckIn.id, status: extra.myCheckIn.status, createdAt: extra.myCheckIn.createdAt.toISOString() } : null,
  };
}

export function mapCheckIn(c: CheckIn, activity: Pick<Activity, 'id' | 'title' | 'type' | 'points'>, member: Pick<User, 'id' | 'nickname'> | undefined, approver?: Pick<User, 'id' | 'nickname'> | null): CheckInResponse {
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
    approvedBy: approver ? { id: approver.id, nickname: approver.nickname } : null,
    note: c.note,
    createdAt: c.createdAt.toISOString(),
  };
}
