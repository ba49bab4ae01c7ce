import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MediaAttachType, MediaCheckStatus } from '@xjy/shared';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { TransactionRunner } from '../../database/transaction.runner';
import { Media } from './media.entity';

@Injectable()
export class MediaRepository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  findById(id: number): Promise<Media | null> {
    return this.ds.getRepository(Media).findOneBy({ id });
  }

  findByIds(ids: number[], m: EntityManager = this.ds.manager): Promise<Media[]> {
    return ids.length ? m.getRepository(Media).findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  /**
   * One list parameter (`IN (:...ids)`) rather than find's In(), which names a parameter per id and looks each one up
   * among all the others: lists of 1,000 ids (an Open311 answer) spent milliseconds there.
   */
  findAttachedTo(types: readonly MediaAttachType[], attachedIds: number[]): Promise<Media[]> {
    if (!attachedIds.length || !types.length) return Promise.resolve([]);
    return this.ds
      .getRepository(Media)
      .createQueryBuilder('m')
      .where('m.attachedType IN (:...types)', { types: [...types] })
      .andWhere('m.attachedId IN (:...ids)', { ids: attachedIds })
      .orderBy('m.id', 'ASC')
      .getMany();
  }

  findByTraceId(traceId: string): Promise<Media | null> {
    return this.ds.getRepository(Media).findOneBy({ checkTraceId: traceId });
  }

  insert(fields: Pick<Media, 'ownerId' | 'fileKey' | 'thumbKey' | 'width' | 'height' | 'bytes'>): Promise<Media> {
    return this.tx.run((m) => m.getRepository(Media).save(m.getRepository(Media).create({ ...fields, checkStatus: 'none' })));
  }

  /** Claims unattached photos of this owner for a target, in the caller's transaction; returns how many it claimed. */
  async attachOwned(m: EntityManager, ownerId: number, ids: number[], type: MediaAttachType, attachedId: number): Promise<number> {
    if (!ids.length) return 0;
    const r = await m.getRepository(Media).update({ id: In(ids), ownerId, attachedType: IsNull() }, { attachedType: type, attachedId });
    return r.affected ?? 0;
  }

  async setCheck(id: number, status: MediaCheckStatus, traceId: string | null): Promise<void> {
    await this.tx.run((m) => m.getRepository(Media).update({ id }, { checkStatus: status, checkTraceId: traceId }));
  }
}
