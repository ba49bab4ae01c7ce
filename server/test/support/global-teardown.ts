import { createConnection } from 'mysql2/promise';
import { TEST_DRIVERS, TEST_MYSQL_URL } from './test-db';

/** Drops any throwaway database this run left behind (a test that crashed before its own cleanup). */
export default async function globalTeardown(): Promise<void> {
  if (!TEST_DRIVERS.includes('mysql') || !process.env.XJY_TEST_RUN) return;
  const c = await createConnection(TEST_MYSQL_URL);
  try {
    const [rows] = await c.query('SHOW DATABASES LIKE ?', [`xjy\\_t\\_${process.env.XJY_TEST_RUN}\\_%`]);
    for (const row of rows as Array<Record<string, string>>) {
      await c.query(`DROP DATABASE IF EXISTS \`${Object.values(row)[0]}\``);
    }
  } finally {
    await c.end();
  }
}
