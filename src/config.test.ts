import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, configDefaults, loadConfig } from './config.js';
import { defaultTimeZone } from './core/calendar/calendar.js';

function errorOf(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env, '/srv/kefu');
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('works with nothing set, from the defaults written once', () => {
    const c = loadConfig({}, '/srv/kefu');
    expect(c.port).toBe(configDefaults.port);
    expect(c.timeZone).toBe('Asia/Shanghai');
    expect(c.dataDir).toBe(path.resolve('/srv/kefu', configDefaults.dataDir));
    expect(c.databaseUrl).toBeUndefined();
    expect(c.sessionTtlMs).toBe(12 * 3600_000);
    // The core's calendars fall back to their own default zone; it must be the centre's default.
    expect(configDefaults.timeZone).toBe(defaultTimeZone);
  });

  it('names the variable and quotes an ordinary bad value', () => {
    expect(errorOf({ PORT: 'abc' })).toMatch(/PORT: must be a whole number \(got "abc"\)/);
  });

  it('never prints the admin password it rejects, only its length', () => {
    const message = errorOf({ KEFU_ADMIN_PASSWORD: 'short' });
    expect(message).toMatch(/KEFU_ADMIN_PASSWORD: must be at least 8 characters \(got 5 characters, not shown\)/);
    expect(message).not.toContain('short');
  });

  it('masks the password of a rejected database URL', () => {
    const message = errorOf({ DATABASE_URL: 'mysql://kefu:s3cret-pw@db.example/kefu' });
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('mysql://kefu:***@db.example/kefu');
    expect(message).not.toContain('s3cret-pw');
    expect(errorOf({ DATABASE_URL: 'kefu:s3cret-pw@db.example' })).not.toContain('s3cret-pw');
  });

  it('KEFU_TRUST_PROXY: off by default; true, a hop count or the proxies\' addresses; anything else is refused by name', () => {
    expect(loadConfig({}, '/srv/kefu').trustProxy).toBe(false);
    expect(loadConfig({ KEFU_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }, '/srv/kefu').trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8']);
    expect(loadConfig({ KEFU_TRUST_PROXY: '1' }, '/srv/kefu').trustProxy).toBe(1);
    expect(loadConfig({ KEFU_TRUST_PROXY: 'true' }, '/srv/kefu').trustProxy).toBe(true);
    expect(errorOf({ KEFU_TRUST_PROXY: 'nginx please' })).toContain('KEFU_TRUST_PROXY');
    const listen = errorOf({ KEFU_LISTEN_DATABASE_URL: 'mysql://kefu:s3cret-pw@db/kefu' });
    expect(listen).toContain('KEFU_LISTEN_DATABASE_URL');
    expect(listen).not.toContain('s3cret-pw');
  });

  it('KEFU_RECORDINGS_URL: unset by default; an http(s) base ends with a slash; anything else is refused by name, a password never shown', () => {
    expect(loadConfig({}, '/srv/kefu').recordingsUrl).toBeUndefined();
    expect(loadConfig({ KEFU_RECORDINGS_URL: 'https://pbx.example.cn/monitor' }, '/srv/kefu').recordingsUrl).toBe('https://pbx.example.cn/monitor/');
    expect(errorOf({ KEFU_RECORDINGS_URL: '/var/spool/asterisk/monitor' })).toContain('KEFU_RECORDINGS_URL: must be an http(s) URL');
    const withPassword = errorOf({ KEFU_RECORDINGS_URL: 'https://rec:s3cret-pw@pbx.example.cn/monitor/' });
    expect(withPassword).toContain('KEFU_RECORDINGS_URL');
    expect(withPassword).not.toContain('s3cret-pw');
  });
});
