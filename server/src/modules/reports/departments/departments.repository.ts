import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { TransactionRunner } from '../../../database/transaction.runner';
import { Department } from './department.entity';

@Injectable()
export class DepartmentsRepository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  listAll(): Promise<Department[]> {
    return this.ds.getRepository(Department).find({ order: { id: 'ASC' } });
  }

  findById(id: number): Promise<Department | null> {
    return this.ds.getRepository(Department).findOneBy({ id });
  }

  findByIds(ids: number[]): Promise<Department[]> {
    return ids.length ? this.ds.getRepository(Department).findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  findByName(name: string): Promise<Department | null> {
    return this.ds.getRepository(Department).findOneBy({ name });
  }

  create(fields: Pick<Department, 'name' | 'phone'>): Promise<Department> {
    return this.tx.run((m) => m.getRepository(Department).save(m.getRepository(Department).create(fields)));
  }

  async update(id: number, patch: Partial<Department>): Promise<void> {
    if (Object.keys(patch).length) await this.tx.run((m) => m.getRepository(Department).update({ id }, patch));
  }
}
