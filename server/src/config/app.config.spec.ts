import { ConfigError, DEFAULT_JWT_SECRET, loadConfig } from './app.config';

describe('loadConfig', () => {
  it('gives a working development default with the embedded database and dev login on', () => {
    const c = loadConfig({});
    expect(c.env).toBe('development');
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeNull();
    expect(c.devLogin).toBe(true);
    expect(c.embeddedDbFile).toMatch(/data[/\\]xjy\.sqlite$/);
  });

  it('refuses the default JWT secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
  });

  it('refuses dev login in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), DEV_LOGIN: 'true' })).toThrow(/DEV_LOGIN/);
  });

  it('turns dev login off by default in production', () => {
    const c = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'k'.repeat(40) });
    expect(c.devLogin).toBe(false);
    expect(c.jwtSecret).not.toBe(DEFAULT_JWT_SECRET);
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'postgres://x/y', WECHAT_APPID: 'wx1' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/DATABASE_URL/);
      expect(problems).toMatch(/WECHAT_APPID and WECHAT_SECRET/);
    }
  });
});

describe('loadConfig for reports and photos', () => {
  it('keeps photos on disk unless every S3 setting is given', () => {
    expect(loadConfig({}).s3).toBeNull();
    expect(() => loadConfig({ S3_ENDPOINT: 'http://127.0.0.1:9000', S3_BUCKET: 'b' })).toThrow(/S3_ACCESS_KEY_ID/);
    const c = loadConfig({ S3_ENDPOINT: 'http://127.0.0.1:9000/', S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' });
    expect(c.s3).toEqual({ endpoint: 'http://127.0.0.1:9000', bucket: 'b', region: 'us-east-1', accessKeyId: 'k', secretAccessKey: 's', sessionToken: null, forcePathStyle: false, maxAttempts: 3 });
    const sts = loadConfig({ S3_ENDPOINT: 'http://127.0.0.1:9000', S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's', S3_SESSION_TOKEN: 't', S3_FORCE_PATH_STYLE: 'true', S3_MAX_ATTEMPTS: '5' });
    expect(sts.s3).toMatchObject({ sessionToken: 't', forcePathStyle: true, maxAttempts: 5 });
    expect(() => loadConfig({ S3_ENDPOINT: 'http://127.0.0.1:9000', S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's', S3_FORCE_PATH_STYLE: 'maybe' })).toThrow(/S3_FORCE_PATH_STYLE/);
  });

  it('reads the daily cap on report points, 30 by default, refusing a negative one', () => {
    expect(loadConfig({}).reportPointsDailyCap).toBe(30);
    expect(loadConfig({ REPORT_POINTS_DAILY_CAP: '50' }).reportPointsDailyCap).toBe(50);
    expect(() => loadConfig({ REPORT_POINTS_DAILY_CAP: '-1' })).toThrow(/REPORT_POINTS_DAILY_CAP/);
  });

  it('refuses a PUBLIC_BASE_URL that is not http(s)', () => {
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'ftp://x' })).toThrow(/PUBLIC_BASE_URL/);
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://xjy.example.cn/' }).publicBaseUrl).toBe('https://xjy.example.cn');
  });
});

