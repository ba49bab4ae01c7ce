import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app.config';
import { seedDemo } from '../seeds/demo.seed';
import { migrateWithLock } from './migrate';

/**
 * What an instance does to its database at boot. In production several instances may start at once: the release
 * step (`npm run db:migrate`, under a lock) migrates, not each instance, unless MIGRATE_ON_START says so (it then
 * takes the same lock). Demo data only where the config allows it (never in production).
 */
export async function prepareDatabaseAtBoot(app: INestApplicationContext, config: AppConfig): Promise<{ applied: string[]; seeded: { areas: number; users: number } | null }> {
  const ds = app.get(DataSource);
  const applied = config.migrateOnStart ? (await migrateWithLock(config)).applied : [];
  if (!config.migrateOnStart && (await ds.showMigrations())) console.warn('The database has pending migrations: run `npm run db:migrate`.');
  return { applied, seeded: config.seedDemo ? await seedDemo(ds) : null };
}
