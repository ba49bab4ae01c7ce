import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { parseEncodingAesKey } from '../modules/media/wechat-push-crypto';

/** Everything the server reads from its environment, typed, checked once at boot. */
export interface AppConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  /**
   * Which proxies may tell us the client address (X-Forwarded-For): a hop count (0 = none, the socket address is
   * the client) or the proxies' own addresses/CIDRs. Handed to Fastify's trustProxy.
   */
  trustProxy: number | string[];
  /** Origins the H5 map loads tiles from, allowed in the CSP's img-src (MAP_TILE_HOSTS; match TARO_APP_TILE_URL). */
  mapTileHosts: string[];
  /** Seed the demo cities and accounts at start (SEED_DEMO); never in production or on a reachable host. */
  seedDemo: boolean;
  /** Run migrations (under the migration lock) at start; off in production, where `npm run db:migrate` does it. */
  migrateOnStart: boolean;
  port: number;
  /** mysql://user:pass@host:port/db, or null for the embedded database file. */
  databaseUrl: string | null;
  dataDir: string;
  /** Embedded database file; ':memory:' is allowed in tests. */
  embeddedDbFile: string;
  jwtSecret: string;
  tokenTtlSeconds: number;
  devLogin: boolean;
  wechat: { appId: string | null; appSecret: string | null; apiBase: string };
  rateLimit: { loginPerMinute: number; writePerMinute: number; checkInPerMinute: number };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  h5Dir: string;
  mediaDir: string;
  /** Connection pool size for MySQL. */
  dbPoolSize: number;
  /** S3-compatible object storage for photos; null keeps them in mediaDir. */
  s3: S3Config | null;
  /**
   * Public origin for absolute photo links and the URL WeChat fetches for mediaCheckAsync. Never taken from the
   * request (Host / X-Forwarded-Host are the client's to choose); null gives relative links and, with WeChat
   * configured, refuses to start.
   */
  publicBaseUrl: string | null;
  /** Most report points one user may earn per day (Asia/Shanghai). */
  reportPointsDailyCap: number;
  /** Most volunteer check-in points one user may earn per China-time day. */
  volunteerPointsDailyCap: number;
  /** Subscribe-message template for report status changes, and the message-push token WeChat signs callbacks with. */
  wechatReportTemplateId: string | null;
  wechatPushToken: string | null;
  /** Redis shared by all instances (revocation bus, rate limits, station updates); null: one instance, in process. */
  redisUrl: string | null;
  /** Prefix of every Redis key and channel this deployment uses, so two deployments (or test runs) can share one Redis. */
  redisPrefix: string;
  /**
   * Seconds a stopping instance (SIGTERM) keeps serving with readiness at 503, so the proxy or platform stops
   * sending it work, before it closes its listener and waits for in-flight requests (0 in tests).
   */
  shutdownGraceS: number;
  /** Bearer token Prometheus sends to /api/metrics; null answers only scrapers on this machine. */
  metricsToken: string | null;
  /** Seconds an Open311 requests list answer is served from memory (OPEN311_CACHE_S; 0: every request reads the database). */
  open311CacheS: number;
  /** Safe mode of the message push: the 32-byte AES key from WECHAT_PUSH_AES_KEY (EncodingAESKey); null is plain mode. */
  wechatPushAesKey: Buffer | null;
}

export const DEFAULT_JWT_SECRET = 'dev-only-insecure-jwt-secret-change-me';
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/** True for addresses only this machine can reach; anything else (0.0.0.0, ::, a LAN address) is reachable. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '::ffff:127.0.0.1';
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** TRUST_PROXY: a hop count, or a comma list of proxy addresses / CIDRs (or proxy-addr's names such as loopback). */
function readTrustProxy(env: Env, problems: string[]): number | string[] {
  const raw = env.TRUST_PROXY?.trim();
  if (!raw) return 0;
  if (/^\d+$/.test(raw)) {
    const n = Number(raw);
    if (n > 10) problems.push(`TRUST_PROXY must be a hop count between 0 and 10 or a comma list of proxy IPs/CIDRs, got "${raw}"`);
    return Math.min(n, 10);
  }
  const entries = raw.split(',').map((e) => e.trim()).filter(Boolean);
  const bad = entries.filter((e) => {
    if (PROXY_NAMES.has(e)) return false;
    const [addr, prefix, extra] = e.split('/');
    const version = isIP(addr);
    if (!version || extra !== undefined) return true;
    if (prefix === undefined) return false;
    return !/^\d{1,3}$/.test(prefix) || Number(prefix) > (version === 4 ? 32 : 128);
  });
  if (bad.length || !entries.length) problems.push(`TRUST_PROXY must be a hop count or a comma list of proxy IPs/CIDRs; not understood: ${bad.join(', ') || raw}`);
  return entries;
}

