import { haversineM, LatLng, REPORT_NEARBY_DAYS, REPORT_NEARBY_RADIUS_M } from '@xjy/shared';
import type { Report } from './report.entity';

const DAY_MS = 24 * 3600_000;

/** The oldest report the nearby list ("我也看到") still offers. */
export function nearbySince(now: Date): Date {
  return new Date(now.getTime() - REPORT_NEARBY_DAYS * DAY_MS);
}

/**
 * How far a report is from someone standing at `at`, when it is close and recent enough for the nearby list;
 * null otherwise. The list and 我也看到 both ask here, so nobody confirms a report they could not have been shown.
 */
export function nearbyReach(r: Pick<Report, 'lat' | 'lng' | 'createdAt'>, at: LatLng, now: Date): number | null {
  if (r.createdAt < nearbySince(now)) return null;
  const d = haversineM(at, r);
  return d <= REPORT_NEARBY_RADIUS_M ? d : null;
}
