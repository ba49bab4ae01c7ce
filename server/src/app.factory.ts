import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from './app.module';
import { AccessPolicy } from './common/auth/access.policy';
import { documentFastRoutes, FastRoutes, mountFastRoutes } from './common/fast-routes';
import { GlobalExceptionFilter } from './common/global-exception.filter';
import { DrainState } from './common/drain';
import { AppMetrics } from './common/metrics/metrics';
import { fastifyErrorOptions, installBodyParsers } from './common/http-errors';
import { AccessLogController, createRootLogger, PinoNestLogger } from './common/logging';
import { registerSecurityHeaders } from './common/security-headers';
import { setStaticHeaders } from './common/static-cache';
import { createValidationPipe } from './common/validation';
import type { AppConfig } from './config/app.config';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
export const API_PREFIX = 'api';
/** Open311 GeoReport v2 lives at the spec's own paths, outside the API prefix. */
export const OPEN311_PREFIX = 'open311';

export interface RegisteredRoute {
  method: string;
  url: string;
}
const routesByApp = new WeakMap<object, RegisteredRoute[]>();

/** Every route Fastify registered, as it registered it: the ground truth for docs and access-matrix tests. */
export function registeredRoutes(app: NestFastifyApplication): RegisteredRoute[] {
  return routesByApp.get(app) ?? [];
}

/** Builds the whole HTTP application (API, docs, H5 static files) without listening; main.ts and tests share it. */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const logger = createRootLogger(config);
  const errors = new GlobalExceptionFilter(config);
  const adapter = new FastifyAdapter({
    ...fastifyErrorOptions(errors),
    loggerInstance: logger,
    logController: new AccessLogController(config.env !== 'test', logger),
    // Only configured proxies may name the client (X-Forwarded-For): rate limits key on request.ip.
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      req.headers['x-request-id'] = id;
      return id;
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, { bufferLogs: true, abortOnError: false, bodyParser: false });
  app.useLogger(new PinoNestLogger(logger));
  app.setGlobalPrefix(API_PREFIX, { exclude: [{ path: `${OPEN311_PREFIX}/{*rest}`, method: RequestMethod.ALL }] });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  installBodyParsers(fastify);
  const routes: RegisteredRoute[] = [];
  routesByApp.set(app, routes);
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url });
  });
  app.get(AppMetrics).instrument(fastify);
  const drain = app.get(DrainState);
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    // While draining, keep-alive clients (the proxy's pooled connections) are asked to reconnect elsewhere.
    if (drain.draining) void reply.header('connection', 'close');
  });
  await registerSecurityHeaders(app, config, `${API_PREFIX}/docs`);
  await app.register(fastifyMultipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 10 } });

  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('新就业群体服务 API')
      .setDescription('Stations, reports, points and check-ins. Every error body is { code, message, details? }.')
      .setVersion('0.1.0')
      .addServer('/', 'This server')
      .addBearerAuth()
      .addTag('auth', 'Log in (WeChat code, password, demo)')
      .addTag('me', 'The logged-in user')
      .addTag('health', 'Liveness, readiness, what the client needs before login')
      .addTag('areas', 'The area tree (district > street > community > grid)')
      .addTag('admin', 'Staff and admin accounts')
      .addTag('stations', '爱心驿站: stations, nearby, feedback, import, coverage')
      .addTag('reports', '随手拍: reports and their closed loop, categories, departments, dashboard')
      .addTag('messages', 'In-app messages and subscribe-message consent')
      .addTag('points', '新市民积分: the points ledger')
      .addTag('statements', '积分与志愿服务时长证明: issued statements and their public check by code')
      .addTag('organizations', 'Organizations, memberships and the register')
      .addTag('activities', '报到: activities and check-ins')
      .addTag('media', 'Photos')
      .addTag('wechat', 'WeChat message push')
      .build(),
  );
  // Hot reads served by Fastify directly (see fast-routes.ts): mounted and documented here, before Nest's routes.
  const fastRoutes = app.get(FastRoutes);
  mountFastRoutes(fastify, API_PREFIX, fastRoutes, app.get(AccessPolicy), errors);
  documentFastRoutes(doc, API_PREFIX, fastRoutes);
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, doc, { jsonDocumentUrl: `${API_PREFIX}/docs-json` });

  if (existsSync(join(config.h5Dir, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: config.h5Dir,
      prefix: '/',
      wildcard: true,
      index: ['index.html'],
      // The build writes .br and .gz beside each text asset (miniapp/config/webpack-plugins.ts): sent as they are.
      preCompressed: true,
      // Our own Cache-Control below; send's default (max-age=0) would overwrite it.
      cacheControl: false,
      setHeaders: (res, path) => setStaticHeaders(res, path),
    });
  }
  await app.init();
  return app;
}
