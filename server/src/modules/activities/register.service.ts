import { Injectable } from '@nestjs/common';
import { chinaWallClock, MEMBERSHIP_STATUS_LABELS, startOfChinaYear, Trade, TRADE_LABELS } from '@xjy/shared';
import ExcelJS from 'exceljs';
import { AppException } from '../../common/app.exception';
import { AuthContext, isAdmin } from '../../common/auth/auth-context';
import { ActivitiesRepository } from './activities.repository';
import { HoursRepository } from './hours.repository';
import { AreasRepository } from '../areas/areas.repository';
import type { User } from '../users/user.entity';
import { MembershipWithOrg, OrganizationsRepository } from '../organizations/organizations.repository';
import { resolveQuarter } from '../organizations/organizations.service';

interface Row {
  user: User;
  residence?: MembershipWithOrg;
  workplace?: MembershipWithOrg;
}

/** The staff's 台账: every member in scope, their two organizations, and what they attended this quarter. */
@Injectable()
export class RegisterService {
  constructor(
    private readonly orgs: OrganizationsRepository,
    private readonly areas: AreasRepository,
    private readonly activities: ActivitiesRepository,
    private readonly hours: HoursRepository,
  ) {}

  async export(auth: AuthContext, areaId: number | undefined, quarter: string | undefined): Promise<{ buffer: Buffer; filename: string }> {
    const range = resolveQuarter(quarter);
    let paths: string[] | null = isAdmin(auth) ? null : auth.scopePaths;
    let areaName = isAdmin(auth) ? '全市' : '辖区';
    if (areaId) {
      const area = await this.areas.findById(areaId);
      if (!area) throw new AppException('area_not_found');
      paths = [area.path];
      areaName = area.name;
    }
    const memberships = await this.orgs.findMembershipsInSubtrees(paths);
    const rows = new Map<number, Row>();
    for (const m of memberships) {
      const row = rows.get(m.userId) ?? { user: (m as MembershipWithOrg & { user: User }).user };
      row[m.role] = m;
      rows.set(m.userId, row);
    }
    const userIds = [...rows.keys()];
    const yearFrom = startOfChinaYear(range.from);
    const year = chinaWallClock(range.from).getUTCFullYear();
    const yearTo = startOfChinaYear(new Date(Date.UTC(year + 1, 0, 15)));
    const [meetings, all, volunteer, quarterHours, yearHours] = await Promise.all([
      this.activities.countAttendedBetween(userIds, ['meeting'], range.from, range.to),
      this.activities.countAttendedBetween(userIds, ['meeting', 'theme_day', 'volunteer', 'training'], range.from, range.to),
      this.activities.countAttendedBetween(userIds, ['volunteer'], range.from, range.to),
      this.hours.sumConfirmedHours(userIds, range.from, range.to),
      this.hours.sumConfirmedHours(userIds, yearFrom, yearTo),
    ]);

    const wb = new ExcelJS.Workbook();
    wb.creator = '新就业群体服务';
    wb.created = new Date();
    const sheet = wb.addWorksheet('台账', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = [
      { header: '姓名', key: 'name', width: 14 },
      { header: '手机', key: 'phone', width: 14 },
      { header: '行业', key: 'trade', width: 12 },
      { header: '平台/单位', key: 'employer', width: 16 },
      { header: '居住地组织', key: 'residenceOrg', width: 26 },
      { header: '居住地状态', key: 'residenceStatus', width: 10 },
      { header: '工作地组织', key: 'workplaceOrg', width: 26 },
      { header: '工作地状态', key: 'workplaceStatus', width: 10 },
      { header: `${range.quarter} 组织生活`, key: 'meetings', width: 14 },
      { header: `${range.quarter} 参加活动`, key: 'activities', width: 14 },
      { header: `${range.quarter} 志愿服务`, key: 'volunteer', width: 14 },
      { header: '积分', key: 'points', width: 8 },
      { header: `${range.quarter} 服务时长（小时）`, key: 'quarterHours', width: 18 },
      { header: `${year}年 服务时长（小时）`, key: 'yearHours', width: 18 },
    ];
    sheet.getRow(1).font = { bold: true };
    const byTradeArea = new Map<string, number>();
    for (const r of rows.values()) {
      sheet.addRow({
        name: r.user.nickname,
        phone: r.user.phone ?? '',
        trade: r.user.trade ? TRADE_LABELS[r.user.trade] : '',
        employer: r.user.employer ?? '',
        residenceOrg: r.residence?.organization.name ?? '',
        residenceStatus: r.residence ? MEMBERSHIP_STATUS_LABELS[r.residence.status] : '',
        workplaceOrg: r.workplace?.organization.name ?? '',
        workplaceStatus: r.workplace ? MEMBERSHIP_STATUS_LABELS[r.workplace.status] : '',
        meetings: meetings.get(r.user.id) ?? 0,
        activities: all.get(r.user.id) ?? 0,
        volunteer: volunteer.get(r.user.id) ?? 0,
        points: r.user.pointsBalance,
        quarterHours: quarterHours.get(r.user.id) ?? 0,
        yearHours: yearHours.get(r.user.id) ?? 0,
      });
      const area = (r.residence ?? r.workplace)!.organization.area.name;
      const key = `${r.user.trade ?? 'other'}\u0000${area}`;
      byTradeArea.set(key, (byTradeArea.get(key) ?? 0) + 1);
    }
    const summary = wb.addWorksheet('按行业统计');
    summary.columns = [
      { header: '行业', key: 'trade', width: 14 },
      { header: '区域', key: 'area', width: 26 },
      { header: '人数', key: 'count', width: 8 },
    ];
    summary.getRow(1).font = { bold: true };
    for (const [key, count] of [...byTradeArea.entries()].sort()) {
      const [trade, area] = key.split('\u0000');
      summary.addRow({ trade: TRADE_LABELS[trade as Trade] ?? trade, area, count });
    }
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    return { buffer, filename: `新就业群体台账-${areaName}-${range.quarter}.xlsx` };
  }
}
