import { constraintMessage, errorMessageFor, UNKNOWN_FIELD_CONSTRAINT, type ErrorCode } from '@xjy/shared';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { parse as parseQueryString } from 'node:querystring';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { AppException } from './app.exception';
import { inheritedNamePaths, validationFailed } from './validation';

/** Deeper JSON than any request type of ours needs; a deeper body is refused before it is parsed. */
export const JSON_DEPTH_MAX = 32;

interface ErrorResponder {
  respond(exception: unknown, request: FastifyRequest, reply: FastifyReply): void;
}

/**
 * Fastify options that send its own early errors (bad percent-encoding in the URL, an over-long path parameter,
 * and errors the HTTP parser raises before there is a request at all) as { code, message } with X-Request-Id.
 */
export function fastifyErrorOptions(errors: ErrorResponder): Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'> {
  return {
    frameworkErrors: (error, request, reply) => errors.respond(error, request, reply),
    clientErrorHandler: answerClientError,
  };
}

/**
 * The HTTP parser failed (headers too large, a malformed request line, a timeout): there is no request to reply
 * to, so the response is written to the socket by hand. The connection is then ended gracefully (the client
 * reads the whole answer; a destroy could reset it first), since the rest of that request cannot be parsed.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code]: [number, ErrorCode] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'header_too_large']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request_timeout']
        : err.code === 'HPE_URI_TOO_LONG'
          ? [414, 'uri_too_long']
          : [400, 'bad_request'];
  const body = JSON.stringify({ code, message: errorMessageFor(code) });
  const reason = { 400: 'Bad Request', 408: 'Request Timeout', 414: 'URI Too Long', 431: 'Request Header Fields Too Large' }[status];
  if (socket.writable) {
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Request-Id: ${randomUUID()}\r\nConnection: close\r\n\r\n${body}`,
    );
  } else {
    socket.destroy();
  }
}

/** The deepest nesting of arrays and objects in a JSON text, stopping as soon as it passes `max`. */
export function jsonDepthExceeds(text: Buffer, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * The body parsers, in place of Nest's: JSON as Fastify parses it (prototype poisoning refused) after a depth
 * check, since a deeply nested body overflows the stack of the validation pipe; form bodies as before.
 */
export function installBodyParsers(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: fastify.initialConfig.bodyLimit }, (request, body, done) => {
    const bytes = body as Buffer;
    // As Nest's own parser does with { rawBody: true }: signature checks over the exact bytes stay possible.
    (request as FastifyRequest & { rawBody?: Buffer }).rawBody = bytes;
    if (jsonDepthExceeds(bytes, JSON_DEPTH_MAX)) {
      done(new AppException('json_too_deep', { maxDepth: JSON_DEPTH_MAX }), undefined);
      return;
    }
    const text = bytes.toString('utf8');
    parseJson(request, text, (err, body) => {
      if (!err) return done(null, body);
      // Fastify refuses __proto__ (and constructor.prototype) keys as invalid JSON; they are valid JSON naming a
      // field no request type has, so they get the same answer as any unknown field.
      const poisoned = jsonWithInheritedNames(text);
      done(poisoned.length ? validationFailed(poisoned.map((field) => ({ field, message: constraintMessage(UNKNOWN_FIELD_CONSTRAINT, field) }))) : err, undefined);
    });
  });
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: fastify.initialConfig.bodyLimit }, (_request, body, done) => {
    done(null, { ...parseQueryString(body as string) });
  });
  trackRoutes(fastify);
}

/** The inherited names a JSON text uses as keys, or none when it is not valid JSON. */
function jsonWithInheritedNames(text: string): string[] {
  try {
    return inheritedNamePaths(JSON.parse(text) as unknown);
  } catch {
    return [];
  }
}

interface RouteMatcher {
  method: string;
  pattern: RegExp;
}
const routesByServer = new WeakMap<Server, RouteMatcher[]>();

function trackRoutes(fastify: FastifyInstance): void {
  const table: RouteMatcher[] = [];
  routesByServer.set(fastify.server, table);
  fastify.addHook('onRoute', (route) => {
    // Catch-alls (the H5 static files, the docs' assets) would make every path "exist" for GET.
    if (route.url.includes('*')) return;
    const source = route.url
      .split('/')
      .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    for (const method of [route.method].flat()) table.push({ method, pattern: new RegExp(`^${source}/?$`) });
  });
}

/** The methods the path of a request that found no route does have: a 405 when there are any. */
export function allowedMethods(request: FastifyRequest): string[] {
  const table = routesByServer.get(request.server.server);
  if (!table) return [];
  const path = request.url.split('?')[0];
  const methods = new Set(table.filter((r) => r.pattern.test(path)).map((r) => r.method));
  methods.delete(request.method);
  if (!methods.size) return [];
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}
