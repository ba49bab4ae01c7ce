import type { ReportEventType, ReportStatus } from '@xjy/shared';
import type { EntityManager } from 'typeorm';
import { Area } from '../../modules/areas/area.entity';
import { Media } from '../../modules/media/media.entity';
import { PointsLedger } from '../../modules/points/points-ledger.repository';
import { ReportCategory } from '../../modules/reports/categories/report-category.entity';
import { Department } from '../../modules/reports/departments/department.entity';
import { Message } from '../../modules/reports/messages/message.entity';
import { ReportEvent } from '../../modules/reports/report-event.entity';
import { Report } from '../../modules/reports/report.entity';
import { queueDueOf } from '../../modules/reports/report-queue-due';
import { User } from '../../modules/users/user.entity';

const HOUR = 3600_000;

interface DemoReport {
  grid: string;
  by: 'streamer' | 'rider';
  category: string;
  description: string;
  status: ReportStatus;
  /** Hours before now it was sent. */
  ageH: number;
  points?: number;
  department?: string;
  outcome?: string;
  rejectNote?: string;
}

// In the demo staff's scope (新乐 长寿街道, 曹县 磐石街道) unless noted, so the queue, the dashboard and the streamer's
// list all have content on first start: every status, one overdue, one accepted with points.
const DEMO_REPORTS: DemoReport[] = [
  { grid: '13018400100101', by: 'streamer', category: 'traffic', description: '长寿街与新华路路口早高峰电动车逆行严重，建议安排劝导。', status: 'submitted', ageH: 2 },
  { grid: '13018400100203', by: 'rider', category: 'hazard', description: '文化路社区东门井盖松动，骑车经过有明显晃动。', status: 'submitted', ageH: 30 },
  { grid: '13018400100302', by: 'streamer', category: 'environment', description: '和平社区菜市场北侧垃圾堆放两天无人清运。', status: 'accepted', ageH: 20, points: 8 },
  { grid: '13018400100104', by: 'streamer', category: 'facility', description: '新华社区公交站候车亭顶棚破损，下雨漏水。', status: 'dispatched', ageH: 50, points: 7, department: '住建' },
  { grid: '13018400100201', by: 'streamer', category: 'civility', description: '文化路商铺占道经营，盲道被货架挡住。', status: 'resolved', ageH: 120, points: 6, department: '城管', outcome: '城管已约谈商户，货架已移回店内，盲道恢复通行。' },
  { grid: '13018400100102', by: 'rider', category: 'other', description: '路边有一只流浪狗，看起来受伤了。', status: 'rejected', ageH: 80, rejectNote: '已转交动物救助站，不属于城市治理问题。' },
  { grid: '37172100100101', by: 'streamer', category: 'traffic', description: '青年路学校门口放学时段车辆乱停，堵塞路口。', status: 'submitted', ageH: 5 },
  { grid: '35058100100101', by: 'rider', category: 'environment', description: '湖滨社区河道边有漂浮垃圾。', status: 'submitted', ageH: 3 },
];

const EVENT_FOR: Partial<Record<ReportStatus, ReportEventType>> = { accepted: 'accepted', dispatched: 'dispatched', resolved: 'resolved', rejected: 'rejected' };

