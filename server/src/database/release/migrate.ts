import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app.config';
import { resolveDataSourceOptions } from '../data-source';

/** A MySQL named lock is held by one session at a time: every instance that migrates takes it first. */
export const MIGRATION_LOCK = 'xjy_schema_migration';
const LOCK_WAIT_SECONDS = 300;

export interface MigrateResult {
  applied: string[];
  waitedForLock: boolean;
}

/**
 * Applies pending migrations once. On MySQL two instances that start at the same moment serialize on a named lock
 * (GET_LOCK, held by a dedicated connection for the whole run), so the second finds nothing left to do. The embedded
 * database is one file that only one process writes, so it needs no lock of its own.
 */
export async function migrateWithLock(config: Pick<AppConfig, 'databaseUrl' | 'embeddedDbFile' | 'dbPoolSize'>): Promise<MigrateResult> {
  const ds = new DataSource(await resolveDataSourceOptions({ ...config, dbPoolSize: Math.min(config.dbPoolSize, 2) }));
  await ds.initialize();
  try {
    if (!config.databaseUrl) return { applied: (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name), waitedForLock: false };
    const lockRunner = ds.createQueryRunner();
    try {
      const free = (await lockRunner.query('SELECT IS_FREE_LOCK(?) AS free', [MIGRATION_LOCK])) as Array<{ free: number | string }>;
      const got = (await lockRunner.query('SELECT GET_LOCK(?, ?) AS got', [MIGRATION_LOCK, LOCK_WAIT_SECONDS])) as Array<{ got: number | string | null }>;
      if (Number(got[0]?.got) !== 1) throw new Error(`Could not take the migration lock "${MIGRATION_LOCK}" within ${LOCK_WAIT_SECONDS} s: another instance is still migrating`);
      try {
        const applied = await ds.runMigrations({ transaction: 'each' });
        return { applied: applied.map((m) => m.name), waitedForLock: Number(free[0]?.free) !== 1 };
      } finally {
        await lockRunner.query('SELECT RELEASE_LOCK(?)', [MIGRATION_LOCK]);
      }
    } finally {
      await lockRunner.release();
    }
  } finally {
    await ds.destroy();
  }
}
