import { loadConfig } from '../../server/src/config';

const PROD_SECRETS = {
  NODE_ENV: 'production',
  WECHAT_APPID: 'wx0123456789abcdef',
  WECHAT_SECRET: 'real-secret',
  CLOUD_SHARED_SECRET: 'a-real-shared-secret-of-32-chars!',
  MONGODB_URI: 'mongodb://db.internal:27017/vc',
  WECHAT_PUSH_TOKEN: 'push-token-from-the-console',
  PUBLIC_BASE_URL: 'https://counsel.example.gov.cn',
};

describe('loadConfig', () => {
  it('defaults: development on 127.0.0.1:3000, a week-long session, demo data seeded', () => {
    const config = loadConfig({});
    expect(config.env).toBe('development');
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.mongodbUri).toBeUndefined();
    expect(config.dataDir).toBe('.data/db');
    expect(config.sessionTtlMs).toBe(7 * 24 * 3600 * 1000);
    expect(config.wechat.apiBase).toBe('https://api.weixin.qq.com');
    expect(config.wechat.qrPage).toBe('pages/bind/index');
    expect(config.cloudSharedSecret.length).toBeGreaterThanOrEqual(16);
    expect(config.seedDemo).toBe(true);
    expect(config.h5Dir).toBeUndefined();
  });

  it('reads the environment values', () => {
    const config = loadConfig({ NODE_ENV: 'test', PORT: '8080', HOST: '0.0.0.0', SESSION_TTL_HOURS: '2', SEED_DEMO: '0' });
    expect(config.env).toBe('test');
    expect(config.port).toBe(8080);
    expect(config.host).toBe('0.0.0.0');
    expect(config.sessionTtlMs).toBe(2 * 3600 * 1000);
    expect(config.seedDemo).toBe(false);
  });

  it('PORT 0 (any free port) is accepted', () => {
    expect(loadConfig({ PORT: '0' }).port).toBe(0);
  });

  it.each(['abc', '70000', '-1', '3000.5'])('refuses PORT=%s with a message naming PORT', (port) => {
    expect(() => loadConfig({ PORT: port })).toThrow(/PORT/);
  });

  it('refuses a short CLOUD_SHARED_SECRET, an unknown NODE_ENV and a bad URL, naming them', () => {
    expect(() => loadConfig({ CLOUD_SHARED_SECRET: 'short' })).toThrow(/CLOUD_SHARED_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'staging' })).toThrow(/NODE_ENV/);
    expect(() => loadConfig({ MONGODB_URI: 'not a url' })).toThrow(/MONGODB_URI/);
    expect(() => loadConfig({ SESSION_TTL_HOURS: '0' })).toThrow(/SESSION_TTL_HOURS/);
  });

  it('production requires every secret, naming the missing ones', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /WECHAT_APPID.*WECHAT_SECRET.*CLOUD_SHARED_SECRET.*MONGODB_URI.*WECHAT_PUSH_TOKEN.*PUBLIC_BASE_URL/s,
    );
    const keys = [
      'WECHAT_APPID',
      'WECHAT_SECRET',
      'CLOUD_SHARED_SECRET',
      'MONGODB_URI',
      'WECHAT_PUSH_TOKEN',
      'PUBLIC_BASE_URL',
    ] as const;
    for (const key of keys) {
      const env: Record<string, string> = { ...PROD_SECRETS };
      delete env[key];
      expect(() => loadConfig(env)).toThrow(new RegExp(`production requires: ${key}$`));
    }
  });

  it('production with every secret set: no demo data unless asked for', () => {
    const config = loadConfig(PROD_SECRETS);
    expect(config.env).toBe('production');
    expect(config.seedDemo).toBe(false);
    expect(config.cloudSharedSecret).toBe(PROD_SECRETS.CLOUD_SHARED_SECRET);
    expect(config.mongodbUri).toBe(PROD_SECRETS.MONGODB_URI);
    expect(loadConfig({ ...PROD_SECRETS, SEED_DEMO: '1' }).seedDemo).toBe(true);
  });
});
