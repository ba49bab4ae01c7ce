import { Injectable } from '@nestjs/common';
import { AMENITIES, NEARBY_CONFIRMED_WITHIN_DAYS_MAX, NEARBY_SORTS, NEARBY_LIMIT_DEFAULT, NEARBY_LIMIT_MAX, NEARBY_RADIUS_DEFAULT_M, NEARBY_RADIUS_MAX_M, STATION_KINDS } from '@xjy/shared';
import { getSchemaPath } from '@nestjs/swagger';
import { ErrorBodyDto } from '../../common/api-errors.decorator';
import { ANY_USER } from '../../common/auth/access.decorator';
import { FastRoutes } from '../../common/fast-routes';
import { NearbyStationsResponseDto } from './dto/station.response';
import { StationsService } from './stations.service';

const query = (name: string, required: boolean, schema: Record<string, unknown>, description?: string) => ({ name, in: 'query' as const, required, schema, description });

/**
 * GET /api/stations/nearby: the rider's hot path, answered from the in-memory index. Served as a fast route
 * (Fastify directly, same access policy and error bodies) because Nest's pipeline costs more than the search.
 */
@Injectable()
export class StationsNearbyRoute {
  constructor(fast: FastRoutes, stations: StationsService) {
    fast.add({
      path: '/stations/nearby',
      access: { roles: ANY_USER },
      handle: (q, auth) => stations.nearby(q, auth),
      openapi: {
        operationId: 'StationsNearbyRoute_nearby',
        tags: ['stations'],
        summary: 'Active stations near a point: the caller\'s starred ones first, then nearest first (equal distances: fresher first), with open-now in Asia/Shanghai time',
        parameters: [
          query('lat', true, { type: 'number', minimum: -90, maximum: 90 }, 'GCJ-02'),
          query('lng', true, { type: 'number', minimum: -180, maximum: 180 }, 'GCJ-02'),
          query('radius', false, { type: 'number', minimum: 1, maximum: NEARBY_RADIUS_MAX_M, default: NEARBY_RADIUS_DEFAULT_M }, 'metres'),
          query('amenities', false, { type: 'string' }, `comma-separated, all required: ${AMENITIES.join(', ')}`),
          query('kind', false, { type: 'string', enum: [...STATION_KINDS] }),
          query('openNow', false, { type: 'string', enum: ['true', 'false'] }),
          query('limit', false, { type: 'integer', minimum: 1, maximum: NEARBY_LIMIT_MAX, default: NEARBY_LIMIT_DEFAULT }),
          query('confirmedWithinDays', false, { type: 'integer', minimum: 1, maximum: NEARBY_CONFIRMED_WITHIN_DAYS_MAX }, 'only stations confirmed within this many days'),
          query('sort', false, { type: 'string', enum: [...NEARBY_SORTS], default: 'distance' }, 'fresh: most recently confirmed first within 100 m bands'),
        ],
        responses: {
          '200': { description: 'Nearest first', content: { 'application/json': { schema: { $ref: getSchemaPath(NearbyStationsResponseDto) } } } },
          ...Object.fromEntries(
            ([[400, 'validation_failed, with the fields named'], [401, 'unauthenticated or token_invalid'], [403, 'forbidden'], [503, 'db_unavailable']] as const).map(
              ([status, description]) => [String(status), { description, content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorBodyDto) } } } }],
            ),
          ),
        },
      },
    });
  }
}
