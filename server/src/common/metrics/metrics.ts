import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of one instance: HTTP requests by route and status, event-loop lag and the rest of prom-client's
 * process metrics, the database pool, and business counters. One registry per app, so tests with several apps in one
 * process do not share counters.
 */
export class AppMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({ name: 'xjy_http_requests_total', help: 'HTTP requests answered', labelNames: ['method', 'route', 'status'] as const, registers: [this.registry] });
  readonly latency = new Histogram({
    name: 'xjy_http_request_duration_seconds',
    help: 'Time to answer an HTTP request',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly business = new Counter({
    name: 'xjy_business_events_total',
    help: 'Business events: reports submitted and accepted, check-ins, points awarded (value = points)',
    labelNames: ['event'] as const,
    registers: [this.registry],
  });

  constructor(poolStats: () => { total: number; idle: number; waiting: number } | null = () => null) {
    collectDefaultMetrics({ register: this.registry, prefix: 'xjy_', eventLoopMonitoringPrecision: 20 });
    new Gauge({
      name: 'xjy_db_pool_connections',
      help: 'Database pool connections, refreshed at scrape',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const s = poolStats();
        if (!s) return;
        this.set({ state: 'total' }, s.total);
        this.set({ state: 'idle' }, s.idle);
        this.set({ state: 'waiting' }, s.waiting);
      },
    });
  }

  count(event: 'report_submitted' | 'report_accepted' | 'check_in' | 'points_awarded', by = 1): void {
    this.business.inc({ event }, by);
  }

  /** Times every request Fastify answers, labelled by its route pattern (never the raw URL: ids would explode it). */
  instrument(fastify: FastifyInstance): void {
    fastify.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions?.url ?? 'unmatched';
      const labels = { method: request.method, route, status: String(reply.statusCode) };
      this.requests.inc(labels);
      this.latency.observe(labels, reply.elapsedTime / 1000);
    });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

interface Mysql2PoolInternals {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
}

/** mysql2's pool keeps its counts in fields of its own; the embedded driver has no pool. */
export function poolStatsOf(ds: { driver: unknown }): { total: number; idle: number; waiting: number } | null {
  const pool = (ds.driver as { pool?: Mysql2PoolInternals }).pool;
  if (!pool?._allConnections) return null;
  return { total: pool._allConnections.length, idle: pool._freeConnections?.length ?? 0, waiting: pool._connectionQueue?.length ?? 0 };
}
