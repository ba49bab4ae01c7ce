import { Logger } from '@nestjs/common';
import { PAGE_SIZE_DEFAULT } from '@xjy/shared';
import type { AppConfig } from '../../../config/app.config';
import type { WechatClient } from '../../wechat/wechat.client';
import { NO_MANAGER } from '../../../../test/factories/in-memory';
import { userFactory } from '../../../../test/factories/user.factory';
import { FakeUsersRepository } from '../../../../test/fakes/activities.fakes';
import { FakeMessagesRepository } from '../../../../test/fakes/reports.fakes';
import { MessagesService, StatusNotice } from './messages.service';

const TEMPLATE = 'tmpl-report';
type Sent = Parameters<WechatClient['sendSubscribeMessage']>[0];

/** The WeChat client's send, recorded; `reply` says what WeChat answers (true: sent, false: 43101, or a throw). */
class FakeWechat {
  configured = true;
  readonly sent: Sent[] = [];
  reply: () => boolean = () => true;
  async sendSubscribeMessage(msg: Sent): Promise<boolean> {
    this.sent.push(msg);
    return this.reply();
  }
  asClient(): WechatClient {
    return this as unknown as WechatClient;
  }
}

const failure = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string; details?: unknown }) => ({ code: e.code, details: e.details }));

