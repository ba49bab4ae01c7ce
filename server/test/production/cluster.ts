import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root (server/test/production → ../../..). */
export const ROOT = resolve(__dirname, '..', '..', '..');
export const NGINX = '/usr/sbin/nginx';

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs a command to its end; stdout and stderr are collected, stdin written and closed. */
export function runCommand(cmd: string, args: string[], opts: { env?: Record<string, string>; input?: string; cwd?: string } = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((res) => {
    const child = spawn(cmd, args, { cwd: opts.cwd ?? ROOT, env: { ...process.env, ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.stdin.end(opts.input ?? '');
    child.on('exit', (code) => res({ code, out }));
  });
}

/** One API instance: the production build (server/dist/main.js), exactly what the Dockerfile runs. */
export class ApiInstance {
  child: ChildProcess | null = null;
  port = 0;
  log = '';
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> = Promise.resolve({ code: null, signal: null });

  constructor(
    readonly name: string,
    private readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(port?: number): Promise<this> {
    this.port = port ?? (await freePort());
    const child = spawn(process.execPath, [join(ROOT, 'server', 'dist', 'main.js')], {
      cwd: ROOT,
      env: { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout!.on('data', (d) => (this.log += d));
    child.stderr!.on('data', (d) => (this.log += d));
    this.exit = new Promise((res) => child.once('exit', (code, signal) => res({ code, signal })));
    const deadline = Date.now() + 150_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${this.name} exited with ${child.exitCode}:\n${this.log}`);
      try {
        if ((await fetch(`${this.url}/api/health`)).ok) return this;
      } catch {
        /* still starting */
      }
      if (Date.now() > deadline) throw new Error(`${this.name} not ready in 150 s:\n${this.log.slice(-2000)}`);
      await sleep(200);
    }
  }

  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.child?.kill(signal);
    return this.exit;
  }
}

/**
 * Debian's nginx with the repository's own deploy/nginx.conf (the server block the container image uses), its
 * upstream names replaced by the instances' loopback ports; everything else of it is as shipped.
 */
export class Nginx {
  private child: ChildProcess | null = null;
  private dir = '';
  port = 0;
  log = '';

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(upstreamPorts: [number, number], port?: number): Promise<this> {
    this.port = port ?? (await freePort());
    this.dir = mkdtempSync(join(tmpdir(), 'xjy-nginx-'));
    for (const d of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(this.dir, d));
    const site = readFileSync(join(ROOT, 'deploy', 'nginx.conf'), 'utf8')
      .replace(/server api1:3000/, `server 127.0.0.1:${upstreamPorts[0]}`)
      .replace(/server api2:3000/, `server 127.0.0.1:${upstreamPorts[1]}`)
      .replace(/listen 80;/, `listen 127.0.0.1:${this.port};`);
    if (site.includes('api1:') || site.includes('api2:') || site.includes('listen 80;')) throw new Error('deploy/nginx.conf changed shape: update the production e2e');
    const asRoot = process.getuid?.() === 0 ? 'user root;\n' : '';
    writeFileSync(
      join(this.dir, 'nginx.conf'),
      `${asRoot}worker_processes 1;\npid ${this.dir}/nginx.pid;\nerror_log ${this.dir}/error.log warn;\nevents { worker_connections 1024; }\nhttp {\n` +
        `  access_log off;\n  client_body_temp_path ${this.dir}/body;\n  proxy_temp_path ${this.dir}/proxy;\n  fastcgi_temp_path ${this.dir}/fastcgi;\n  uwsgi_temp_path ${this.dir}/uwsgi;\n  scgi_temp_path ${this.dir}/scgi;\n` +
        `${site}\n}\n`,
    );
    const child = spawn(NGINX, ['-p', this.dir, '-c', join(this.dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout!.on('data', (d) => (this.log += d));
    child.stderr!.on('data', (d) => (this.log += d));
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${this.log}`);
      try {
        await fetch(`${this.url}/api/health/live`);
        return this;
      } catch {
        /* starting */
      }
      if (Date.now() > deadline) throw new Error(`nginx did not start: ${this.log}`);
      await sleep(100);
    }
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child!.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
  }
}
