import { Activity } from '../../src/modules/activities/activity.entity';
import { CheckIn } from '../../src/modules/activities/check-in.entity';
import type { TestApp } from './test-app';

const back = (d: Date | null, ms: number) => (d ? new Date(d.getTime() - ms) : d);

/**
 * Lets `ms` pass for one activity: its window and every timestamp of its check-ins move back by `ms`, so a session
 * begun now looks begun `ms` ago. Sign-out and confirmation read the activity uncached, so they see it at once.
 */
export async function elapse(t: TestApp, activityId: number, ms: number): Promise<void> {
  const activities = t.ds.getRepository(Activity);
  const a = await activities.findOneByOrFail({ id: activityId });
  await activities.update({ id: activityId }, { startsAt: back(a.startsAt, ms)!, endsAt: back(a.endsAt, ms)! });
  const checkIns = t.ds.getRepository(CheckIn);
  for (const c of await checkIns.find({ where: { activityId } })) {
    await checkIns.update({ id: c.id }, { createdAt: back(c.createdAt, ms)!, signedOutAt: back(c.signedOutAt, ms), approvedAt: back(c.approvedAt, ms) });
  }
}

/** A point near 新乐's centre, unique per n below 10,000, within 150 m of the activities' published point (38.3435, 114.6839). */
export const near = (n: number) => ({ lat: Number((38.3436 + (n % 100) * 0.00001).toFixed(6)), lng: Number((114.684 + (Math.floor(n / 100) % 100) * 0.00001).toFixed(6)) });
