import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';

/** The MySQL server the tests may create throwaway databases on (MariaDB on loopback by default). */
export const TEST_MYSQL_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

export type TestDriver = 'mysql' | 'embedded';

/** Drivers to run the database-backed suites on; `TEST_DRIVERS=embedded` runs only the embedded one. */
export const TEST_DRIVERS: TestDriver[] = (process.env.TEST_DRIVERS ?? 'mysql,embedded')
  .split(',')
  .map((s) => s.trim())
  .filter((s): s is TestDriver => s === 'mysql' || s === 'embedded');

export interface TestDatabase {
  driver: TestDriver;
  /** DATABASE_URL for mysql, null for embedded. */
  databaseUrl: string | null;
  embeddedDbFile: string;
  drop(): Promise<void>;
}

/** A fresh, empty database for one test file: its own MySQL schema, or an in-memory SQLite database. */
export async function createTestDatabase(driver: TestDriver): Promise<TestDatabase> {
  if (driver === 'embedded') {
    return { driver, databaseUrl: null, embeddedDbFile: ':memory:', drop: async () => undefined };
  }
  const name = `xjy_t_${process.env.XJY_TEST_RUN ?? 'dev'}_${randomBytes(4).toString('hex')}`;
  const admin = await createConnection(TEST_MYSQL_URL);
  try {
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
  return {
    driver,
    databaseUrl: `${TEST_MYSQL_URL.replace(/\/+$/, '')}/${name}`,
    embeddedDbFile: ':memory:',
    drop: async () => {
      const c = await createConnection(TEST_MYSQL_URL);
      try {
        await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await c.end();
      }
    },
  };
}
