// npm run db:migrate | npm run admin:create -- --username NAME (password on standard input).
// In a container image the server is already built and the build step finds nothing to do.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildServerIfStale } from './lib/build.mjs';
import { ensureDependencies, ensurePnpm, ROOT, run } from './lib/env.mjs';

const [command, ...args] = process.argv.slice(2);
if (existsSync(join(ROOT, 'server', 'src'))) {
  if (!existsSync(join(ROOT, 'node_modules'))) {
    await ensurePnpm();
    await ensureDependencies();
  }
  await buildServerIfStale();
}
const code = await run(process.execPath, ['--enable-source-maps', join(ROOT, 'server', 'dist', 'database', 'release', 'cli.js'), command, ...args], { stdio: 'inherit' });
process.exit(code);
