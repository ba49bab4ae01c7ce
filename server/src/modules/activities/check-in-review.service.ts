import { Injectable } from '@nestjs/common';
import { CheckInResponse, ListResponse } from '@xjy/shared';
import { AppException, fieldError } from '../../common/app.exception';
import { AuthContext, isAdmin } from '../../common/auth/auth-context';
import { TransactionRunner } from '../../database/transaction.runner';
import { ActivitiesRepository } from './activities.repository';
import { CheckInsService } from './check-ins.service';
import type { ReviewCheckInDto } from './dto/hours.dto';
import { HoursRepository } from './hours.repository';
import { HoursService } from './hours.service';

const FLAGGED_LIMIT = 200;

/** The review queue of check-ins flagged as possible proxies (待核实): staff accept or reject each with a note. */
@Injectable()
export class CheckInReviewService {
  constructor(
    private readonly activities: ActivitiesRepository,
    private readonly hours: HoursRepository,
    private readonly checkIns: CheckInsService,
    private readonly hoursService: HoursService,
    private readonly tx: TransactionRunner,
  ) {}

  /** Flagged check-ins waiting for review in activities in the caller's scope, oldest first. */
  async flagged(auth: AuthContext): Promise<ListResponse<CheckInResponse>> {
    const rows = await this.hours.findFlagged(isAdmin(auth) ? null : auth.scopePaths, FLAGGED_LIMIT);
    return { items: await this.checkIns.mapWithPeople(rows.map((c) => ({ c, activity: c.activity }))) };
  }

  /**
   * Accept: the check-in stands (and, when the activity's hours were already confirmed, this session is confirmed
   * now with its points). Reject: it no longer counts as attendance. Decided once; nobody reviews their own.
   */
  async review(auth: AuthContext, checkInId: number, dto: ReviewCheckInDto): Promise<CheckInResponse> {
    const note = dto.note.trim();
    if (!note) throw fieldError('validation_failed', 'note', '请填写核实说明');
    const c = await this.activities.findCheckIn(checkInId);
    if (!c) throw new AppException('check_in_not_found');
    if (c.userId === auth.userId) throw new AppException('own_review');
    if (c.reviewStatus === null) throw new AppException('check_in_not_flagged');
    if (c.reviewStatus !== 'pending') throw new AppException('already_reviewed');
    const ok = await this.tx.run((m) => this.hours.review(m, c.id, dto.accept ? 'accepted' : 'rejected', auth.userId, note));
    if (!ok) throw new AppException('already_reviewed');
    let fresh = (await this.activities.findCheckIn(checkInId))!;
    if (dto.accept && fresh.activity.hoursConfirmedAt && fresh.signedOutAt) {
      await this.hoursService.confirmSession(fresh.activity, fresh, auth.userId);
      fresh = (await this.activities.findCheckIn(checkInId))!;
    }
    return (await this.checkIns.mapWithPeople([{ c: fresh, activity: fresh.activity }]))[0];
  }
}
