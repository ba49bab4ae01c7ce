import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

const RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);
const MAX_ATTEMPTS = 4;

/**
 * One transaction, as services see it: they pass it through to repository methods (and the ledger) so several
 * writes commit together, and never query with it themselves (only repositories touch TypeORM).
 */
export type UnitOfWork = EntityManager;

const afterCommitHooks = new WeakMap<EntityManager, Array<() => void>>();

/**
 * Runs `fn` once the transaction of `m` has committed (never if it rolls back or is retried from the start), e.g. to
 * count a business event exactly when it became true. Outside TransactionRunner.run the hook is dropped.
 */
export function afterCommit(m: UnitOfWork, fn: () => void): void {
  const list = afterCommitHooks.get(m);
  if (list) list.push(fn);
  else afterCommitHooks.set(m, [fn]);
}

/** The transaction, then its after-commit hooks (a failing hook is logged, never undoes the commit). */
async function transaction<T>(ds: DataSource, work: (m: UnitOfWork) => Promise<T>): Promise<T> {
  const used: EntityManager[] = [];
  const result = await ds.transaction(async (m) => {
    used.push(m);
    return work(m);
  });
  for (const hook of used.flatMap((m) => afterCommitHooks.get(m) ?? [])) {
    try {
      hook();
    } catch (e) {
      console.error('after-commit hook failed', e);
    }
  }
  return result;
}

function errorCode(e: unknown): string | undefined {
  const x = e as { code?: string; driverError?: { code?: string } };
  return x?.driverError?.code ?? x?.code;
}

/**
 * Every write goes through here.
 * - Embedded SQLite has one connection: two transactions open at once would nest and fail, and a statement run
 *   outside a transaction while one is open would join it (and vanish with its rollback). So transactions are queued.
 * - MySQL: a deadlock or lock wait timeout aborts the whole transaction; it is retried from the start.
 */
@Injectable()
export class TransactionRunner {
  private readonly serial: boolean;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(@InjectDataSource() private readonly ds: DataSource) {
    this.serial = ds.options.type === 'better-sqlite3';
  }

  run<T>(work: (m: UnitOfWork) => Promise<T>): Promise<T> {
    if (this.serial) {
      const next = this.tail.then(() => transaction(this.ds, work));
      this.tail = next.catch(() => undefined);
      return next;
    }
    return this.withRetry(work);
  }

  private async withRetry<T>(work: (m: UnitOfWork) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await transaction(this.ds, work);
      } catch (e) {
        if (attempt >= MAX_ATTEMPTS || !RETRYABLE.has(errorCode(e) ?? '')) throw e;
        await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 10));
      }
    }
  }
}
