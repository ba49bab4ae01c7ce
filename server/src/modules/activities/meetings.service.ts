import { Injectable } from '@nestjs/common';
import { chinaWallClock, MEETING_RULES, meetingProgress, MeetingRule, MemberMeetingsResponse } from '@xjy/shared';
import { AppException } from '../../common/app.exception';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { resolveQuarter } from '../organizations/organizations.service';
import { HoursRepository } from './hours.repository';

export interface OrganizationMeetingsResponse {
  quarter: string;
  rules: readonly MeetingRule[];
  items: MemberMeetingsResponse[];
}

/** 三会一课: each verified member's quarter against the rule set, meetings at either organization counted once. */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly orgs: OrganizationsRepository,
    private readonly hours: HoursRepository,
  ) {}

  async quarter(organizationId: number, quarter: string | undefined, rules: readonly MeetingRule[] = MEETING_RULES): Promise<OrganizationMeetingsResponse> {
    if (!(await this.orgs.findById(organizationId))) throw new AppException('organization_not_found');
    const range = resolveQuarter(quarter);
    const members = await this.orgs.findVerifiedMembers([organizationId], range.from, range.to);
    const people = new Map(members.map((m) => [m.userId, m.user?.nickname ?? '']));
    // Each attendance is one row per member and activity, so a meeting is counted once wherever it was held.
    const attended = await this.hours.attendedMeetings([...people.keys()], range.from, range.to);
    const firstMonth = chinaWallClock(range.from).getUTCMonth();
    const items = [...people].map(([id, nickname]) => {
      const mine = attended
        .filter((a) => a.userId === id && a.kind !== null)
        .map((a) => ({ kind: a.kind!, month: Math.min(2, Math.max(0, chinaWallClock(a.startsAt).getUTCMonth() - firstMonth)) as 0 | 1 | 2 }));
      const progress = meetingProgress(rules, mine);
      return { member: { id, nickname }, rules: progress, met: progress.every((p) => p.met) };
    });
    return { quarter: range.quarter, rules, items };
  }
}
