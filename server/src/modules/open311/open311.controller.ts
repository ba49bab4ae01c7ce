import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Open311Format } from '@xjy/shared';
import type { FastifyReply } from 'fastify';
import { AppException } from '../../common/app.exception';
import { mapInSlices } from '../../common/slices';
import { Public } from '../../common/auth/access.decorator';
import { Open311ExceptionFilter } from './open311-exception.filter';
import { Open311FeedCache } from './open311-feed-cache';
import { parsePostFields } from './open311-post';
import { parseRequestsQuery } from './open311-query';
import { OPEN311_JSON_TYPE, OPEN311_XML_TYPE, parseFormat, toXml, toXmlElement } from './open311.format';
import { Open311Service } from './open311.service';

/** The list element and item element each answer uses in XML. */
type Shape = { root: string; item: string };
const SERVICES: Shape = { root: 'services', item: 'service' };
const DEFINITION: Shape = { root: 'service_definitions', item: 'service_definition' };
const REQUESTS: Shape = { root: 'service_requests', item: 'request' };

/**
 * Open311 GeoReport v2 at /open311/v2 (outside the /api prefix, as clients expect the spec's paths). Documented
 * by the spec itself rather than this API's OpenAPI file, since its error bodies are the spec's, not ours.
 */
@ApiExcludeController()
@UseFilters(Open311ExceptionFilter)
@Controller('open311/v2')
export class Open311Controller {
  constructor(
    private readonly open311: Open311Service,
    private readonly feed: Open311FeedCache,
  ) {}

  @Get('services.:format')
  @Public()
  async services(@Param('format') format: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const f = formatOf(format);
    return send(reply, f, SERVICES, await this.open311.services());
  }

  @Get('services/:code.:format')
  @Public()
  async service(@Param('code') code: string, @Param('format') format: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const f = formatOf(format);
    return send(reply, f, DEFINITION, [await this.open311.serviceDefinition(code)], true);
  }

  /** The feed city platforms poll: served from the short-lived feed cache (OPEN311_CACHE_S) per normalized query. */
  @Get('requests.:format')
  @Public()
  async requests(@Param('format') format: string, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const f = formatOf(format);
    const q = parseRequestsQuery(query, new Date());
    const body = await this.feed.get(`${f}?${q.key}`, async () => {
      const items = await this.open311.findRequests(q);
      // Up to 1,000 items: serialized a slice at a time, so requests answered from the cache meanwhile go out.
      return Buffer.from(f === 'json' ? `[${(await mapInSlices(items, (x) => JSON.stringify(x))).join(',')}]` : serialize(f, REQUESTS, items));
    });
    void reply.header('content-type', f === 'xml' ? OPEN311_XML_TYPE : OPEN311_JSON_TYPE);
    return body;
  }

  @Get('requests/:id.:format')
  @Public()
  async request(@Param('id') id: string, @Param('format') format: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const f = formatOf(format);
    return send(reply, f, REQUESTS, await this.open311.request(id));
  }

  /** Form-encoded (as the spec sends it) or JSON; an Idempotency-Key header makes a retry safe. */
  @Post('requests.:format')
  @Public()
  @HttpCode(201)
  async create(
    @Param('format') format: string,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const f = formatOf(format);
    const created = await this.open311.create(parsePostFields(body), idempotencyKey);
    return send(reply, f, REQUESTS, created);
  }
}

function formatOf(value: string): Open311Format {
  const f = parseFormat(value);
  if (!f) throw new AppException('not_found');
  return f;
}

/** JSON as is; XML as the spec's list element. A service definition is a single object (one element in XML). */
function serialize(format: Open311Format, shape: Shape, items: object[], single = false): string {
  if (format === 'xml') return single ? toXmlElement(shape.item, items[0]) : toXml(shape.root, shape.item, items);
  return JSON.stringify(single ? items[0] : items);
}

function send(reply: FastifyReply, format: Open311Format, shape: Shape, items: object[], single = false): string {
  void reply.header('content-type', format === 'xml' ? OPEN311_XML_TYPE : OPEN311_JSON_TYPE);
  return serialize(format, shape, items, single);
}
