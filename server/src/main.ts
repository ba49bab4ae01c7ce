import 'reflect-metadata';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/app.config';
import { readEnvironment } from './config/environment';
import { prepareDatabaseAtBoot } from './database/release/boot';

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
  const { applied, seeded } = await prepareDatabaseAtBoot(app, config);
  if (seeded) console.log(`Seeded demo data: ${seeded.areas} areas, ${seeded.users} accounts`);
  await app.listen({ port: config.port, host: config.host });
  const url = `http://127.0.0.1:${config.port}`;
  console.log(`新就业群体服务 is running: ${url}/ (H5 app), ${url}/api (API), ${url}/api/docs (OpenAPI)`);
  console.log(`Database: ${config.databaseUrl ? 'MySQL' : `embedded file ${config.embeddedDbFile}`}; migrations applied this start: ${applied.length}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