describe(MessagesService.name, () => {
  let messages: FakeMessagesRepository;
  let users: FakeUsersRepository;
  let wechat: FakeWechat;
  let config: AppConfig;
  let service: MessagesService;
  const rider = userFactory({ openid: 'openid-rider' });
  const notice = (over: Partial<StatusNotice> = {}): StatusNotice => ({
    userId: rider.id,
    reportId: 42,
    title: '您的上报已采纳',
    body: '感谢您的上报，已转交城管处理',
    category: '乱停乱放',
    status: '已采纳',
    note: '',
    ...over,
  });

  beforeEach(() => {
    messages = new FakeMessagesRepository();
    users = new FakeUsersRepository();
    users.add(rider);
    wechat = new FakeWechat();
    config = { wechatReportTemplateId: TEMPLATE } as AppConfig;
    service = new MessagesService(messages.asRepository(), users.asRepository(), wechat.asClient(), config);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  describe('record', () => {
    it('writes a report_status message to the reporter, linked to the report', async () => {
      await service.record(NO_MANAGER, notice());
      expect(messages.messages).toEqual([expect.objectContaining({ userId: rider.id, kind: 'report_status', title: '您的上报已采纳', body: '感谢您的上报，已转交城管处理', reportId: 42 })]);
    });

    it('clips the title to 64 and the body to 255 characters, ending in an ellipsis', async () => {
      await service.record(NO_MANAGER, notice({ title: '题'.repeat(70), body: '文'.repeat(300) }));
      const [m] = messages.messages;
      expect(m.title).toHaveLength(64);
      expect(m.title.endsWith('…')).toBe(true);
      expect(m.body).toHaveLength(255);
      expect(m.body).toBe(`${'文'.repeat(254)}…`);
    });
  });

  describe('push', () => {
    it('sends one subscribe message per consent, to the report page, with the template fields clipped', async () => {
      await messages.addConsent(rider.id, TEMPLATE);
      await service.push(notice({ category: '一二三四五六七八九十一二三四五六七八九十多', status: '已办结处理', note: '已联系平台' }));
      expect(wechat.sent).toHaveLength(1);
      const [msg] = wechat.sent;
      expect(msg).toMatchObject({ openid: 'openid-rider', templateId: TEMPLATE, page: 'pages/report-detail/index?id=42' });
      expect(msg.data.thing1.value).toBe('一二三四五六七八九十一二三四五六七八九…');
      expect(msg.data.phrase2.value).toBe('已办结处理');
      expect(msg.data.thing3.value).toBe('已联系平台');
      expect(msg.data.time4.value).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      expect(messages.credits(rider.id, TEMPLATE)).toBe(0);
    });

    it('uses the body in thing3 when the notice has no note', async () => {
      await messages.addConsent(rider.id, TEMPLATE);
      await service.push(notice({ note: '', body: '短正文' }));
      expect(wechat.sent[0].data.thing3.value).toBe('短正文');
    });

    it('sends nothing without a consent left, and a second push after one consent sends nothing more', async () => {
      await service.push(notice());
      expect(wechat.sent).toHaveLength(0);
      await messages.addConsent(rider.id, TEMPLATE);
      await service.push(notice());
      await service.push(notice());
      expect(wechat.sent).toHaveLength(1);
    });

    it('sends nothing, and spends no consent, when no template is configured, WeChat is not configured, or the user has no openid', async () => {
      const noOpenid = userFactory({ openid: null });
      users.add(noOpenid);
      await messages.addConsent(rider.id, TEMPLATE);
      await messages.addConsent(noOpenid.id, TEMPLATE);

      config.wechatReportTemplateId = null;
      await service.push(notice());
      config.wechatReportTemplateId = TEMPLATE;
      wechat.configured = false;
      await service.push(notice());
      wechat.configured = true;
      await service.push(notice({ userId: noOpenid.id }));
      await service.push(notice({ userId: 999_999 }));

      expect(wechat.sent).toHaveLength(0);
      expect(messages.credits(rider.id, TEMPLATE)).toBe(1);
      expect(messages.credits(noOpenid.id, TEMPLATE)).toBe(1);
    });

    it('clears the stored consents when WeChat answers that it holds none (43101)', async () => {
      await messages.addConsent(rider.id, TEMPLATE);
      await messages.addConsent(rider.id, TEMPLATE);
      wechat.reply = () => false;
      await service.push(notice());
      expect(messages.cleared).toEqual([`${rider.id}:${TEMPLATE}`]);
      expect(messages.credits(rider.id, TEMPLATE)).toBe(0);
    });

    it('never fails the caller when sending throws, and logs a warning instead', async () => {
      await messages.addConsent(rider.id, TEMPLATE);
      wechat.reply = () => {
        throw new Error('network down');
      };
      await expect(service.push(notice())).resolves.toBeUndefined();
      expect(Logger.prototype.warn).toHaveBeenCalledWith(expect.objectContaining({ userId: rider.id, reportId: 42, err: 'network down' }), 'subscribe message not sent');
      expect(messages.cleared).toEqual([]);
    });
  });

  describe('page', () => {
    const seed = async (userId: number, n: number) => {
      for (let i = 0; i < n; i++) await service.record(NO_MANAGER, notice({ userId, title: `消息${i}` }));
    };

    it('pages newest first with a cursor to the next page, and counts unread over all pages', async () => {
      await seed(rider.id, PAGE_SIZE_DEFAULT + 5);
      const first = await service.page(rider.id, undefined);
      expect(first.items).toHaveLength(PAGE_SIZE_DEFAULT);
      expect(first.items[0].title).toBe(`消息${PAGE_SIZE_DEFAULT + 4}`);
      expect(first.unread).toBe(PAGE_SIZE_DEFAULT + 5);
      expect(first.nextCursor).toBe(String(first.items[PAGE_SIZE_DEFAULT - 1].id));

      const second = await service.page(rider.id, first.nextCursor!);
      expect(second.items.map((m) => m.title)).toEqual(['消息4', '消息3', '消息2', '消息1', '消息0']);
      expect(second.nextCursor).toBeNull();
    });

    it('gives no cursor when exactly one page is left', async () => {
      await seed(rider.id, PAGE_SIZE_DEFAULT);
      expect((await service.page(rider.id, undefined)).nextCursor).toBeNull();
    });

    it('shows only the caller’s own messages, with read flags and ISO times', async () => {
      await seed(rider.id, 1);
      await seed(rider.id + 1, 2);
      messages.messages[0].readAt = new Date();
      const page = await service.page(rider.id, undefined);
      expect(page.items).toEqual([expect.objectContaining({ kind: 'report_status', reportId: 42, read: true, createdAt: '2026-11-22T02:00:00.000Z' })]);
      expect(page.unread).toBe(0);
    });

    it('refuses a cursor that is not a positive integer with validation_failed on cursor', async () => {
      for (const cursor of ['abc', '0', '-3', '1.5']) {
        expect(await failure(service.page(rider.id, cursor))).toMatchObject({ code: 'validation_failed', details: { fields: [{ field: 'cursor' }] } });
      }
    });
  });

  describe('markAllRead', () => {
    it('marks only the caller’s messages read', async () => {
      await service.record(NO_MANAGER, notice());
      await service.record(NO_MANAGER, notice({ userId: rider.id + 1 }));
      await service.markAllRead(rider.id);
      expect((await service.page(rider.id, undefined)).unread).toBe(0);
      expect((await service.page(rider.id + 1, undefined)).unread).toBe(1);
    });
  });

  describe('consent', () => {
    it('adds one consent per accept and none for a reject', async () => {
      await service.consent(rider.id, TEMPLATE, 'accept');
      await service.consent(rider.id, TEMPLATE, 'accept');
      await service.consent(rider.id, TEMPLATE, 'reject');
      expect(messages.credits(rider.id, TEMPLATE)).toBe(2);
    });

    it('refuses a template other than the configured one, and stores nothing', async () => {
      expect(await failure(service.consent(rider.id, 'tmpl-other', 'accept'))).toMatchObject({ code: 'validation_failed', details: { fields: [{ field: 'templateId' }] } });
      expect(messages.consents.size).toBe(0);
    });
  });
});
