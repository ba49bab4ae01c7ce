import { Inject, Injectable, Logger } from '@nestjs/common';
import { formatChinaDateTime, MessageKind, MessagePageResponse, PAGE_SIZE_DEFAULT } from '@xjy/shared';
import type { UnitOfWork as EntityManager } from '../../../database/transaction.runner';
import { fieldError } from '../../../common/app.exception';
import { APP_CONFIG, AppConfig } from '../../../config/app.config';
import { UsersRepository } from '../../users/users.repository';
import { WechatClient } from '../../wechat/wechat.client';
import { MessagesRepository } from './messages.repository';

export interface StatusNotice {
  userId: number;
  reportId: number;
  title: string;
  body: string;
  /** Subscribe-message fields: category label, status label, a short note. */
  category: string;
  status: string;
  note: string;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Status changes reach the reporter in the in-app list always, and as a subscribe message when they consented. */
@Injectable()
export class MessagesService {
  private readonly logger = new Logger(MessagesService.name);

  constructor(
    private readonly messages: MessagesRepository,
    private readonly users: UsersRepository,
    private readonly wechat: WechatClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The in-app message, inside the transaction that changed the status. */
  async record(m: EntityManager, n: StatusNotice): Promise<void> {
    await this.messages.insert(m, { userId: n.userId, kind: 'report_status', title: clip(n.title, 64), body: clip(n.body, 255), reportId: n.reportId });
  }

  /** In-app messages to the people working on a case (staff, department handlers), inside the same transaction. */
  async notifyWorkers(m: EntityManager, userIds: number[], n: { kind: MessageKind; title: string; body: string; reportId: number }): Promise<void> {
    for (const userId of new Set(userIds)) await this.messages.insert(m, { userId, kind: n.kind, title: clip(n.title, 64), body: clip(n.body, 255), reportId: n.reportId });
  }

  /** After commit: one subscribe message per consent; never fails the action that caused it. */
  async push(n: StatusNotice): Promise<void> {
    const templateId = this.config.wechatReportTemplateId;
    if (!templateId || !this.wechat.configured) return;
    try {
      const user = await this.users.findById(n.userId);
      if (!user?.openid) return;
      if (!(await this.messages.takeConsent(n.userId, templateId))) return;
      const sent = await this.wechat.sendSubscribeMessage({
        openid: user.openid,
        templateId,
        page: `pages/report-detail/index?id=${n.reportId}`,
        data: { thing1: { value: clip(n.category, 20) }, phrase2: { value: clip(n.status, 5) }, thing3: { value: clip(n.note || n.body, 20) }, time4: { value: formatChinaDateTime(new Date()) } },
      });
      // 43101: WeChat holds no consent for this user any more; ours was stale.
      if (!sent) await this.messages.clearConsent(n.userId, templateId);
    } catch (e) {
      this.logger.warn({ userId: n.userId, reportId: n.reportId, err: (e as Error).message }, 'subscribe message not sent');
    }
  }

  async page(userId: number, cursor: string | undefined): Promise<MessagePageResponse> {
    const before = cursor ? Number(cursor) : null;
    if (before !== null && (!Number.isInteger(before) || before <= 0)) throw fieldError('validation_failed', 'cursor', '翻页位置无效，请刷新后重试');
    const [rows, unread] = await Promise.all([this.messages.pageForUser(userId, before, PAGE_SIZE_DEFAULT + 1), this.messages.countUnread(userId)]);
    const items = rows.slice(0, PAGE_SIZE_DEFAULT).map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, reportId: r.reportId, read: r.readAt !== null, createdAt: r.createdAt.toISOString() }));
    return { items, unread, nextCursor: rows.length > PAGE_SIZE_DEFAULT ? String(items[items.length - 1].id) : null };
  }

  markAllRead(userId: number): Promise<void> {
    return this.messages.markAllRead(userId);
  }

  async consent(userId: number, templateId: string, result: 'accept' | 'reject'): Promise<void> {
    if (templateId !== this.config.wechatReportTemplateId) {
      throw fieldError('validation_failed', 'templateId', '订阅消息模板不正确');
    }
    if (result === 'accept') await this.messages.addConsent(userId, templateId);
  }
}
