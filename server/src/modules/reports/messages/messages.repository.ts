import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, LessThan, MoreThan } from 'typeorm';
import { TransactionRunner } from '../../../database/transaction.runner';
import { Message } from './message.entity';
import { SubscribeConsent } from './subscribe-consent.entity';

@Injectable()
export class MessagesRepository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  async insert(m: EntityManager, fields: Pick<Message, 'userId' | 'kind' | 'title' | 'body' | 'reportId'>): Promise<void> {
    await m.getRepository(Message).insert(fields);
  }

  pageForUser(userId: number, beforeId: number | null, limit: number): Promise<Message[]> {
    return this.ds.getRepository(Message).find({ where: { userId, ...(beforeId ? { id: LessThan(beforeId) } : {}) }, order: { id: 'DESC' }, take: limit });
  }

  countUnread(userId: number): Promise<number> {
    return this.ds.getRepository(Message).countBy({ userId, readAt: IsNull() });
  }

  async markAllRead(userId: number): Promise<void> {
    await this.tx.run((m) => m.getRepository(Message).update({ userId, readAt: IsNull() }, { readAt: new Date() }));
  }

  /** Adds one consent; a row is created on the first. */
  async addConsent(userId: number, templateId: string): Promise<void> {
    await this.tx.run(async (m) => {
      const repo = m.getRepository(SubscribeConsent);
      const r = await repo.increment({ userId, templateId }, 'credits', 1);
      if (!r.affected) await repo.insert({ userId, templateId, credits: 1 });
    });
  }

  /** Uses up one consent if there is one left; false when none is left. */
  takeConsent(userId: number, templateId: string): Promise<boolean> {
    return this.tx.run(async (m) => {
      const r = await m.getRepository(SubscribeConsent).decrement({ userId, templateId, credits: MoreThan(0) }, 'credits', 1);
      return (r.affected ?? 0) > 0;
    });
  }

  /** Gives a consent back (WeChat said it was not used). */
  async returnConsent(userId: number, templateId: string): Promise<void> {
    await this.tx.run((m) => m.getRepository(SubscribeConsent).increment({ userId, templateId }, 'credits', 1));
  }

  async clearConsent(userId: number, templateId: string): Promise<void> {
    await this.tx.run((m) => m.getRepository(SubscribeConsent).update({ userId, templateId }, { credits: 0 }));
  }
}
