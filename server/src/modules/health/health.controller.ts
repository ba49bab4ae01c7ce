import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { HealthResponse } from '@xjy/shared';
import type { FastifyReply } from 'fastify';
import { Public } from '../../common/auth/access.decorator';
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

  /** Readiness: 200 when the database answers a ping within two seconds, else 503. */
  @Get()
  @Public()
  @ApiOkResponse({ type: HealthResponseDto })
  @ApiServiceUnavailableResponse({ type: HealthResponseDto, description: 'The database did not answer within two seconds' })
  @ApiOperation({ summary: 'Readiness (database ping)' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponse> {
    const up = await this.db.ping(PING_TIMEOUT_MS);
    void reply.status(up ? 200 : 503);
    return { status: up ? 'ok' : 'unavailable', db: up ? 'up' : 'down', driver: driverKind(this.config), uptimeS: Math.round(process.uptime()) };
  }
}
