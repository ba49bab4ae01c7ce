import { Injectable } from '@nestjs/common';
import type { AbsenteeResponse, AttendanceResponse, ListResponse } from '@xjy/shared';
import { AppException } from '../../common/app.exception';
import type { AuthContext } from '../../common/auth/auth-context';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { resolveQuarter } from '../organizations/organizations.service';
import { PointsLedger } from '../points/points-ledger.repository';
import { ActivitiesRepository } from './activities.repository';
import { HoursRepository } from './hours.repository';

/** What members attended in a quarter: their own summary, and the staff's list of members who attended no meeting. */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly activities: ActivitiesRepository,
    private readonly orgs: OrganizationsRepository,
    private readonly ledger: PointsLedger,
    private readonly hours: HoursRepository,
  ) {}

  async mine(auth: AuthContext, quarter: string | undefined): Promise<AttendanceResponse> {
    const range = resolveQuarter(quarter);
    const [meetings, all] = await Promise.all([
      this.activities.countAttendedBetween([auth.userId], ['meeting'], range.from, range.to),
      this.activities.countAttendedBetween([auth.userId], ['meeting', 'theme_day', 'volunteer', 'training'], range.from, range.to),
    ]);
    const [volunteerPoints, hours] = await Promise.all([
      this.ledger.sumBetween(auth.userId, ['volunteer_check_in', 'volunteer_check_in_reversed'], range.from, range.to),
      this.hours.sumConfirmedHours([auth.userId], range.from, range.to),
    ]);
    return {
      quarter: range.quarter,
      meetingsAttended: meetings.get(auth.userId) ?? 0,
      activitiesAttended: all.get(auth.userId) ?? 0,
      volunteerPoints,
      confirmedHours: hours.get(auth.userId) ?? 0,
    };
  }

  /** Verified members of an organization with no meeting attended this quarter, at either of their organizations. */
  async absentees(organizationId: number, quarter: string | undefined): Promise<ListResponse<AbsenteeResponse> & { quarter: string }> {
    if (!(await this.orgs.findById(organizationId))) throw new AppException('organization_not_found');
    const range = resolveQuarter(quarter);
    const members = await this.orgs.findVerifiedMembers([organizationId], range.from, range.to);
    const attended = await this.activities.countAttendedBetween([...new Set(members.map((m) => m.userId))], ['meeting'], range.from, range.to);
    const seen = new Set<number>();
    const items: AbsenteeResponse[] = [];
    for (const m of members) {
      if (seen.has(m.userId) || (attended.get(m.userId) ?? 0) > 0) continue;
      seen.add(m.userId);
      items.push({ member: { id: m.userId, nickname: m.user?.nickname ?? '', phone: m.user?.phone ?? null, trade: m.user?.trade ?? null }, role: m.role, meetingsAttended: 0 });
    }
    return { quarter: range.quarter, items };
  }
}
