import { Body, Controller, Get, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiErrors } from '../../common/api-errors.decorator';
import { AppException } from '../../common/app.exception';
import { Public } from '../../common/auth/access.decorator';
import { APP_CONFIG, AppConfig } from '../../config/app.config';
import { MediaService } from './media.service';
import { decryptPush, isFresh, PUSH_FRESHNESS_S, PushDecryptError, PushReplayGuard, pushSignature, signatureMatches } from './wechat-push-crypto';

export const PUSH_REPLAY_GUARD = Symbol('PUSH_REPLAY_GUARD');

interface PushQuery {
  signature?: string;
  timestamp?: string;
  nonce?: string;
  echostr?: string;
  encrypt_type?: string;
  msg_signature?: string;
}

const badSignature = () => new AppException('push_signature_invalid');

/**
 * WeChat's message push (JSON). Only the asynchronous media check verdict (wxa_media_check) is used.
 * Every call carries a valid signature made with the configured push token and a timestamp within five minutes, and
 * is taken once: the same timestamp and nonce again is a replay. With WECHAT_PUSH_AES_KEY set (safe mode) the body is
 * WeChat's encrypted `Encrypt` field, signed as msg_signature together with the token, timestamp and nonce, and
 * plain pushes are refused; in plain mode the signature cannot cover the body, which is why safe mode is the one
 * to use in production.
 */
@ApiTags('wechat')
@Controller('wechat/push')
export class WechatPushController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PUSH_REPLAY_GUARD) private readonly replays: PushReplayGuard,
    private readonly media: MediaService,
  ) {}

  /** Signature over token, timestamp and nonce (plus the Encrypt field when given), and a fresh timestamp. */
  private check(q: PushQuery, encrypted?: string): void {
    const token = this.config.wechatPushToken;
    if (!token || typeof q.timestamp !== 'string' || typeof q.nonce !== 'string') throw badSignature();
    const ok =
      encrypted === undefined
        ? signatureMatches(q.signature, pushSignature(token, q.timestamp, q.nonce))
        : signatureMatches(q.msg_signature, pushSignature(token, q.timestamp, q.nonce, encrypted));
    if (!ok) throw badSignature();
    if (!isFresh(q.timestamp, Date.now())) throw new AppException('push_stale', { freshnessS: PUSH_FRESHNESS_S });
  }

  @Get()
  @Public()
  @ApiOkResponse({ description: 'echostr, when the signature is valid', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiErrors(400, 401)
  @ApiOperation({ summary: 'WeChat message-push URL check (echoes echostr when signed)' })
  verify(@Query() q: PushQuery, @Res({ passthrough: true }) reply: FastifyReply): string {
    this.check(q);
    void reply.header('content-type', 'text/plain');
    return typeof q.echostr === 'string' ? q.echostr : '';
  }

  @Post()
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ description: 'success', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiErrors(400, 401, 503)
  @ApiOperation({ summary: 'WeChat message push: media check verdicts (plain or safe mode)' })
  async receive(@Query() q: PushQuery, @Body() raw: Record<string, unknown> | null, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const body = this.open(q, raw);
    if (!(await this.replays.firstSeen(`${q.timestamp}:${q.nonce}`, 2 * PUSH_FRESHNESS_S * 1000, Date.now()))) {
      throw new AppException('push_replayed');
    }
    const result = body?.result as { suggest?: string } | undefined;
    if (body?.Event === 'wxa_media_check' && typeof body.trace_id === 'string' && result?.suggest) {
      const suggest = result.suggest === 'pass' ? 'pass' : result.suggest === 'risky' ? 'risky' : 'review';
      await this.media.applyCheckResult(body.trace_id, suggest);
    }
    void reply.header('content-type', 'text/plain');
    return 'success';
  }

  /** The checked message: decrypted in safe mode (where a plain push is refused), as sent in plain mode. */
  private open(q: PushQuery, raw: Record<string, unknown> | null): Record<string, unknown> | null {
    const key = this.config.wechatPushAesKey;
    if (!key) {
      this.check(q);
      return raw;
    }
    const encrypted = raw?.Encrypt;
    if (q.encrypt_type !== 'aes' || typeof encrypted !== 'string') throw new AppException('push_plaintext_refused');
    this.check(q, encrypted);
    try {
      const { message, appId } = decryptPush(encrypted, key);
      if (this.config.wechat.appId && appId !== this.config.wechat.appId) throw new PushDecryptError('appid does not match');
      const parsed: unknown = JSON.parse(message);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new PushDecryptError('not a JSON object');
      return parsed as Record<string, unknown>;
    } catch (e) {
      if (e instanceof PushDecryptError || e instanceof SyntaxError) throw new AppException('push_decrypt_failed');
      throw e;
    }
  }
}
