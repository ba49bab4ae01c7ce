// Debian's nginx running the repository's deploy/nginx.conf (the server block the container image ships), with the
// upstream names replaced by loopback ports. Used by the throughput bench; the production e2e has its TypeScript twin.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './built-server.mjs';
import { ROOT } from './env.mjs';

export const NGINX = '/usr/sbin/nginx';

export async function startNginx(upstreamPorts) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'xjy-nginx-'));
  for (const d of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, d));
  const site = readFileSync(join(ROOT, 'deploy', 'nginx.conf'), 'utf8')
    .replace(/server api1:3000/, `server 127.0.0.1:${upstreamPorts[0]}`)
    .replace(/server api2:3000/, `server 127.0.0.1:${upstreamPorts[1]}`)
    .replace(/listen 80;/, `listen 127.0.0.1:${port};`);
  const asRoot = process.getuid?.() === 0 ? 'user root;\n' : '';
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((k) => `  ${k}_temp_path ${dir}/${k === 'client_body' ? 'body' : k};`).join('\n');
  writeFileSync(join(dir, 'nginx.conf'), `${asRoot}worker_processes 1;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log warn;\nevents { worker_connections 4096; }\nhttp {\n  access_log off;\n${temp}\n${site}\n}\n`);
  const child = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}`);
    try {
      await fetch(`${url}/api/health/live`);
      break;
    } catch {
      if (i > 200) throw new Error('nginx did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { url, pid: child.pid, stop: () => new Promise((r) => (child.exitCode !== null ? r() : (child.once('exit', r), child.kill('SIGTERM')))) };
}
