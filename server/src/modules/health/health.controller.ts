import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HealthResponse } from '@xjy/shared';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../../common/auth/access.decorator';
import { APP_CONFIG, AppConfig } from '../../config/app.config';
import { driverKind } from '../../database/data-source';
import { HealthResponseDto, LivenessResponseDto } from './dto/health.response';

const PING_TIMEOUT_MS = 2000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
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
    let up = false;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.ds.query('SELECT 1'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('ping timeout')), PING_TIMEOUT_MS);
        }),
      ]);
      up = true;
    } catch {
      up = false;
    } finally {
      clearTimeout(timer);
    }
    void reply.status(up ? 200 : 503);
    return { status: up ? 'ok' : 'unavailable', db: up ? 'up' : 'down', driver: driverKind(this.config), uptimeS: Math.round(process.uptime()) };
  }
}
