import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/app.config';
import { readEnvironment } from './config/environment';
import { migrateWithLock } from './database/release/migrate';
import { seedDemo } from './database/seeds/demo.seed';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(readEnvironment());
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const app = await createApp(config);
  const ds = app.get(DataSource);
  // In production several instances may start at once: the release step (`npm run db:migrate`, under a lock) migrates,
  // not each instance, unless MIGRATE_ON_START says so (it then takes the same lock).
  const applied = config.migrateOnStart ? (await migrateWithLock(config)).applied : [];
  if (!config.migrateOnStart && (await ds.showMigrations())) console.warn('The database has pending migrations: run `npm run db:migrate`.');
  if (config.seedDemo) {
    const seeded = await seedDemo(ds);
    if (seeded) console.log(`Seeded demo data: ${seeded.areas} areas, ${seeded.users} accounts`);
  }
  await app.listen({ port: config.port, host: config.host });
  const url = `http://127.0.0.1:${config.port}`;
  console.log(`新就业群体服务 is running: ${url}/ (H5 app), ${url}/api (API), ${url}/api/docs (OpenAPI)`);
  console.log(`Database: ${config.databaseUrl ? 'MySQL' : `embedded file ${config.embeddedDbFile}`}; migrations applied this start: ${applied.length}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
