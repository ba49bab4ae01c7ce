import { Injectable, Logger } from '@nestjs/common';
import { UsersRepository } from '../users/users.repository';
import { WechatClient } from '../wechat/wechat.client';

/**
 * WeChat content security for what a reporter adds later (a supplement): the reason to flag the report for a
 * person's review, or null when the text passes (or WeChat is not configured, or the user has no openid).
 */
@Injectable()
export class ReportTextCheck {
  private readonly logger = new Logger(ReportTextCheck.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly wechat: WechatClient,
  ) {}

  async flagReason(userId: number, text: string): Promise<string | null> {
    if (!this.wechat.configured || !text.trim()) return null;
    const user = await this.users.findById(userId);
    if (!user?.openid) return null;
    try {
      const r = await this.wechat.msgSecCheck(user.openid, text, 3);
      return r.suggest === 'pass' ? null : '补充内容未通过内容安全检测';
    } catch (e) {
      // Adding information must work while WeChat is down; the report waits for a person to look at it instead.
      this.logger.warn({ userId, err: (e as Error).message }, 'msgSecCheck unavailable; report queued for review');
      return '内容安全检测暂不可用，待人工复核';
    }
  }
}
