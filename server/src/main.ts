import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/app.config';
import { seedDemo } from './database/seeds/demo.seed';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const app = await createApp(config);
  const ds = app.get(DataSource);
  const applied = await ds.runMigrations({ transaction: 'each' });
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
