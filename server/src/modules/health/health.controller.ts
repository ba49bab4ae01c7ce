import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { HealthResponse } from '@xjy/shared';
import type { FastifyReply } from 'fastify';
import { Public } from '../../common/auth/access.decorator';
import { DrainState } from '../../common/drain';
import { APP_CONFIG, AppConfig } from '../../config/app.config';
import { driverKind } from '../../database/data-source';
import { DatabaseHealth } from '../../database/database-health';
import { HealthResponseDto, LivenessResponseDto } from './dto/health.response';

const PING_TIMEOUT_MS = 2000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: DatabaseHealth,
    private readonly drain: DrainState,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Liveness: no I/O at all, the cheapest answer the server can give. */
  @Get('live')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: LivenessResponseDto })
  @ApiOperation({ summary: 'Liveness (no I/O)' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: 200 when the database answers a ping within two seconds, else 503; 503 too while the instance drains. */
  @Get()
  @Public()
  @ApiOkResponse({ type: HealthResponseDto })
  @ApiServiceUnavailableResponse({ type: HealthResponseDto, description: 'The database did not answer within two seconds, or the instance is stopping' })
  @ApiOperation({ summary: 'Readiness (database ping)' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponse> {
    const dbUp = await this.db.ping(PING_TIMEOUT_MS);
    const draining = this.drain.draining;
    void reply.status(dbUp && !draining ? 200 : 503);
    return { status: draining ? 'draining' : dbUp ? 'ok' : 'unavailable', db: dbUp ? 'up' : 'down', driver: driverKind(this.config), uptimeS: Math.round(process.uptime()) };
  }
}
