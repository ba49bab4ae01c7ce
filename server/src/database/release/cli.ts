import 'reflect-metadata';
import { ConfigError, loadConfig } from '../../config/app.config';
import { readEnvironment } from '../../config/environment';
import { createAdmin, CreateAdminError, readPasswordFromStdin } from './create-admin';
import { migrateWithLock } from './migrate';

/** `npm run db:migrate` and `npm run admin:create -- --username NAME` (password on standard input). */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  let config;
  try {
    config = loadConfig({ ...readEnvironment(), SEED_DEMO: undefined });
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
  if (command === 'migrate') {
    const { applied, waitedForLock } = await migrateWithLock(config);
    console.log(`${waitedForLock ? 'waited for another instance\'s migration; ' : ''}migrations applied: ${applied.length}${applied.length ? ` (${applied.join(', ')})` : ''}`);
    return 0;
  }
  if (command === 'create-admin') {
    const i = rest.indexOf('--username');
    const username = i >= 0 ? rest[i + 1] : rest.find((a) => a.startsWith('--username='))?.slice('--username='.length);
    if (!username) {
      console.error('usage: npm run admin:create -- --username NAME   (the password is read from standard input)');
      return 2;
    }
    if (process.stdin.isTTY) process.stderr.write(`Password for ${username}: `);
    const password = await readPasswordFromStdin();
    try {
      const { id } = await createAdmin(config, username, password);
      console.log(`admin "${username}" created (id ${id})`);
      return 0;
    } catch (e) {
      if (e instanceof CreateAdminError) {
        console.error(`admin:create: ${e.message}`);
        return 1;
      }
      throw e;
    }
  }
  console.error('usage: cli.js migrate | create-admin --username NAME');
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
