import { createConnection } from 'mysql2/promise';
import { TEST_DRIVERS, TEST_MYSQL_URL } from './test-db';

/** Fails fast with a clear message when the MySQL the suites need is not there. */
export default async function globalSetup(): Promise<void> {
  process.env.XJY_TEST_RUN ??= `${Date.now().toString(36)}`;
  if (!TEST_DRIVERS.includes('mysql')) return;
  try {
    const c = await createConnection(TEST_MYSQL_URL);
    await c.end();
  } catch (e) {
    throw new Error(`MySQL for tests is not reachable at ${TEST_MYSQL_URL}: ${(e as Error).message}. Run npm test, which starts MariaDB.`);
  }
}
