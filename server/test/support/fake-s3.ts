import { createHash, createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackServer } from './loopback-server';

/**
 * A small S3-compatible server on loopback (PUT/GET/DELETE on one bucket, path-style or virtual-hosted as
 * `<bucket>.s3.localhost`) that checks every request's AWS Signature Version 4 with its own implementation, refuses a
 * wrong or stale signature as S3 does (403), and records what came over the wire that a real store would not show:
 * the session token and how many attempts a request took.
 */
export class FakeS3 extends LoopbackServer {
  readonly accessKeyId = 'AKIAFAKE000000000001';
  readonly secretAccessKey = 'fake/secret/key/0123456789abcdefghijklmn';
  readonly region = 'cn-north-1';
  readonly bucket = 'xjy-media';
  readonly objects = new Map<string, { body: Buffer; contentType: string | undefined }>();
  readonly refused: string[] = [];
  /** Every request as received: method, addressing style, and the session token it carried (signed or not). */
  readonly requests: Array<{ method: string; style: 'path' | 'virtual-hosted'; sessionToken: string | null; tokenSigned: boolean }> = [];
  /** Answer this many of the next requests with 503 SlowDown, as S3 does under load. */
  failNext = 0;
  /** How far this server's clock is ahead of the machine's: a client with a wrong clock, seen from the server. */
  clockOffsetMs = 0;

  get endpoint(): string {
    return this.url;
  }

  /** The endpoint for virtual-hosted requests: the SDK puts the bucket in front, `<bucket>.s3.localhost`. */
  get vhostEndpoint(): string {
    return this.url.replace('127.0.0.1', 's3.localhost');
  }

  private verify(req: IncomingMessage, url: URL, body: Buffer): string | null {
    const auth = String(req.headers.authorization ?? '');
    const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(auth);
    if (!m) return 'malformed authorization';
    const [, keyId, day, region, signedHeaders, signature] = m;
    if (keyId !== this.accessKeyId) return 'unknown access key';
    if (region !== this.region) return 'wrong region';
    const amzDate = String(req.headers['x-amz-date'] ?? '');
    if (!amzDate.startsWith(day)) return 'date mismatch';
    const when = Date.UTC(+amzDate.slice(0, 4), +amzDate.slice(4, 6) - 1, +amzDate.slice(6, 8), +amzDate.slice(9, 11), +amzDate.slice(11, 13), +amzDate.slice(13, 15));
    if (Math.abs(Date.now() + this.clockOffsetMs - when) > 15 * 60_000) return 'request time too skewed';
    const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
    if (payloadHash !== createHash('sha256').update(body).digest('hex')) return 'payload hash mismatch';
    const names = signedHeaders.split(';');
    if (!names.includes('host') || !names.includes('x-amz-date') || !names.includes('x-amz-content-sha256')) return 'required headers not signed';
    const canonicalHeaders = names.map((n) => `${n}:${String(req.headers[n] ?? '').trim()}\n`).join('');
    const query = [...url.searchParams.entries()]
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .sort()
      .join('&');
    const canonical = [req.method, url.pathname, query, canonicalHeaders, signedHeaders, payloadHash].join('\n');
    const scope = `${day}/${region}/s3/aws4_request`;
    const toSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${createHash('sha256').update(canonical).digest('hex')}`;
    let key: Buffer = createHmac('sha256', `AWS4${this.secretAccessKey}`).update(day).digest();
    for (const part of [region, 's3', 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
    const want = createHmac('sha256', key).update(toSign).digest('hex');
    return want === signature ? null : 'SignatureDoesNotMatch';
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    res.setHeader('date', new Date(Date.now() + this.clockOffsetMs).toUTCString());
    const url = new URL(req.url ?? '/', 'http://fake');
    const host = String(req.headers.host ?? '').replace(/:\d+$/, '');
    const vhost = host === `${this.bucket}.s3.localhost`;
    const token = req.headers['x-amz-security-token'];
    const signed = /SignedHeaders=([a-z0-9;-]+)/.exec(String(req.headers.authorization ?? ''))?.[1].split(';') ?? [];
    this.requests.push({ method: req.method ?? '', style: vhost ? 'virtual-hosted' : 'path', sessionToken: typeof token === 'string' ? token : null, tokenSigned: signed.includes('x-amz-security-token') });
    if (this.failNext > 0) {
      this.failNext--;
      res.writeHead(503, { 'content-type': 'application/xml' }).end('<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>');
      return;
    }
    const problem = this.verify(req, url, body);
    if (problem) {
      this.refused.push(problem);
      res.writeHead(403, { 'content-type': 'application/xml' });
      const code = problem === 'SignatureDoesNotMatch' ? problem : problem === 'request time too skewed' ? 'RequestTimeTooSkewed' : 'AccessDenied';
      // Real S3 names its own time in a skew error; clients correct their clock from it.
      const serverTime = code === 'RequestTimeTooSkewed' ? `<ServerTime>${new Date(Date.now() + this.clockOffsetMs).toISOString()}</ServerTime>` : '';
      res.end(`<Error><Code>${code}</Code><Message>${problem}</Message>${serverTime}</Error>`);
      return;
    }
    const prefix = vhost ? '/' : `/${this.bucket}/`;
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(404).end('<Error><Code>NoSuchBucket</Code></Error>');
      return;
    }
    const key = decodeURIComponent(url.pathname.slice(prefix.length));
    if (req.method === 'PUT') {
      this.objects.set(key, { body, contentType: req.headers['content-type'] });
      res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` }).end();
    } else if (req.method === 'GET') {
      const o = this.objects.get(key);
      if (!o) res.writeHead(404).end('<Error><Code>NoSuchKey</Code></Error>');
      else res.writeHead(200, { 'content-type': o.contentType ?? 'application/octet-stream' }).end(o.body);
    } else if (req.method === 'DELETE') {
      this.objects.delete(key);
      res.writeHead(204).end();
    } else {
      res.writeHead(405).end();
    }
  }
}