/** Demo reports with photos, timelines, points through the ledger and in-app messages. Photos are rendered on first read. */
export async function seedDemoReports(m: EntityManager, now = new Date()): Promise<number> {
  const ledger = new PointsLedger(m.connection);
  const users = new Map((await m.getRepository(User).find()).map((u) => [u.demoAccount, u]));
  const staff = users.get('staff')!;
  const categories = new Map((await m.getRepository(ReportCategory).find()).map((c) => [c.key, c]));
  const departments = new Map((await m.getRepository(Department).find()).map((d) => [d.name, d]));
  let n = 0;
  for (const d of DEMO_REPORTS) {
    const area = await m.getRepository(Area).findOneBy({ code: d.grid });
    const category = categories.get(d.category);
    const reporter = users.get(d.by);
    if (!area || !category || !reporter || area.centerLat === null || area.centerLng === null) continue;
    n++;
    const created = new Date(now.getTime() - d.ageH * HOUR);
    const reviewed = d.status === 'submitted' ? null : new Date(created.getTime() + 3 * HOUR);
    const finished = d.status === 'resolved' || d.status === 'rejected' ? new Date(created.getTime() + 40 * HOUR) : null;
    const acceptDueAt = new Date(created.getTime() + category.acceptHours * HOUR);
    const resolveDueAt = new Date(created.getTime() + category.resolveHours * HOUR);
    const stageDeadlineAt = d.department && d.status === 'dispatched' ? new Date(created.getTime() + 9 * HOUR) : null;
    const report = await m.getRepository(Report).save(
      m.getRepository(Report).create({
        reporterId: reporter.id,
        idempotencyKey: `demo-report-${n}`,
        categoryId: category.id,
        description: d.description,
        status: d.status,
        lat: area.centerLat + 0.0004 * (n % 3),
        lng: area.centerLng - 0.0003 * (n % 2),
        areaId: area.id,
        areaPath: area.path,
        stationId: null,
        priority: 0,
        witnessCount: 0,
        pointsAwarded: 0,
        flaggedAt: null,
        departmentId: d.department ? (departments.get(d.department)?.id ?? null) : null,
        duplicateOfId: null,
        acceptDueAt,
        resolveDueAt,
        queueDueAt: queueDueOf({ status: d.status, acceptDueAt, resolveDueAt, stageDeadlineAt }),
        reviewedAt: reviewed,
        acceptedAt: d.points ? reviewed : null,
        finishedAt: finished,
        createdAt: created,
      }),
    );
    // The closed loop: who dispatched it and the sign deadline it runs under (4 hours from dispatch), and how a
    // resolved case ended.
    if (d.department) {
      await m.getRepository(Report).update(
        { id: report.id },
        { dispatchedById: staff.id, stageDeadlineAt, ...(d.status === 'resolved' ? { outcome: 'fixed' as const, closedAt: finished } : {}) },
      );
    }
    await m.getRepository(Media).insert({
      ownerId: reporter.id,
      fileKey: `demo/report-${n}.jpg`,
      thumbKey: `demo/report-${n}.thumb.jpg`,
      width: 1200,
      height: 900,
      bytes: 0,
      attachedType: 'report',
      attachedId: report.id,
      checkStatus: 'none',
    });
    const events = m.getRepository(ReportEvent);
    await events.insert({ reportId: report.id, type: 'created', actorId: reporter.id, createdAt: created });
    if (d.points) {
      await ledger.record(m, { userId: reporter.id, delta: d.points, reason: 'report_accepted', sourceType: 'report', sourceId: report.id, actorId: staff.id });
      await m.getRepository(Report).update({ id: report.id }, { pointsAwarded: d.points });
      await events.insert({ reportId: report.id, type: 'accepted', actorId: staff.id, data: { points: d.points }, createdAt: reviewed! });
    }
    const last = EVENT_FOR[d.status];
    if (last && last !== 'accepted') {
      const dep = d.department ? departments.get(d.department) : undefined;
      if (dep) await events.insert({ reportId: report.id, type: 'dispatched', actorId: staff.id, data: { departmentId: dep.id }, createdAt: new Date(created.getTime() + 5 * HOUR) });
      if (last === 'resolved') await events.insert({ reportId: report.id, type: 'resolved', actorId: staff.id, note: d.outcome ?? null, createdAt: finished! });
      if (last === 'rejected') await events.insert({ reportId: report.id, type: 'rejected', actorId: staff.id, note: d.rejectNote ?? null, data: { reason: 'out_of_jurisdiction' }, createdAt: finished! });
    }
    if (d.status !== 'submitted') {
      await m.getRepository(Message).insert({ userId: reporter.id, kind: 'report_status', title: `你的随手拍${d.status === 'rejected' ? '未被采纳' : '有新进展'}`, body: d.description.slice(0, 60), reportId: report.id });
    }
  }
  return n;
}
