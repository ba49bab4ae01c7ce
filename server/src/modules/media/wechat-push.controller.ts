import { Body, Controller, Get, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppException } from '../../common/app.exception';
import { Public } from '../../common/auth/access.decorator';
import { APP_CONFIG, AppConfig } from '../../config/app.config';
import { MediaService } from './media.service';
import { ApiErrors } from '../../common/api-errors.decorator';

interface PushQuery {
  signature?: string;
  timestamp?: string;
  nonce?: string;
  echostr?: string;
}

/** WeChat's message-push signature: sha1 of token, timestamp and nonce sorted and joined. */
export function wechatPushSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
}

/**
 * WeChat's message push (JSON, plain mode). Only the asynchronous media check verdict (wxa_media_check) is used.
 * Every call must carry a valid signature made with the configured push token.
 */
@ApiTags('wechat')
@Controller('wechat/push')
export class WechatPushController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly media: MediaService,
  ) {}

  private check(q: PushQuery): void {
    const token = this.config.wechatPushToken;
    const ok =
      token &&
      q.signature &&
      q.timestamp &&
      q.nonce &&
      q.signature.length === 40 &&
      timingSafeEqual(Buffer.from(q.signature), Buffer.from(wechatPushSignature(token, q.timestamp, q.nonce)));
    if (!ok) throw new AppException('push_signature_invalid');
  }

  @Get()
  @Public()
  @ApiOkResponse({ description: 'echostr, when the signature is valid', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiErrors(400, 401)
  @ApiOperation({ summary: 'WeChat message-push URL check (echoes echostr when signed)' })
  verify(@Query() q: PushQuery, @Res({ passthrough: true }) reply: FastifyReply): string {
    this.check(q);
    void reply.header('content-type', 'text/plain');
    return q.echostr ?? '';
  }

  @Post()
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ description: 'success', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiErrors(400, 401, 503)
  @ApiOperation({ summary: 'WeChat message push: media check verdicts' })
  async receive(@Query() q: PushQuery, @Body() body: Record<string, unknown> | null, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    this.check(q);
    const result = body?.result as { suggest?: string } | undefined;
    if (body?.Event === 'wxa_media_check' && typeof body.trace_id === 'string' && result?.suggest) {
      const suggest = result.suggest === 'pass' ? 'pass' : result.suggest === 'risky' ? 'risky' : 'review';
      await this.media.applyCheckResult(body.trace_id, suggest);
    }
    void reply.header('content-type', 'text/plain');
    return 'success';
  }
}
