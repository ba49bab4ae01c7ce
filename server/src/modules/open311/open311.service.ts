import { Inject, Injectable, Optional } from '@nestjs/common';
import { CLUSTER_BUS, type ClusterBus, InProcessClusterBus } from '../../common/redis/cluster-bus';
import { listenForInvalidations } from '../../common/redis/shared-invalidation';
import {
  OPEN311_MAX_RESULTS,
  Open311CreatedRequest,
  Open311Request,
  Open311Service as Open311ServiceItem,
  Open311ServiceDefinition,
  reportStatusesIn,
  ReportStatus,
  wgs84ToGcj02,
} from '@xjy/shared';
import { randomUUID } from 'node:crypto';
import { AppException } from '../../common/app.exception';
import { mapInSlices } from '../../common/slices';
import { TtlCache } from '../../common/ttl-cache';
import type { ReportCategory } from '../reports/categories/report-category.entity';
import { MediaService } from '../media/media.service';
import { ReportSubmissionService } from '../reports/report-submission.service';
import { Open311KeysService } from './open311-keys.service';
import { Open311RequestsQuery, parseRequestsQuery } from './open311-query';
import { toOpen311Request } from './open311.format';
import { Open311ReportRow, Open311Repository } from './open311.repository';
import type { Open311PostFields } from './open311-post';

const STATUSES: Record<'open' | 'closed', ReportStatus[]> = { open: reportStatusesIn('open'), closed: reportStatusesIn('fixed', 'closed') };
/** Names change about never; a public feed may show a renamed category or department a minute late. */
const NAMES_TTL_MS = 60_000;

/** Open311 GeoReport v2 over reports and their categories: public reads, and writes by a client holding an API key. */
@Injectable()
export class Open311Service {
  private readonly categories = new TtlCache<'all', ReportCategory[]>({ ttlMs: NAMES_TTL_MS, maxEntries: 1 });
  private readonly departments = new TtlCache<'all', Map<number, string>>({ ttlMs: NAMES_TTL_MS, maxEntries: 1 });
  private readonly areaNames = new TtlCache<number, string>({ ttlMs: NAMES_TTL_MS, maxEntries: 10_000 });

  constructor(
    private readonly repo: Open311Repository,
    private readonly media: MediaService,
    private readonly keys: Open311KeysService,
    private readonly submissions: ReportSubmissionService,
    // Optional so unit specs can build the service alone; the app always has the bus (CommonModule).
    @Optional() @Inject(CLUSTER_BUS) bus: ClusterBus = new InProcessClusterBus(),
  ) {
    listenForInvalidations(bus, 'areas', this.areaNames);
  }

  private allCategories(): Promise<ReportCategory[]> {
    return this.categories.getOrLoad('all', () => this.repo.allCategories());
  }

  private async activeCategories(): Promise<ReportCategory[]> {
    return (await this.allCategories()).filter((c) => c.archivedAt === null);
  }

  private async areaNamesFor(ids: number[]): Promise<Map<number, string>> {
    const missing = ids.filter((id) => this.areaNames.get(id) === undefined);
    for (const a of await this.repo.areasByIds(missing)) this.areaNames.set(a.id, a.name);
    return new Map(ids.flatMap((id) => (this.areaNames.get(id) === undefined ? [] : [[id, this.areaNames.get(id)!] as const])));
  }

  async services(): Promise<Open311ServiceItem[]> {
    return (await this.activeCategories()).map((c) => ({
      service_code: c.key,
      service_name: c.label,
      description: c.label,
      metadata: false,
      type: 'realtime',
      keywords: '',
      group: '随手拍',
    }));
  }

  async serviceDefinition(code: string): Promise<Open311ServiceDefinition> {
    const c = (await this.activeCategories()).find((x) => x.key === code);
    if (!c) throw new AppException('category_not_found');
    return { service_code: c.key, attributes: [] };
  }

  async requests(query: Record<string, unknown>, now = new Date()): Promise<Open311Request[]> {
    return this.findRequests(parseRequestsQuery(query, now));
  }

  /** GET requests.json for a query already read (parseRequestsQuery). */
  async findRequests(q: Open311RequestsQuery): Promise<Open311Request[]> {
    let categoryId: number | undefined;
    if (q.serviceCode) {
      const c = (await this.activeCategories()).find((x) => x.key === q.serviceCode);
      if (!c) return [];
      categoryId = c.id;
    }
    const statuses = q.statuses && q.statuses.length === 1 ? STATUSES[q.statuses[0]] : undefined;
    const rows = await this.repo.findRequests({ from: q.from, to: q.to, categoryId, statuses, ids: q.ids }, OPEN311_MAX_RESULTS);
    return this.describe(rows);
  }

  async request(id: string): Promise<Open311Request[]> {
    const n = /^\d{1,12}$/.test(id) ? Number(id) : 0;
    const row = n > 0 ? await this.repo.findRequest(n) : null;
    if (!row) throw new AppException('report_not_found');
    return this.describe([row]);
  }

  /** POST requests.json: a report filed under the client's account, at the WGS-84 point converted to GCJ-02. */
  async create(fields: Open311PostFields, idempotencyKey: string | undefined): Promise<Open311CreatedRequest[]> {
    const client = await this.keys.authenticate(fields.api_key);
    const point = wgs84ToGcj02({ lat: fields.lat, lng: fields.long });
    const auth = { userId: client.userId, role: 'worker' as const, scopePaths: [], scopeAreaIds: [] };
    const key = idempotencyKey ?? `o311-${randomUUID()}`;
    const report = await this.submissions.create(auth, key, { category: fields.service_code, description: fields.description, lat: point.lat, lng: point.lng, mediaIds: [] });
    return [{ service_request_id: String(report.id), service_notice: '已收到，待审核', account_id: null }];
  }

  private async describe(rows: Open311ReportRow[]): Promise<Open311Request[]> {
    if (!rows.length) return [];
    const uniq = (f: (r: Open311ReportRow) => number | null) => [...new Set(rows.map(f).filter((x): x is number => x !== null))];
    const [categories, departments, area, photos] = await Promise.all([
      this.allCategories(),
      this.departments.getOrLoad('all', async () => new Map((await this.repo.allDepartments()).map((d) => [d.id, d.name]))),
      this.areaNamesFor(uniq((r) => r.areaId)),
      this.media.attachedTo('report', rows.map((r) => r.id), { hideRisky: true }),
    ]);
    const cat = new Map(categories.map((c) => [c.id, c]));
    const dep = departments;
    return mapInSlices(rows, (r) =>
      toOpen311Request(r, {
        category: cat.get(r.categoryId),
        department: r.departmentId === null ? undefined : dep.get(r.departmentId),
        area: area.get(r.areaId),
        mediaUrl: photos.get(r.id)?.[0]?.url,
      }),
    );
  }
}
