import { PoolConnection } from 'mysql2';
import * as mysql2Promise from 'mysql2/promise';
import { resolveMysql2PromiseWrapperOnce } from './mysql2-promise';

describe(resolveMysql2PromiseWrapperOnce.name, () => {
  it('builds the same promise wrapper as mysql2 does, without a module lookup per call', () => {
    const conn = Object.create(PoolConnection.prototype) as PoolConnection;
    const before = conn.promise();
    resolveMysql2PromiseWrapperOnce();
    resolveMysql2PromiseWrapperOnce();
    const after = conn.promise();
    const Exported = (mysql2Promise as unknown as { PromisePoolConnection: new (...a: unknown[]) => unknown }).PromisePoolConnection;
    expect(after).toBeInstanceOf(Exported);
    expect(after.constructor).toBe(before.constructor);
    expect((after as unknown as { connection: unknown }).connection).toBe(conn);
  });
});
