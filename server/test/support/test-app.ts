import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DemoAccount, LoginResponse } from '@xjy/shared';
import { createServer } from 'node:net';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { AppConfig, loadConfig } from '../../src/config/app.config';
import { seedDemo } from '../../src/database/seeds/demo.seed';
import { FakeWechat } from './fake-wechat';
import { createTestDatabase, TestDatabase, TestDriver } from './test-db';

export interface TestApp {
  app: NestFastifyApplication;
  ds: DataSource;
  config: AppConfig;
  wechat: FakeWechat;
  db: TestDatabase;
  baseUrl: string;
  /** HTTP against the running server; JSON in, parsed JSON out. */
  http: (method: string, path: string, opts?: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> }) => Promise<{ status: number; body: any; headers: Headers }>;
  loginAs: (account: DemoAccount) => Promise<LoginResponse>;
  close: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * A real server on a loopback port with its own throwaway database (MySQL schema or in-memory SQLite), migrated,
 * demo data seeded, and WeChat pointed at a fake WeChat server on loopback.
 */
export async function startTestApp(driver: TestDriver, envOrFn: Record<string, string> | ((db: TestDatabase) => Record<string, string>) = {}): Promise<TestApp> {
  const db = await createTestDatabase(driver);
  const env = typeof envOrFn === 'function' ? envOrFn(db) : envOrFn;
  const wechat = await new FakeWechat().start();
  // The port is chosen before the app is built so PUBLIC_BASE_URL (required with WeChat configured) can name it.
  const port = await freePort();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
    EMBEDDED_DB_FILE: db.embeddedDbFile,
    DEV_LOGIN: 'true',
    WECHAT_APPID: wechat.appId,
    WECHAT_SECRET: wechat.appSecret,
    WECHAT_API_BASE: wechat.baseUrl,
    RATE_LIMIT_LOGIN_PER_MIN: '10000',
    RATE_LIMIT_WRITE_PER_MIN: '10000',
    RATE_LIMIT_CHECKIN_PER_MIN: '10000',
    H5_DIR: '/nonexistent-h5',
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    ...env,
  });
  const app = await createApp(config);
  const ds = app.get(DataSource);
  await ds.runMigrations();
  await seedDemo(ds);
  await app.listen({ port, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${port}`;

  const http: TestApp['http'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.rawBody !== undefined) {
      body = opts.rawBody;
      headers['content-type'] ??= 'application/json';
    } else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(baseUrl + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };

  const tokens = new Map<DemoAccount, LoginResponse>();
  const loginAs = async (account: DemoAccount) => {
    const hit = tokens.get(account);
    if (hit) return hit;
    const r = await http('POST', '/api/auth/dev', { body: { account } });
    if (r.status !== 200) throw new Error(`demo login ${account} failed: ${r.status} ${JSON.stringify(r.body)}`);
    tokens.set(account, r.body as LoginResponse);
    return r.body as LoginResponse;
  };

  return {
    app,
    ds,
    config,
    wechat,
    db,
    baseUrl,
    http,
    loginAs,
    close: async () => {
      await app.close();
      await wechat.stop();
      await db.drop();
    },
  };
}
