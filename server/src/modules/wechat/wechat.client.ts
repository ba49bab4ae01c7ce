import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppException } from '../../common/app.exception';
import { APP_CONFIG, AppConfig } from '../../config/app.config';

export interface Code2SessionResult {
  openid: string;
  unionid: string | null;
  sessionKey: string;
}

export interface SecCheckResult {
  /** pass, review or risky, as WeChat's msgSecCheck v2 suggests. */
  suggest: 'pass' | 'review' | 'risky';
  label: number;
  traceId: string | null;
}

interface WechatError {
  errcode?: number;
  errmsg?: string;
}

const TIMEOUT_MS = 5000;

/**
 * The server's only way to WeChat (jscode2session, access_token, content security, subscribe messages).
 * The base URL comes from config, so tests point it at the fake WeChat server on loopback.
 */
@Injectable()
export class WechatClient {
  private readonly logger = new Logger(WechatClient.name);
  private accessToken: { value: string; expiresAt: number } | null = null;
  private refreshing: Promise<string> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get configured(): boolean {
    return Boolean(this.config.wechat.appId && this.config.wechat.appSecret);
  }

  private requireConfigured(): { appId: string; appSecret: string } {
    const { appId, appSecret } = this.config.wechat;
    if (!appId || !appSecret) throw new AppException('wechat_unavailable', undefined, '本服务器未配置微信登录');
    return { appId, appSecret };
  }

  private async call<T extends WechatError>(path: string, init?: { method?: string; query?: Record<string, string>; body?: unknown }): Promise<T> {
    const url = new URL(this.config.wechat.apiBase + path);
    for (const [k, v] of Object.entries(init?.query ?? {})) url.searchParams.set(k, v);
    let res: Response;
    try {
      res = await fetch(url, {
        method: init?.method ?? 'GET',
        headers: init?.body ? { 'content-type': 'application/json' } : undefined,
        body: init?.body ? JSON.stringify(init.body) : undefined,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (e) {
      this.logger.warn({ path, err: (e as Error).message }, 'WeChat unreachable');
      throw new AppException('wechat_unavailable');
    }
    if (!res.ok) throw new AppException('wechat_unavailable', { upstreamStatus: res.status });
    return (await res.json()) as T;
  }

  /** Exchanges a single-use wx.login code for the user's openid. */
  async code2Session(code: string): Promise<Code2SessionResult> {
    const { appId, appSecret } = this.requireConfigured();
    const r = await this.call<WechatError & { openid?: string; unionid?: string; session_key?: string }>('/sns/jscode2session', {
      query: { appid: appId, secret: appSecret, js_code: code, grant_type: 'authorization_code' },
    });
    if (r.errcode && r.errcode !== 0) {
      // 40029 invalid code, 40163 code already used, 40226 risky user: all mean "log in again".
      if (r.errcode === -1 || r.errcode === 45011) throw new AppException('wechat_unavailable', { wechatErrcode: r.errcode }, '微信服务繁忙，请稍后再试');
      throw new AppException('wechat_code_invalid', { wechatErrcode: r.errcode });
    }
    if (!r.openid || !r.session_key) throw new AppException('wechat_unavailable');
    return { openid: r.openid, unionid: r.unionid ?? null, sessionKey: r.session_key };
  }

  /** A cached access_token, refreshed five minutes before it expires; concurrent callers share one refresh. */
  async getAccessToken(): Promise<string> {
    if (this.accessToken && this.accessToken.expiresAt - 300_000 > Date.now()) return this.accessToken.value;
    this.refreshing ??= (async () => {
      try {
        const { appId, appSecret } = this.requireConfigured();
        const r = await this.call<WechatError & { access_token?: string; expires_in?: number }>('/cgi-bin/stable_token', {
          method: 'POST',
          body: { grant_type: 'client_credential', appid: appId, secret: appSecret, force_refresh: false },
        });
        if (!r.access_token) throw new AppException('wechat_unavailable', { wechatErrcode: r.errcode });
        this.accessToken = { value: r.access_token, expiresAt: Date.now() + (r.expires_in ?? 7200) * 1000 };
        return r.access_token;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  /** Calls an access_token API once more with a fresh token if WeChat says the token expired (40001/42001). */
  private async withToken<T extends WechatError>(path: string, body: unknown): Promise<T> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const token = await this.getAccessToken();
      const r = await this.call<T>(path, { method: 'POST', query: { access_token: token }, body });
      if (r.errcode === 40001 || r.errcode === 42001) {
        this.accessToken = null;
        continue;
      }
      return r;
    }
    throw new AppException('wechat_unavailable');
  }

  async msgSecCheck(openid: string, content: string, scene: 1 | 2 | 3 | 4 = 3): Promise<SecCheckResult> {
    const r = await this.withToken<WechatError & { result?: { suggest: SecCheckResult['suggest']; label: number }; trace_id?: string }>('/wxa/msg_sec_check', {
      content,
      version: 2,
      scene,
      openid,
    });
    if (r.errcode && r.errcode !== 0) throw new AppException('wechat_unavailable', { wechatErrcode: r.errcode });
    return { suggest: r.result?.suggest ?? 'review', label: r.result?.label ?? 0, traceId: r.trace_id ?? null };
  }

  /** Starts an asynchronous media check; WeChat reports the verdict later by message push with this trace id. */
  async mediaCheckAsync(openid: string, mediaUrl: string, scene: 1 | 2 | 3 | 4 = 3): Promise<string> {
    const r = await this.withToken<WechatError & { trace_id?: string }>('/wxa/media_check_async', { media_url: mediaUrl, media_type: 2, version: 2, scene, openid });
    if ((r.errcode && r.errcode !== 0) || !r.trace_id) throw new AppException('wechat_unavailable', { wechatErrcode: r.errcode });
    return r.trace_id;
  }

  /** Sends a one-time subscribe message; false when the user has no consent left (43101), true when sent. */
  async sendSubscribeMessage(msg: { openid: string; templateId: string; page?: string; data: Record<string, { value: string }> }): Promise<boolean> {
    const r = await this.withToken<WechatError>('/cgi-bin/message/subscribe/send', {
      touser: msg.openid,
      template_id: msg.templateId,
      page: msg.page,
      data: msg.data,
      miniprogram_state: this.config.env === 'production' ? 'formal' : 'developer',
    });
    if (r.errcode === 43101) return false;
    if (r.errcode && r.errcode !== 0) throw new AppException('wechat_unavailable', { wechatErrcode: r.errcode });
    return true;
  }
}
