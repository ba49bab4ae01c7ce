import { Injectable } from '@nestjs/common';
import { CheckInFlag, haversineM, IMPOSSIBLE_TRAVEL_KMH, TOKEN_RELAY_SECONDS } from '@xjy/shared';
import type { Activity } from './activity.entity';
import type { CheckIn } from './check-in.entity';
import { HoursRepository } from './hours.repository';
import { QrSightings } from './qr-sightings';

/** Below this distance a jump is GPS noise, however short the time. */
const TRAVEL_NOISE_M = 1000;
/** A scan in the last seconds of a slot arrives after the screen moved on: not yet relaying. */
const SCREEN_MOVED_GRACE_MS = 10_000;

export interface SuspicionInput {
  activity: Pick<Activity, 'id' | 'lat' | 'lng'>;
  userId: number;
  clientId: string | null;
  lat: number;
  lng: number;
  /** Sign-in or sign-out: coordinates are compared with the same step of others. */
  step: 'in' | 'out';
  /** The slot of the code the member sent. */
  slot: number;
  now: number;
}

export interface Suspicion {
  flags: CheckInFlag[];
  /** Other members' check-ins that the same evidence makes suspect too. */
  alsoFlag: Array<{ row: CheckIn; flag: CheckInFlag }>;
}

const same6 = (a: number, b: number) => a.toFixed(6) === b.toFixed(6);

/**
 * Proxy suspicion: what cannot be proven is recorded with its reason for a staff review (待核实), never refused.
 * Each rule reads only what this request and the stored check-ins say.
 */
@Injectable()
export class ProxySuspicionService {
  constructor(
    private readonly hours: HoursRepository,
    private readonly sightings: QrSightings,
  ) {}

  async judge(input: SuspicionInput): Promise<Suspicion> {
    const { activity, userId, clientId, lat, lng, step, now } = input;
    const [suspects, last] = await Promise.all([this.hours.suspects(activity.id, userId, clientId, step, lat, lng), this.hours.lastPosition(userId)]);
    const sameClient = clientId ? suspects.filter((c) => c.clientId === clientId) : [];
    const samePoint = suspects.filter((c) => (step === 'in' ? c.lat !== null && c.lng !== null && same6(c.lat, lat) && same6(c.lng, lng) : c.signOutLat !== null && c.signOutLng !== null && same6(c.signOutLat, lat) && same6(c.signOutLng, lng)));
    const flags: CheckInFlag[] = [];
    const alsoFlag: Suspicion['alsoFlag'] = [];
    // One phone checking in several accounts.
    if (sameClient.length) {
      flags.push('shared_client');
      for (const row of sameClient) alsoFlag.push({ row, flag: 'shared_client' });
    }
    // Identical coordinates to 6 decimals: real GPS fixes of different phones differ.
    if (samePoint.length) {
      flags.push('same_coordinates');
      for (const row of samePoint) alsoFlag.push({ row, flag: 'same_coordinates' });
    }
    // Exactly the published point: typed in, not measured.
    if (same6(lat, activity.lat) && same6(lng, activity.lng)) flags.push('activity_point');
    if (last && this.impossibleTravel(last, { lat, lng }, now)) flags.push('impossible_travel');
    if (this.relayed(activity.id, input.slot, now)) flags.push('token_relayed');
    return { flags, alsoFlag };
  }

  private impossibleTravel(last: { at: Date; lat: number; lng: number }, here: { lat: number; lng: number }, now: number): boolean {
    const m = haversineM(last, here);
    if (m <= TRAVEL_NOISE_M) return false;
    const hours = Math.max(0, now - last.at.getTime()) / 3600_000;
    return hours === 0 || m / 1000 / hours > IMPOSSIBLE_TRAVEL_KMH;
  }

  /**
   * The code was first shown more than 20 s ago and the screen has since shown the next one (a while ago): the
   * member used a code no longer on the screen, as a forwarded photo would be. Unknown sightings flag nothing.
   */
  private relayed(activityId: number, slot: number, now: number): boolean {
    const shown = this.sightings.firstShownAt(activityId, slot);
    const next = this.sightings.firstShownAt(activityId, slot + 1);
    if (shown === null || next === null) return false;
    return now - shown > TOKEN_RELAY_SECONDS * 1000 && now - next > SCREEN_MOVED_GRACE_MS;
  }
}
