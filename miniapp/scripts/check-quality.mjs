// Runs WeChat's code-quality check (what DevTools' 代码质量 panel shows) on dist/weapp, offline.
// Exits non-zero when any check fails. Build first: pnpm build:weapp.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ci = require('miniprogram-ci');

const root = fileURLToPath(new URL('..', import.meta.url));
const projectPath = join(root, 'dist', 'weapp');
if (!existsSync(join(projectPath, 'app.json'))) {
  console.error(`No build at ${projectPath}; run pnpm build:weapp first.`);
  process.exit(2);
}

const projectConfig = JSON.parse(readFileSync(join(projectPath, 'project.config.json'), 'utf8'));
// The check never talks to WeChat, but a Project needs an appid and a key: use throwaway ones.
const appid = /^wx[0-9a-f]{16}$/.test(projectConfig.appid) ? projectConfig.appid : 'wx0000000000000000';
const keyDir = mkdtempSync(join(tmpdir(), 'mp-ci-'));
const privateKeyPath = join(keyDir, 'private.key');
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
writeFileSync(privateKeyPath, privateKey.export({ type: 'pkcs1', format: 'pem' }));

let failed = 0;
try {
  const project = new ci.Project({ appid, type: 'miniProgram', projectPath, privateKeyPath, ignores: ['node_modules/**/*'] });
  const results = await ci.checkCodeQuality(project);
  for (const item of results) {
    const ok = item.success !== false;
    if (!ok) failed++;
    // `text` names the rule (worded as the problem); `detail` carries sizes or offending files.
    const detail = item.detail ? `  ${JSON.stringify(item.detail)}` : '';
    console.log(`${ok ? 'PASS' : 'FAIL'}  ${item.name}: ${item.text}${detail}`);
  }
  console.log(`\n${results.length - failed} passed, ${failed} failed`);
} finally {
  rmSync(keyDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
