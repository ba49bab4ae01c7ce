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
