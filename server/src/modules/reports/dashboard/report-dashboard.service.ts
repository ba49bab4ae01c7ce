import { Injectable } from '@nestjs/common';
import { chinaWallClock, isReportFinished, REPORT_STATUS_GROUP, REPORT_STATUS_LABELS, REPORT_STATUSES, ReportDashboardResponse } from '@xjy/shared';
import ExcelJS from 'exceljs';
import { AppException, fieldError } from '../../../common/app.exception';
import type { AuthContext } from '../../../common/auth/auth-context';
import { ReportCategoriesRepository } from '../categories/report-categories.repository';
import { DepartmentsRepository } from '../departments/departments.repository';
import type { DashboardQuery } from '../dto/report-queries.dto';
import { isOverdue } from '../report.mapper';
import { ReportRoutingRepository } from '../report-routing.repository';
import type { Report } from '../report.entity';
import { ReportsRepository } from '../reports.repository';
import { ReportQueriesService } from '../report-queries.service';

const DAY_MS = 24 * 3600_000;
/** The export and the figures read at most this many reports; a wider range must be narrowed. */
const ROWS_MAX = 50_000;

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Finished on time: reviewed (accepted, rejected or marked duplicate) within the accept deadline, and when it was
 * accepted, resolved within the resolve deadline.
 */
export function finishedOnTime(r: Pick<Report, 'status' | 'reviewedAt' | 'finishedAt' | 'acceptDueAt' | 'resolveDueAt'>): boolean {
  if (!r.reviewedAt || !r.finishedAt) return false;
  if (r.reviewedAt > r.acceptDueAt) return false;
  return REPORT_STATUS_GROUP[r.status] !== 'fixed' || r.finishedAt <= r.resolveDueAt;
}

/** Excel cells have no time zone: write the wall-clock time in China. */
const beijing = (d: Date | null) => (d ? chinaWallClock(d) : null);
const minutes = (a: Date, b: Date) => Math.round((b.getTime() - a.getTime()) / 60_000);

