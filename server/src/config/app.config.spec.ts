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