describe('loadConfig fails closed when the server is reachable', () => {
  const STRONG = 'k'.repeat(40);

  it('listens on loopback by default outside production, and on every interface in production', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'test' }).host).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG }).host).toBe('0.0.0.0');
  });

  it('refuses a reachable HOST with the public default or a short JWT secret, saying what to set', () => {
    for (const HOST of ['0.0.0.0', '::', '192.168.1.20']) {
      expect(() => loadConfig({ HOST })).toThrow(/JWT_SECRET must be set .*reachable.*openssl rand -hex 32.*HOST=127.0.0.1/);
      expect(() => loadConfig({ HOST, JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
    }
    expect(() => loadConfig({ HOST: '0.0.0.0', JWT_SECRET: DEFAULT_JWT_SECRET })).toThrow(/JWT_SECRET/);
  });

  it('turns demo login off by default on a reachable host and refuses it when asked for', () => {
    expect(loadConfig({ HOST: '0.0.0.0', JWT_SECRET: STRONG }).devLogin).toBe(false);
    expect(() => loadConfig({ HOST: '0.0.0.0', JWT_SECRET: STRONG, DEV_LOGIN: 'true' })).toThrow(/DEV_LOGIN must be off .*DEV_LOGIN=false/);
    expect(loadConfig({ HOST: '127.0.0.1' }).devLogin).toBe(true);
    expect(loadConfig({ HOST: 'localhost' }).devLogin).toBe(true);
    expect(loadConfig({ HOST: '::1' }).devLogin).toBe(true);
  });

  it('never seeds the demo accounts in production or on a reachable host', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG, SEED_DEMO: '1' })).toThrow(/SEED_DEMO must be off in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG, HOST: '127.0.0.1', SEED_DEMO: 'true' })).toThrow(/SEED_DEMO/);
    expect(() => loadConfig({ HOST: '0.0.0.0', JWT_SECRET: STRONG, SEED_DEMO: '1' })).toThrow(/SEED_DEMO must be off when HOST/);
    expect(loadConfig({ SEED_DEMO: '1' }).seedDemo).toBe(true);
    expect(loadConfig({}).seedDemo).toBe(false);
  });

  it('accepts a reachable host that is configured properly', () => {
    const c = loadConfig({ HOST: '0.0.0.0', JWT_SECRET: STRONG });
    expect(c).toMatchObject({ host: '0.0.0.0', devLogin: false, seedDemo: false });
  });
});

describe('loadConfig for proxies and the public origin', () => {
  it('trusts no proxy by default; TRUST_PROXY is a hop count or a list of proxy addresses', () => {
    expect(loadConfig({}).trustProxy).toBe(0);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1,fd00::/8,loopback' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8', 'loopback']);
    for (const bad of ['true', 'abc', '10.0.0.0/33', '10.0.0.1/8/1', '999.1.1.1', '11', '-1']) expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY/);
  });

  it('refuses WeChat content checks without PUBLIC_BASE_URL, never falling back to the request Host', () => {
    expect(() => loadConfig({ WECHAT_APPID: 'wx1', WECHAT_SECRET: 's' })).toThrow(/PUBLIC_BASE_URL must be set when WECHAT_APPID is set/);
    expect(loadConfig({ WECHAT_APPID: 'wx1', WECHAT_SECRET: 's', PUBLIC_BASE_URL: 'https://xjy.example.cn' }).publicBaseUrl).toBe('https://xjy.example.cn');
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'https://xjy.example.cn/?x=1' })).toThrow(/PUBLIC_BASE_URL/);
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://example.cn/xjy/' }).publicBaseUrl).toBe('https://example.cn/xjy');
  });
});

describe('loadConfig for the H5 content security policy', () => {
  it('allows Amap tiles by default and takes other tile origins from MAP_TILE_HOSTS', () => {
    expect(loadConfig({}).mapTileHosts).toEqual(['https://*.is.autonavi.com']);
    expect(loadConfig({ MAP_TILE_HOSTS: 'https://tiles.example.cn/, http://10.0.0.5:8080' }).mapTileHosts).toEqual(['https://tiles.example.cn', 'http://10.0.0.5:8080']);
    for (const bad of ["'unsafe-inline'", 'https://x.cn/path', 'javascript:alert(1)', 'https://a.cn; script-src *']) expect(() => loadConfig({ MAP_TILE_HOSTS: bad })).toThrow(/MAP_TILE_HOSTS/);
  });
});

describe('loadConfig messages', () => {
  it('does not suggest a loopback HOST as the way out in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'k'.repeat(40), SEED_DEMO: '1' })).toThrow(/unset SEED_DEMO$/m);
    expect(() => loadConfig({ NODE_ENV: 'production' })).not.toThrow(/HOST=127/);
  });
});
