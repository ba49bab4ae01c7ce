import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackServer } from './loopback-server';

export interface SentSubscribeMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
}

/**
 * A fake of the WeChat server API on loopback, speaking the real wire protocol: jscode2session with single-use
 * codes that expire in five minutes, stable_token/token, msg_sec_check v2, media_check_async and subscribe
 * message send. The code under test talks to it over HTTP exactly as it would to api.weixin.qq.com.
 */
export class FakeWechat extends LoopbackServer {
  readonly appId = 'wx_fake_appid_0001';
  readonly appSecret = 'fake_secret_0123456789abcdef';
  private readonly codes = new Map<string, { openid: string; unionid: string | null; expiresAt: number }>();
  private readonly tokens = new Map<string, number>();
  readonly requests: Array<{ method: string; path: string; query: Record<string, string>; body: unknown }> = [];
  readonly sentMessages: SentSubscribeMessage[] = [];
  readonly mediaChecks: Array<{ traceId: string; mediaUrl: string; openid: string }> = [];
  /** Words that make msg_sec_check answer "risky". */
  riskyWords = ['违禁词'];
  /** Openids with no subscribe-message consent left (send answers 43101). */
  readonly noConsent = new Set<string>();
  /** When set, every request answers this HTTP status (simulates WeChat being down). */
  failWithStatus: number | null = null;

  get baseUrl(): string {
    return this.url;
  }

  /** What wx.login would hand the mini-program for this user: a fresh single-use code. */
  issueCode(openid: string, unionid: string | null = null, ttlMs = 5 * 60_000): string {
    const code = `code_${randomBytes(12).toString('hex')}`;
    this.codes.set(code, { openid, unionid, expiresAt: Date.now() + ttlMs });
    return code;
  }

  /** Invalidates every access token issued so far (as WeChat does when a token is refreshed elsewhere). */
  expireTokens(): void {
    this.tokens.clear();
  }

  /** The wxa_media_check event WeChat pushes when it has checked a photo. */
  mediaCheckEvent(traceId: string, suggest: 'pass' | 'risky' | 'review', timestamp = Math.floor(Date.now() / 1000)): Record<string, unknown> {
    const check = this.mediaChecks.find((c) => c.traceId === traceId);
    return {
      ToUserName: 'gh_fake',
      FromUserName: check?.openid ?? '',
      CreateTime: timestamp,
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: this.appId,
      trace_id: traceId,
      version: 2,
      detail: [{ strategy: 'content_model', errcode: 0, suggest, label: suggest === 'pass' ? 100 : 20002 }],
      errcode: 0,
      errmsg: 'ok',
      result: { suggest, label: suggest === 'pass' ? 100 : 20002 },
    };
  }

