import { Injectable } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccessRule } from './auth/access.decorator';
import type { AccessPolicy } from './auth/access.policy';
import type { AuthContext } from './auth/auth-context';
import type { GlobalExceptionFilter } from './global-exception.filter';

/**
 * A read-only JSON route served by Fastify directly instead of through Nest's router (guards, pipes,
 * interceptors). For the few hot reads whose own work costs less than that pipeline, such as stations/nearby.
 * It keeps what matters of the pipeline: the same access policy, the same error bodies, the request id and
 * request logging (both Fastify hooks), and an entry in the OpenAPI document (written here by hand, since
 * Swagger only scans controllers). GET only: writes stay in Nest, behind the throttler and validation pipe.
 */
export interface FastRoute {
  /** Path under the API prefix, e.g. '/stations/nearby'. */
  path: string;
  access: AccessRule;
  openapi: OperationObject;
  /** Returns the response body, already serialized as JSON. */
  handle(query: Record<string, unknown>, auth: AuthContext | null): Buffer | string | Promise<Buffer | string>;
}

/** Features add their fast routes while the app is built (in a provider's constructor); createApp mounts them. */
@Injectable()
export class FastRoutes {
  private readonly routes: FastRoute[] = [];

  add(route: FastRoute): void {
    if (this.routes.some((r) => r.path === route.path)) throw new Error(`Fast route ${route.path} added twice`);
    this.routes.push(route);
  }

  list(): readonly FastRoute[] {
    return this.routes;
  }
}

const JSON_UTF8 = 'application/json; charset=utf-8';

export function mountFastRoutes(fastify: FastifyInstance, prefix: string, routes: FastRoutes, policy: AccessPolicy, errors: GlobalExceptionFilter): void {
  for (const route of routes.list()) {
    fastify.route({
      method: 'GET',
      url: `/${prefix}${route.path}`,
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        try {
          const auth = await policy.check(route.access, request);
          const body = await route.handle(request.query as Record<string, unknown>, auth);
          return reply.header('content-type', JSON_UTF8).send(body);
        } catch (e) {
          errors.respond(e, request, reply);
          return reply;
        }
      },
    });
  }
}

export function documentFastRoutes(doc: OpenAPIObject, prefix: string, routes: FastRoutes): void {
  for (const route of routes.list()) {
    const security = route.access.public ? [] : [{ bearer: [] }];
    doc.paths[`/${prefix}${route.path}`] = { ...doc.paths[`/${prefix}${route.path}`], get: { security, ...route.openapi } };
  }
}
