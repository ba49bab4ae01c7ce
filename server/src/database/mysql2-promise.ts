import { PoolConnection } from 'mysql2';
import * as mysql2Promise from 'mysql2/promise';

let applied = false;

/**
 * TypeORM 1.1 wraps the pool connection for every query (`connection.promise().query(...)`), and mysql2 3.x's
 * `PoolConnection#promise()` calls `require('./promise/pool_connection.js')` each time: resolving that path was
 * about 4% of the CPU of a write-heavy request. This builds the same wrapper (the class mysql2 exports publicly)
 * without resolving a module per query. Idempotent.
 */
export function resolveMysql2PromiseWrapperOnce(): void {
  if (applied) return;
  applied = true;
  type Wrapped = { promise(promiseImpl?: PromiseConstructor): unknown };
  // Exported at runtime (mysql2/promise.js) though missing from mysql2's type declarations.
  const Ctor = (mysql2Promise as unknown as { PromisePoolConnection: unknown }).PromisePoolConnection as new (connection: unknown, promiseImpl?: PromiseConstructor) => unknown;
  (PoolConnection.prototype as unknown as Wrapped).promise = function (this: unknown, promiseImpl?: PromiseConstructor) {
    return new Ctor(this, promiseImpl);
  };
}