  /**
   * A message push as WeChat sends it: the URL query (signature, timestamp, nonce; in safe mode also encrypt_type=aes
   * and msg_signature) and the JSON body (in safe mode only ToUserName and Encrypt). Safe mode encrypts as WeChat's
   * sample code does: AES-256-CBC with the EncodingAESKey (base64 of 43 characters plus "="), IV its first 16 bytes,
   * over 16 random bytes + 4-byte big-endian length + message + appid, padded PKCS#7-style to 32-byte blocks.
   */
  signPush(
    message: Record<string, unknown>,
    opts: { token: string; encodingAesKey?: string; timestamp?: string; nonce?: string; appId?: string },
  ): { query: Record<string, string>; body: Record<string, unknown> } {
    const timestamp = opts.timestamp ?? String(Math.floor(Date.now() / 1000));
    const nonce = opts.nonce ?? String(randomBytes(4).readUInt32BE(0));
    const sha1 = (...parts: string[]) => createHash('sha1').update(parts.sort().join('')).digest('hex');
    const query: Record<string, string> = { signature: sha1(opts.token, timestamp, nonce), timestamp, nonce };
    if (!opts.encodingAesKey) return { query, body: message };
    const key = Buffer.from(`${opts.encodingAesKey}=`, 'base64');
    const msg = Buffer.from(JSON.stringify(message), 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(msg.length, 0);
    const plain = Buffer.concat([randomBytes(16), len, msg, Buffer.from(opts.appId ?? this.appId, 'utf8')]);
    const pad = 32 - (plain.length % 32);
    const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
    cipher.setAutoPadding(false);
    const encrypt = Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
    return { query: { ...query, encrypt_type: 'aes', msg_signature: sha1(opts.token, timestamp, nonce, encrypt) }, body: { ToUserName: 'gh_fake', Encrypt: encrypt } };
  }

  /** Sends a signed push to the server's push URL; returns the status and body it answered. */
  async sendPush(pushUrl: string, push: { query: Record<string, string>; body: unknown }): Promise<{ status: number; body: string }> {
    const res = await fetch(`${pushUrl}?${new URLSearchParams(push.query).toString()}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(push.body) });
    return { status: res.status, body: await res.text() };
  }

  /**
   * What WeChat does when it has checked a photo: a signed JSON message push (event wxa_media_check) to the
   * server's push URL, plain or (given the EncodingAESKey) safe mode. Returns the HTTP status the server answered.
   */
  async pushMediaCheckResult(pushUrl: string, pushToken: string, traceId: string, suggest: 'pass' | 'risky' | 'review', encodingAesKey?: string): Promise<number> {
    return (await this.sendPush(pushUrl, this.signPush(this.mediaCheckEvent(traceId, suggest), { token: pushToken, encodingAesKey }))).status;
  }

  count(path: string): number {
    return this.requests.filter((r) => r.path === path).length;
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      body = raw;
    }
    const query = Object.fromEntries(url.searchParams.entries());
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, query, body });
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    if (this.failWithStatus) return send(this.failWithStatus, { errcode: -1, errmsg: 'system error' });
    const b = (body ?? {}) as Record<string, unknown>;

    switch (url.pathname) {
      case '/sns/jscode2session': {
        if (query.appid !== this.appId || query.secret !== this.appSecret) return send(200, { errcode: 40125, errmsg: 'invalid appsecret' });
        if (query.grant_type !== 'authorization_code') return send(200, { errcode: 40002, errmsg: 'invalid grant_type' });
        const entry = this.codes.get(query.js_code ?? '');
        if (!entry) return send(200, { errcode: 40029, errmsg: 'invalid code' });
        this.codes.delete(query.js_code!);
        if (entry.expiresAt < Date.now()) return send(200, { errcode: 40029, errmsg: 'code expired' });
        return send(200, { openid: entry.openid, session_key: randomBytes(16).toString('base64'), ...(entry.unionid ? { unionid: entry.unionid } : {}) });
      }
      case '/cgi-bin/token':
      case '/cgi-bin/stable_token': {
        const appid = url.pathname === '/cgi-bin/token' ? query.appid : b.appid;
        const secret = url.pathname === '/cgi-bin/token' ? query.secret : b.secret;
        if (appid !== this.appId || secret !== this.appSecret) return send(200, { errcode: 40125, errmsg: 'invalid appsecret' });
        const token = `tok_${randomBytes(16).toString('hex')}`;
        this.tokens.set(token, Date.now() + 7200_000);
        return send(200, { access_token: token, expires_in: 7200 });
      }
      default:
        break;
    }

    const token = query.access_token ?? '';
    const exp = this.tokens.get(token);
    if (!exp) return send(200, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
    if (exp < Date.now()) return send(200, { errcode: 42001, errmsg: 'access_token expired' });

    switch (url.pathname) {
      case '/wxa/msg_sec_check': {
        if (b.version !== 2 || typeof b.content !== 'string' || typeof b.openid !== 'string') return send(200, { errcode: 47001, errmsg: 'data format error' });
        const risky = this.riskyWords.some((w) => (b.content as string).includes(w));
        return send(200, { errcode: 0, errmsg: 'ok', trace_id: `trace_${randomBytes(6).toString('hex')}`, result: { suggest: risky ? 'risky' : 'pass', label: risky ? 20001 : 100 } });
      }
      case '/wxa/media_check_async': {
        if (b.version !== 2 || typeof b.media_url !== 'string' || typeof b.openid !== 'string') return send(200, { errcode: 47001, errmsg: 'data format error' });
        const traceId = `trace_${randomBytes(8).toString('hex')}`;
        this.mediaChecks.push({ traceId, mediaUrl: b.media_url, openid: b.openid });
        return send(200, { errcode: 0, errmsg: 'ok', trace_id: traceId });
      }
      case '/cgi-bin/message/subscribe/send': {
        if (typeof b.touser !== 'string' || typeof b.template_id !== 'string' || typeof b.data !== 'object') return send(200, { errcode: 47003, errmsg: 'argument invalid' });
        if (this.noConsent.has(b.touser)) return send(200, { errcode: 43101, errmsg: 'user refuse to accept the msg' });
        this.sentMessages.push(b as unknown as SentSubscribeMessage);
        return send(200, { errcode: 0, errmsg: 'ok' });
      }
      default:
        return send(404, { errcode: 404, errmsg: 'not found' });
    }
  }
}
