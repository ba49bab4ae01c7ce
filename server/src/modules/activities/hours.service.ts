import { Injectable } from '@nestjs/common';
import { CheckInResponse, ConfirmHoursResponse, countsHours, haversineM, HoursStatus, sessionHours, SIGN_OUT_CLOSES_AFTER_MIN } from '@xjy/shared';
import { AppException, fieldError } from '../../common/app.exception';
import type { AuthContext } from '../../common/auth/auth-context';
import { TransactionRunner } from '../../database/transaction.runner';
import { ActivitiesRepository, ActivityWithOrg } from './activities.repository';
import { ActivitiesService } from './activities.service';
import type { Activity } from './activity.entity';
import type { CheckIn } from './check-in.entity';
import { CheckInsService, withinFence } from './check-ins.service';
import type { CheckOutDto, CloseSessionDto } from './dto/hours.dto';
import { HoursRepository } from './hours.repository';
import { ProxySuspicionService } from './proxy-suspicion.service';
import { VolunteerPoints } from './volunteer-points';

const attended = (c: CheckIn) => c.status === 'accepted' || c.status === 'approved';
const signOutCloses = (a: Pick<Activity, 'endsAt'>) => a.endsAt.getTime() + SIGN_OUT_CLOSES_AFTER_MIN * 60_000;

/** Volunteer hours: the member's sign-out, staff closing a forgotten one, and staff confirming an activity's hours. */
@Injectable()
export class HoursService {
  constructor(
    private readonly activityService: ActivitiesService,
    private readonly activities: ActivitiesRepository,
    private readonly hours: HoursRepository,
    private readonly checkIns: CheckInsService,
    private readonly suspicion: ProxySuspicionService,
    private readonly points: VolunteerPoints,
    private readonly tx: TransactionRunner,
  ) {}

  /** A session's hours and whether they count, for a sign-out at `signedOutAt`. */
  private settle(a: Activity, c: Pick<CheckIn, 'createdAt'>, signedOutAt: Date): { hours: number; hoursStatus: HoursStatus } {
    const s = sessionHours(a, c.createdAt, signedOutAt, a.hoursThresholdPct);
    return { hours: s.hours, hoursStatus: s.counts ? 'pending' : 'below_threshold' };
  }

  private async requireHoursActivity(id: number): Promise<ActivityWithOrg> {
    const a = await this.activityService.require(id);
    if (a.status === 'cancelled') throw new AppException('activity_cancelled');
    if (!countsHours(a.type)) throw new AppException('hours_not_applicable');
    return a;
  }

  /** Sign-out with the rotating code, at the place, from the start until 30 minutes after the end; a repeat answers the same. */
  async checkOut(auth: AuthContext, id: number, dto: CheckOutDto, clientId: string | null): Promise<{ checkIn: CheckInResponse; created: boolean }> {
    const a = await this.requireHoursActivity(id);
    const session = await this.activities.findAttendanceOf(null, id, auth.userId);
    if (!session || !attended(session)) throw new AppException('not_checked_in');
    const respond = async (c: CheckIn, created: boolean) => ({ checkIn: (await this.checkIns.mapWithPeople([{ c, activity: a }]))[0], created });
    if (session.signedOutAt) return respond(session, false);

    const now = Date.now();
    const verdict = this.activityService.qr.verify(dto.token, id, now);
    if (!verdict.ok) throw new AppException(verdict.reason);
    if (now < a.startsAt.getTime() || now > signOutCloses(a)) throw new AppException('sign_out_window');
    const distanceM = Math.round(haversineM({ lat: dto.lat, lng: dto.lng }, a));
    if (!withinFence(distanceM, a.radiusM, dto.accuracyM)) throw new AppException('outside_fence', { distanceM, radiusM: a.radiusM });

    const suspect = await this.suspicion.judge({ activity: a, userId: auth.userId, clientId, lat: dto.lat, lng: dto.lng, step: 'out', slot: verdict.slot, now });
    const signedOutAt = new Date(now);
    const closed = await this.tx.run(async (m) => {
      const ok = await this.hours.closeSession(m, session.id, { signedOutAt, signOutLat: dto.lat, signOutLng: dto.lng, signOutDistanceM: distanceM, ...this.settle(a, session, signedOutAt) });
      if (ok && suspect.flags.length) await this.hours.addFlags(m, session, suspect.flags);
      return ok;
    });
    if (closed) await this.checkIns.flagOthers(suspect);
    return respond((await this.activities.findCheckIn(session.id))!, closed);
  }

