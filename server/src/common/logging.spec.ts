import { Logger } from '@nestjs/common';
import Fastify from 'fastify';
import pino from 'pino';
import { Writable } from 'node:stream';
import { AccessLogController, createRootLogger, PinoNestLogger, redactUrl } from './logging';

function capture(): { lines: Array<Record<string, unknown>>; stream: Writable } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
}

describe('logging', () => {
  it('writes Nest logs in both styles to pino, with the context name', () => {
    const { lines, stream } = capture();
    const nest = new PinoNestLogger(pino({ level: 'info' }, stream));
    nest.log('application started', 'NestApplication');
    nest.warn({ err: 'poll failed', id: 3 }, 'station index poll failed', 'StationIndexService');
    nest.error('boom', 'Error: boom\n    at x', 'Error');
    nest.debug('hidden below info', 'X');
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, msg: 'application started', context: 'NestApplication' }),
      expect.objectContaining({ level: 40, msg: 'station index poll failed', context: 'StationIndexService', err: 'poll failed', id: 3 }),
      expect.objectContaining({ level: 50, msg: 'boom', context: 'Error', stack: 'Error: boom\n    at x' }),
    ]);
  });

  it('a named Nest Logger reaches pino through the app logger', () => {
    const { lines, stream } = capture();
    Logger.overrideLogger(new PinoNestLogger(pino({ level: 'info' }, stream)));
    try {
      new Logger('Reports').warn({ reportId: 7 }, 'msgSecCheck unavailable');
    } finally {
      Logger.overrideLogger(false);
    }
    expect(lines).toEqual([expect.objectContaining({ level: 40, context: 'Reports', reportId: 7, msg: 'msgSecCheck unavailable' })]);
  });

  it('logs one access line per request with the id, status and time, and never the token', async () => {
    const sink = capture();
    const logger = createRootLogger({ logLevel: 'info' }, sink.stream);
    const app = Fastify({ loggerInstance: logger, logController: new AccessLogController(true, logger), genReqId: () => 'req-1' });
    app.get('/x', async () => ({ ok: true }));
    const r = await app.inject({ method: 'GET', url: '/x?q=1', headers: { authorization: 'Bearer secret-token' } });
    expect(r.statusCode).toBe(200);
    await app.close();
    expect(sink.lines).toHaveLength(1);
    expect(sink.lines[0]).toMatchObject({ level: 30, msg: 'request completed', reqId: 'req-1', req: { id: 'req-1', method: 'GET', url: '/x?q=1' }, res: { statusCode: 200 } });
    expect(typeof sink.lines[0].responseTime).toBe('number');
    expect(JSON.stringify(sink.lines)).not.toContain('secret-token');
  });

  it('writes no access lines when request logging is off (tests)', async () => {
    const sink = capture();
    const logger = pino({ level: 'info' }, sink.stream);
    const app = Fastify({ loggerInstance: logger, logController: new AccessLogController(false, logger) });
    app.get('/x', async () => ({ ok: true }));
    await app.inject({ method: 'GET', url: '/x' });
    await app.close();
    expect(sink.lines.filter((l) => l.msg === 'request completed')).toEqual([]);
  });

  it('never writes signed photo links, WeChat push signatures, codes or tokens into the access line', async () => {
    const sink = capture();
    const logger = createRootLogger({ logLevel: 'info' }, sink.stream);
    const app = Fastify({ loggerInstance: logger, logController: new AccessLogController(true, logger) });
    app.get('/*', async () => ({ ok: true }));
    const secrets = ['1767225600', 'SIGVALUE123', 'pushsig456', 'msgsig789', 'ts1700000000', 'nonce42', 'echo-back-me', 'tok-abc', 'code-xyz'];
    await app.inject({ method: 'GET', url: `/api/media/7/file?exp=${secrets[0]}&sig=${secrets[1]}` });
    await app.inject({ method: 'GET', url: `/api/wechat/push?signature=${secrets[2]}&msg_signature=${secrets[3]}&timestamp=${secrets[4]}&nonce=${secrets[5]}&echostr=${secrets[6]}` });
    await app.inject({ method: 'GET', url: `/x?token=${secrets[7]}&code=${secrets[8]}&page=2` });
    await app.close();
    const urls = sink.lines.map((l) => (l.req as { url: string }).url);
    expect(urls).toEqual([
      '/api/media/7/file?exp=[REDACTED]&sig=[REDACTED]',
      '/api/wechat/push?signature=[REDACTED]&msg_signature=[REDACTED]&timestamp=[REDACTED]&nonce=[REDACTED]&echostr=[REDACTED]',
      '/x?token=[REDACTED]&code=[REDACTED]&page=2',
    ]);
    for (const s of secrets) expect(JSON.stringify(sink.lines)).not.toContain(s);
  });

  it('redacts case and percent-encoding variants of the names, and leaves other URLs as they were', () => {
    expect(redactUrl('/a?SIG=1&%73ig=2&Exp=3')).toBe('/a?SIG=[REDACTED]&%73ig=[REDACTED]&Exp=[REDACTED]');
    expect(redactUrl('/a?sig')).toBe('/a?sig=[REDACTED]');
    expect(redactUrl('/a?%E0%A4%A=1&q=2')).toBe('/a?%E0%A4%A=1&q=2');
    expect(redactUrl('/api/stations?lat=1&lng=2')).toBe('/api/stations?lat=1&lng=2');
    expect(redactUrl('/plain')).toBe('/plain');
  });
});