/** Amap's road tiles (webrd01–04.is.autonavi.com), the H5 map's default base layer. */
export const DEFAULT_MAP_TILE_HOSTS = ['https://*.is.autonavi.com'];

function readTileHosts(env: Env, problems: string[]): string[] {
  const raw = env.MAP_TILE_HOSTS?.trim();
  if (!raw) return DEFAULT_MAP_TILE_HOSTS;
  const hosts = raw.split(',').map((h) => h.trim().replace(/\/+$/, '')).filter(Boolean);
  const bad = hosts.filter((h) => !/^https?:\/\/(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:\d{1,5})?$/.test(h));
  if (bad.length) problems.push(`MAP_TILE_HOSTS must be a comma list of origins such as https://tiles.example.cn or https://*.example.cn; not understood: ${bad.join(', ')}`);
  return hosts;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function int(env: Env, key: string, fallback: number, problems: string[], min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${key} must be an integer between ${min} and ${max}, got "${raw}"`);
    return fallback;
  }
  return n;
}

function bool(env: Env, key: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  problems.push(`${key} must be true or false, got "${raw}"`);
  return fallback;
}

export interface S3Config {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** STS temporary credentials (腾讯云/阿里云 临时密钥) come with a session token; null for long-lived keys. */
  sessionToken: string | null;
  /** false: virtual-hosted (https://bucket.host/key), which new COS buckets and OSS require; true: MinIO-style path. */
  forcePathStyle: boolean;
  /** Attempts per request, retried with the SDK's exponential backoff on throttling, 5xx and network errors. */
  maxAttempts: number;
}

/** S3_* all together or none; S3_REGION defaults to us-east-1. */
function readS3(env: Env, problems: string[]): AppConfig['s3'] {
  const keys = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;
  const set = keys.filter((k) => env[k]?.trim());
  if (!set.length) return null;
  if (set.length !== keys.length) {
    problems.push(`${keys.join(', ')} must be set together (missing ${keys.filter((k) => !set.includes(k)).join(', ')})`);
    return null;
  }
  const endpoint = env.S3_ENDPOINT!.trim().replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s]+$/.test(endpoint)) problems.push('S3_ENDPOINT must be an http(s) URL');
  return {
    endpoint,
    bucket: env.S3_BUCKET!.trim(),
    region: env.S3_REGION?.trim() || 'us-east-1',
    accessKeyId: env.S3_ACCESS_KEY_ID!.trim(),
    secretAccessKey: env.S3_SECRET_ACCESS_KEY!.trim(),
    sessionToken: env.S3_SESSION_TOKEN?.trim() || null,
    forcePathStyle: bool(env, 'S3_FORCE_PATH_STYLE', false, problems),
    maxAttempts: int(env, 'S3_MAX_ATTEMPTS', 3, problems, 1, 10),
  };
}

/** Reads and checks the configuration; throws ConfigError listing every problem at once. */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const rawEnv = env.NODE_ENV ?? 'development';
  if (!['development', 'production', 'test'].includes(rawEnv)) problems.push(`NODE_ENV must be development, production or test, got "${rawEnv}"`);
  const appEnv = (['development', 'production', 'test'].includes(rawEnv) ? rawEnv : 'development') as AppConfig['env'];
  const production = appEnv === 'production';

  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^mysql:\/\/[^/]+\/[A-Za-z0-9_$-]+(\?.*)?$/.test(databaseUrl)) {
    problems.push('DATABASE_URL must look like mysql://user:password@host:3306/database');
  }

  // Development defaults to loopback: the demo accounts and the public default secret must never be reachable
  // from another machine by accident (an unset NODE_ENV is development).
  const host = env.HOST?.trim() || (production ? '0.0.0.0' : '127.0.0.1');
  const reachable = !isLoopbackHost(host);
  const where = production ? 'in production' : `when HOST (${host}) is reachable from other machines`;
  const localHint = production ? '' : ', or set HOST=127.0.0.1 for a local demo';

  const jwtSecret = env.JWT_SECRET ?? DEFAULT_JWT_SECRET;
  if ((production || reachable) && (jwtSecret === DEFAULT_JWT_SECRET || jwtSecret.length < 32)) {
    problems.push(`JWT_SECRET must be set to a random value of at least 32 characters ${where} (e.g. JWT_SECRET=$(openssl rand -hex 32))${localHint}`);
  }
  const devLogin = bool(env, 'DEV_LOGIN', !production && !reachable, problems);
  if ((production || reachable) && devLogin) problems.push(`DEV_LOGIN must be off ${where}: unset it or set DEV_LOGIN=false${localHint}`);
  const seedDemo = bool(env, 'SEED_DEMO', false, problems);
  if ((production || reachable) && seedDemo) problems.push(`SEED_DEMO must be off ${where}: the demo accounts have published passwords; unset SEED_DEMO${localHint}`);

  const logLevel = (env.LOG_LEVEL ?? (appEnv === 'test' ? 'silent' : 'info')) as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const apiBase = (env.WECHAT_API_BASE ?? 'https://api.weixin.qq.com').replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s]+$/.test(apiBase)) problems.push('WECHAT_API_BASE must be an http(s) URL');
  const appId = env.WECHAT_APPID?.trim() || null;
  const appSecret = env.WECHAT_SECRET?.trim() || null;
  if (Boolean(appId) !== Boolean(appSecret)) problems.push('WECHAT_APPID and WECHAT_SECRET must be set together');

  const dataDir = resolve(env.DATA_DIR ?? resolve(REPO_ROOT, 'data'));
  const config: AppConfig = {
    env: appEnv,
    host,
    trustProxy: readTrustProxy(env, problems),
    mapTileHosts: readTileHosts(env, problems),
    seedDemo,
    migrateOnStart: bool(env, 'MIGRATE_ON_START', !production, problems),
    port: int(env, 'PORT', 3000, problems, 0, 65535),
    databaseUrl,
    dataDir,
    embeddedDbFile: env.EMBEDDED_DB_FILE ?? resolve(dataDir, 'xjy.sqlite'),
    jwtSecret,
    tokenTtlSeconds: int(env, 'TOKEN_TTL_SECONDS', 7 * 24 * 3600, problems, 60),
    devLogin,
    wechat: { appId, appSecret, apiBase },
    rateLimit: {
      loginPerMinute: int(env, 'RATE_LIMIT_LOGIN_PER_MIN', 20, problems, 1),
      writePerMinute: int(env, 'RATE_LIMIT_WRITE_PER_MIN', 120, problems, 1),
      checkInPerMinute: int(env, 'RATE_LIMIT_CHECKIN_PER_MIN', 10, problems, 1),
    },
    logLevel,
    h5Dir: resolve(env.H5_DIR ?? resolve(REPO_ROOT, 'miniapp', 'dist', 'h5')),
    mediaDir: resolve(env.MEDIA_DIR ?? resolve(dataDir, 'media')),
    dbPoolSize: int(env, 'DB_POOL_SIZE', 10, problems, 1, 200),
    s3: readS3(env, problems),
    publicBaseUrl: env.PUBLIC_BASE_URL?.trim().replace(/\/+$/, '') || null,
    reportPointsDailyCap: int(env, 'REPORT_POINTS_DAILY_CAP', 30, problems, 0, 100_000),
    volunteerPointsDailyCap: int(env, 'VOLUNTEER_POINTS_DAILY_CAP', 40, problems, 0, 100_000),
    wechatReportTemplateId: env.WECHAT_TMPL_REPORT_STATUS?.trim() || null,
    wechatPushToken: env.WECHAT_PUSH_TOKEN?.trim() || null,
    metricsToken: env.METRICS_TOKEN?.trim() || null,
    redisUrl: env.REDIS_URL?.trim() || null,
    redisPrefix: env.REDIS_PREFIX?.trim() || 'xjy:',
    shutdownGraceS: int(env, 'SHUTDOWN_GRACE_S', appEnv === 'test' ? 0 : 5, problems, 0, 300),
    open311CacheS: int(env, 'OPEN311_CACHE_S', 5, problems, 0, 60),
    wechatPushAesKey: null,
  };
  const aesKey = env.WECHAT_PUSH_AES_KEY?.trim();
  if (aesKey) {
    config.wechatPushAesKey = parseEncodingAesKey(aesKey);
    if (!config.wechatPushAesKey) problems.push('WECHAT_PUSH_AES_KEY must be the 43-character EncodingAESKey from the mini-program console');
    if (!config.wechatPushToken) problems.push('WECHAT_PUSH_AES_KEY needs WECHAT_PUSH_TOKEN as well');
  }
  if (config.publicBaseUrl && !/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(config.publicBaseUrl)) problems.push('PUBLIC_BASE_URL must be an http(s) URL such as https://xjy.example.cn (no query or fragment)');
  if (appId && !config.publicBaseUrl) {
    problems.push('PUBLIC_BASE_URL must be set when WECHAT_APPID is set: WeChat content checks fetch photos from it (e.g. PUBLIC_BASE_URL=https://xjy.example.cn)');
  }
  if (config.redisUrl && !/^rediss?:\/\/[^\s]+$/.test(config.redisUrl)) problems.push('REDIS_URL must look like redis://host:6379 (or rediss:// for TLS)');
  if (!/^[A-Za-z0-9:_.-]{1,64}$/.test(config.redisPrefix)) problems.push('REDIS_PREFIX may hold only letters, digits and : _ . - (at most 64)');
  if (problems.length) throw new ConfigError(problems);
  return config;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
