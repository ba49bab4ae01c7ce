import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app.config';
import type { UnitOfWork } from '../../database/transaction.runner';
import { PointsLedger } from '../points/points-ledger.repository';
import { periodStart } from '../points/points.service';
import { ActivitiesRepository } from './activities.repository';
import type { Activity } from './activity.entity';
import type { CheckIn } from './check-in.entity';

/** Volunteer points for one confirmed session, through the ledger. */
@Injectable()
export class VolunteerPoints {
  constructor(
    private readonly activities: ActivitiesRepository,
    private readonly ledger: PointsLedger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Awards the activity's points within the daily cap of volunteer points per China-time day; the ledger's key
   * (check_in, id) makes a repeat a no-op, and the balance lock keeps two awards of one member from both reading
   * "under the cap". Returns what the ledger holds for this session.
   */
  async award(m: UnitOfWork, activity: Pick<Activity, 'type' | 'points'>, row: Pick<CheckIn, 'id' | 'userId'>, actorId: number | null): Promise<number> {
    if (activity.type !== 'volunteer' || activity.points <= 0) return 0;
    await this.ledger.lockBalance(m, row.userId);
    const today = await this.ledger.sumSince(m, row.userId, ['volunteer_check_in', 'volunteer_check_in_reversed'], periodStart('day', new Date())!);
    const delta = Math.max(0, Math.min(activity.points, this.config.volunteerPointsDailyCap - today));
    const res = await this.ledger.record(m, { userId: row.userId, delta, reason: 'volunteer_check_in', sourceType: 'check_in', sourceId: row.id, actorId });
    await this.activities.setPointsAwarded(m, row.id, res.entry.delta);
    return res.entry.delta;
  }
}