@Injectable()
export class ReportDashboardService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly queries: ReportQueriesService,
    private readonly categories: ReportCategoriesRepository,
    private readonly departments: DepartmentsRepository,
    private readonly routing: ReportRoutingRepository,
  ) {}

  private async rows(auth: AuthContext, q: DashboardQuery): Promise<{ rows: Report[]; from: Date; to: Date }> {
    const to = q.to ? new Date(q.to) : new Date();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * DAY_MS);
    if (from >= to) throw fieldError('validation_failed', 'from', '开始日期必须早于结束日期');
    const filter = await this.queries.filterFor(auth, q.areaId);
    const rows = await this.reports.findAll({ ...filter, createdFrom: from, createdTo: to }, new Date(), ROWS_MAX + 1);
    if (rows.length > ROWS_MAX) throw new AppException('validation_failed', { maxRows: ROWS_MAX }, `所选范围内的问题上报超过 ${ROWS_MAX} 条，请缩小日期或区域范围`);
    return { rows, from, to };
  }

  /** Figures over the reports received in [from, to): handling rate = finished ÷ received (the 处理率). */
  async figures(auth: AuthContext, q: DashboardQuery): Promise<ReportDashboardResponse> {
    const { rows, from, to } = await this.rows(auth, q);
    const now = new Date();
    const finished = rows.filter((r) => isReportFinished(r.status));
    const [categories, areas] = await Promise.all([
      this.categories.findByIds([...new Set(rows.map((r) => r.categoryId))]),
      this.routing.findAreas([...new Set(rows.map((r) => r.areaId))]),
    ]);
    const count = <K>(key: (r: Report) => K) => rows.reduce((m, r) => m.set(key(r), (m.get(key(r)) ?? 0) + 1), new Map<K, number>());
    const byCategory = count((r) => r.categoryId);
    const areaStats = new Map<number, { received: number; closed: number }>();
    for (const r of rows) {
      const s = areaStats.get(r.areaId) ?? { received: 0, closed: 0 };
      s.received++;
      if (isReportFinished(r.status)) s.closed++;
      areaStats.set(r.areaId, s);
    }
    const byStatus = count((r) => r.status);
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      received: rows.length,
      closed: finished.length,
      handlingRate: rows.length ? finished.length / rows.length : null,
      onTimeRate: finished.length ? finished.filter(finishedOnTime).length / finished.length : null,
      medianAcceptMinutes: median(rows.filter((r) => r.acceptedAt).map((r) => minutes(r.createdAt, r.acceptedAt!))),
      medianResolveMinutes: median(rows.filter((r) => REPORT_STATUS_GROUP[r.status] === 'fixed' && r.finishedAt).map((r) => minutes(r.createdAt, r.finishedAt!))),
      overdue: rows.filter((r) => isOverdue(r, now)).length,
      byStatus: REPORT_STATUSES.map((status) => ({ status, count: byStatus.get(status) ?? 0 })),
      byCategory: [...byCategory.entries()].map(([id, n]) => {
        const c = categories.find((x) => x.id === id);
        return { category: c?.key ?? '', label: c?.label ?? '', count: n };
      }),
      byArea: [...areaStats.entries()]
        .map(([areaId, s]) => ({ areaId, name: areas.find((a) => a.id === areaId)?.name ?? '', ...s }))
        .sort((a, b) => b.received - a.received),
    };
  }

  async exportXlsx(auth: AuthContext, q: DashboardQuery): Promise<Buffer> {
    const { rows } = await this.rows(auth, q);
    const [categories, areas, departments] = await Promise.all([
      this.categories.listAll(),
      this.routing.findAreas([...new Set(rows.map((r) => r.areaId))]),
      this.departments.listAll(),
    ]);
    const now = new Date();
    const wb = new ExcelJS.Workbook();
    wb.creator = '新就业群体服务';
    const ws = wb.addWorksheet('随手拍');
    ws.columns = [
      { header: '编号', key: 'id', width: 8 },
      { header: '类别', key: 'category', width: 12 },
      { header: '描述', key: 'description', width: 40 },
      { header: '状态', key: 'status', width: 10 },
      { header: '区域', key: 'area', width: 16 },
      { header: '纬度', key: 'lat', width: 11 },
      { header: '经度', key: 'lng', width: 11 },
      { header: '上报时间', key: 'createdAt', width: 20 },
      { header: '受理时限', key: 'acceptDueAt', width: 20 },
      { header: '办结时限', key: 'resolveDueAt', width: 20 },
      { header: '采纳时间', key: 'acceptedAt', width: 20 },
      { header: '办结/关闭时间', key: 'finishedAt', width: 20 },
      { header: '承办部门', key: 'department', width: 12 },
      { header: '积分', key: 'points', width: 6 },
      { header: '附议人数', key: 'witnesses', width: 8 },
      { header: '超时', key: 'overdue', width: 6 },
    ];
    ws.getRow(1).font = { bold: true };
    for (const r of rows) {
      ws.addRow({
        id: r.id,
        category: categories.find((c) => c.id === r.categoryId)?.label ?? '',
        description: r.description,
        status: REPORT_STATUS_LABELS[r.status],
        area: areas.find((a) => a.id === r.areaId)?.name ?? '',
        lat: r.lat,
        lng: r.lng,
        createdAt: beijing(r.createdAt),
        acceptDueAt: beijing(r.acceptDueAt),
        resolveDueAt: beijing(r.resolveDueAt),
        acceptedAt: beijing(r.acceptedAt),
        finishedAt: beijing(r.finishedAt),
        department: departments.find((d) => d.id === r.departmentId)?.name ?? '',
        points: r.pointsAwarded,
        witnesses: r.witnessCount,
        overdue: isOverdue(r, now) ? '是' : '',
      });
    }
    for (const key of ['createdAt', 'acceptDueAt', 'resolveDueAt', 'acceptedAt', 'finishedAt']) ws.getColumn(key).numFmt = 'yyyy-mm-dd hh:mm';
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}
