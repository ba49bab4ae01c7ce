import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Access, ANY_USER, CurrentAuth } from '../../common/auth/access.decorator';
import type { AuthContext } from '../../common/auth/auth-context';
import { StationsService } from './stations.service';

/**
 * Benchmark only: the same nearby query and service call as the fast route, answered the ordinary way through
 * Nest's controller pipeline (guards, interceptors, pipes, exception filter). bench/stations.bench.mjs runs both in
 * one run, so the fast route's reason — Nest's per-request cost, not the search — is measured again every time.
 * Mounted only when BENCH_PLAIN_NEARBY=1 (see StationsModule), so no deployed instance has this path.
 */
@ApiExcludeController()
@Controller('stations')
export class StationsNearbyPlainController {
  constructor(private readonly stations: StationsService) {}

  @Get('nearby-plain')
  @Access(ANY_USER)
  @Header('content-type', 'application/json; charset=utf-8')
  nearby(@CurrentAuth() auth: AuthContext, @Query() q: Record<string, unknown>): Promise<Buffer> {
    return this.stations.nearby(q, auth);
  }
}
