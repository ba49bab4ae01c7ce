import { Controller, Get, Header, Inject, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../api-errors.decorator';
import type { FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { AppException } from '../app.exception';
import { Public } from '../auth/access.decorator';
import { APP_CONFIG, AppConfig } from '../../config/app.config';
import { AppMetrics } from './metrics';

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/**
 * Prometheus scrapes /api/metrics. With METRICS_TOKEN set it must send `Authorization: Bearer <token>`; without it
 * only a scraper on this machine is answered (the client address honours TRUST_PROXY, so a forged header cannot pass).
 */
@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: AppMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Prometheus metrics of this instance (METRICS_TOKEN as bearer, or a scraper on this machine)' })
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiErrors(401, 403)
  @Header('cache-control', 'no-store')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(@Req() req: FastifyRequest): Promise<string> {
    const token = this.config.metricsToken ?? '';
    const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const allowed = token ? given.length === token.length && timingSafeEqual(Buffer.from(given), Buffer.from(token)) : LOOPBACK.test(req.ip);
    if (!allowed) throw new AppException('forbidden', undefined, '无权读取监控指标');
    return this.metrics.text();
  }
}
