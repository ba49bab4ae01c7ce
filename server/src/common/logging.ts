import type { LoggerService } from '@nestjs/common';
import { FastifyReply, FastifyRequest, LogController } from 'fastify';
import pino, { Logger } from 'pino';
import type { AppConfig } from '../config/app.config';

/**
 * One pino logger for the whole server: Fastify gives each request a child carrying its id (`reqId`) and we log
 * one line when the request completes; Nest's own logs (and every `new Logger(Context)`) go to the same logger
 * through {@link PinoNestLogger}. Fastify's native logging costs far less per request than a Nest middleware.
 */
/** Query parameters whose values are capabilities (signed media links, WeChat push signatures, codes, tokens). */
const SECRET_QUERY_PARAMS = new Set(['exp', 'sig', 'signature', 'msg_signature', 'timestamp', 'nonce', 'echostr', 'token', 'code']);

/**
 * The URL as it may be written to a log: the value of every capability-bearing query parameter replaced, so a
 * log reader cannot replay a signed photo link or a WeChat push. Names are matched case-insensitively and after
 * percent-decoding, so `%73ig=` or `SIG=` cannot smuggle a value past the filter.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const parts = url.slice(q + 1).split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    let name = rawName;
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' '));
    } catch {
      // A malformed name cannot be one of ours after decoding; compare it as written.
    }
    return SECRET_QUERY_PARAMS.has(name.trim().toLowerCase()) ? `${rawName}=[REDACTED]` : pair;
  });
  return `${url.slice(0, q)}?${parts.join('&')}`;
}

export function createRootLogger(config: Pick<AppConfig, 'logLevel'>, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    serializers: {
      req: (req: { id?: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: pino.stdSerializers.err,
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * The access log: one line per request, when it completes, carrying the request (id, method, url), the status
 * and the time taken; Fastify's separate "incoming request" line is dropped. Tests turn request logs off.
 */
export class AccessLogController extends LogController {
  constructor(
    enabled: boolean,
    private readonly root: Logger,
  ) {
    super({ disableRequestLogging: !enabled });
  }

  override incomingRequest(): void {
    // One line per request is enough: it is written on completion.
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    // Checked before the line is built: below the level (the usual case under load) nothing is allocated.
    if (this.isLogDisabled(request) || !this.root.isLevelEnabled(error ? 'error' : 'info')) return;
    const fields = { req: request, res: reply, responseTime: Math.round(reply.elapsedTime * 10) / 10 };
    if (error) reply.log.error({ ...fields, err: error }, 'request errored');
    else reply.log.info(fields, 'request completed');
  }
}

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Nest's LoggerService over pino. Accepts both Nest's style (`log(message, context)`) and pino's style
 * (`warn({ err }, 'message')`); Nest appends a Logger's context name as the last argument.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.call('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.call('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.call('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.call('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.call('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.call('fatal', message, rest);
  }

  private call(level: Level, message: unknown, rest: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const params = [...rest];
    const context = params.length > 0 && typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    let msg: string | undefined;
    if (message instanceof Error) fields.err = message;
    else if (typeof message === 'object' && message !== null) Object.assign(fields, message);
    else msg = String(message);
    for (const p of params) {
      if (p === undefined) continue;
      // Nest's error(message, stack, context): a string after a message is the stack; after an object, the message.
      if (typeof p === 'string' && msg === undefined) msg = p;
      else if (typeof p === 'string' && level === 'error') fields.stack = p;
      else if (p instanceof Error) fields.err = p;
    }
    this.pino[level](fields, msg);
  }
}
