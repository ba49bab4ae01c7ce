import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app.config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { resolveMysql2PromiseWrapperOnce } from './mysql2-promise';

export type DriverKind = 'mysql' | 'embedded';

export function driverKind(config: Pick<AppConfig, 'databaseUrl'>): DriverKind {
  return config.databaseUrl ? 'mysql' : 'embedded';
}

type DbConfig = Pick<AppConfig, 'databaseUrl' | 'embeddedDbFile' | 'dbPoolSize'>;

/**
 * MariaDB and MySQL report column defaults differently, and TypeORM reads them right only when told which it
 * talks to; so a mysql:// URL is asked for its server version once. Unreachable: assume MySQL, TypeORM retries.
 */
export async function detectMysqlFlavor(url: string): Promise<'mysql' | 'mariadb'> {
  try {
    const c = await createConnection({ uri: url, connectTimeout: 3000 });
    try {
      const [rows] = await c.query('SELECT VERSION() AS v');
      return /mariadb/i.test(String((rows as Array<{ v: string }>)[0]?.v)) ? 'mariadb' : 'mysql';
    } finally {
      await c.end();
    }
  } catch {
    return 'mysql';
  }
}

export async function resolveDataSourceOptions(config: DbConfig): Promise<DataSourceOptions> {
  const flavor = config.databaseUrl ? await detectMysqlFlavor(config.databaseUrl) : 'mysql';
  return dataSourceOptions(config, flavor);
}

/** One description of the database for the app, the migration runner and the tests. */
export function dataSourceOptions(config: DbConfig, flavor: 'mysql' | 'mariadb' = 'mysql'): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, migrationsRun: false, logging: false } as const;
  if (config.databaseUrl) {
    resolveMysql2PromiseWrapperOnce();
    return {
      ...common,
      type: flavor,
      url: config.databaseUrl,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      poolSize: config.dbPoolSize,
      connectTimeout: 5000,
      // mysql2 otherwise captures a stack trace on every query (to show the caller if it fails): about 6% of the CPU
      // of a write-heavy request. A database error still carries its code, message and our request id.
      trace: false,
      extra: { enableKeepAlive: true, waitForConnections: true, queueLimit: 1000 },
    };
  }
  if (config.embeddedDbFile !== ':memory:') mkdirSync(dirname(config.embeddedDbFile), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.embeddedDbFile,
    // WAL lets readers run while a write commits. Foreign keys are off by default in SQLite: on here (TypeORM turns
    // them on again right after this, and off only while migrations run); test/integration/foreign-keys checks it.
    prepareDatabase: (db: { pragma: (s: string) => unknown }) => {
      db.pragma('foreign_keys = ON');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
    },
  };
}