  /**
   * Staff close a session the member forgot to sign out of, at the time they verified the member left and with a
   * note; the closer and note stay on the record. Never at full length by default: the time is theirs to state.
   */
  async close(auth: AuthContext, checkInId: number, dto: CloseSessionDto): Promise<CheckInResponse> {
    const note = dto.note.trim();
    if (!note) throw fieldError('validation_failed', 'note', '请填写补签退说明');
    const c = await this.activities.findCheckIn(checkInId);
    if (!c) throw new AppException('check_in_not_found');
    const a = c.activity;
    if (!countsHours(a.type)) throw new AppException('hours_not_applicable');
    if (c.userId === auth.userId) throw new AppException('own_check_in');
    if (!attended(c)) throw new AppException('not_checked_in');
    if (c.signedOutAt) throw new AppException('already_signed_out');
    const at = new Date(dto.signedOutAt);
    if (at.getTime() < c.createdAt.getTime() || at.getTime() > signOutCloses(a) || at.getTime() > Date.now()) throw new AppException('sign_out_time_invalid');
    const ok = await this.tx.run((m) => this.hours.closeSession(m, c.id, { signedOutAt: at, closedBy: auth.userId, closeNote: note, ...this.settle(a, c, at) }));
    if (!ok) throw new AppException('already_signed_out');
    const fresh = (await this.activities.findCheckIn(checkInId))!;
    return (await this.checkIns.mapWithPeople([{ c: fresh, activity: a }]))[0];
  }

  /**
   * One action after the end: every signed-out session that is not waiting for review gets its hours settled
   * (recomputed from the activity's window as it is now) and, when they count, confirmed with the volunteer
   * points. Repeating confirms what was closed or reviewed since; a session is confirmed once (a conditional
   * update) and its points are recorded once (the ledger's key), also when two staff confirm at the same time.
   */
  async confirm(auth: AuthContext, id: number): Promise<ConfirmHoursResponse> {
    const a = await this.requireHoursActivity(id);
    if (Date.now() < a.endsAt.getTime()) throw new AppException('activity_not_ended');
    const at = new Date();
    const out: ConfirmHoursResponse = { activityId: id, hoursConfirmedAt: at.toISOString(), confirmed: 0, belowThreshold: 0, openSessions: 0, awaitingReview: 0, pointsAwarded: 0 };
    for (const c of await this.hours.findSessions(id)) {
      if (!c.signedOutAt) {
        out.openSessions++;
        continue;
      }
      if (c.reviewStatus === 'pending') {
        out.awaitingReview++;
        continue;
      }
      const r = await this.confirmSession(a, c, auth.userId);
      if (r.status === 'confirmed' && r.changed) out.confirmed++;
      if (r.status === 'below_threshold') out.belowThreshold++;
      out.pointsAwarded += r.points;
    }
    await this.tx.run((m) => this.hours.markActivityConfirmed(m, id, auth.userId, at));
    return out;
  }

  /** Settles one signed-out session; points only for the writer that moved it to confirmed. */
  async confirmSession(a: Activity, c: CheckIn, actorId: number): Promise<{ status: HoursStatus; changed: boolean; points: number }> {
    if (c.hoursStatus === 'confirmed' || !c.signedOutAt) return { status: c.hoursStatus ?? 'pending', changed: false, points: 0 };
    const s = sessionHours(a, c.createdAt, c.signedOutAt, a.hoursThresholdPct);
    const status: HoursStatus = s.counts ? 'confirmed' : 'below_threshold';
    return this.tx.run(async (m) => {
      const changed = await this.hours.settleHours(m, c.id, ['pending', 'below_threshold'], status, s.hours);
      const points = changed && status === 'confirmed' ? await this.points.award(m, a, c, actorId) : 0;
      return { status, changed, points };
    });
  }
}
