import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app.js';

// Issue #12 defect 13: no security headers on `/` or `/api`.
describe('security headers', () => {
  let t: TestApp;
  afterEach(async () => t?.close());

  const expectHeaders = (headers: Record<string, unknown>, where: string) => {
    const csp = String(headers['content-security-policy'] ?? '');
    expect(csp, where).toContain("default-src 'self'");
    expect(csp, where).toContain("script-src 'self'");
    expect(csp, where).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp, where).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options'], where).toBe('nosniff');
    expect(headers['x-frame-options'], where).toBe('DENY');
    expect(headers['referrer-policy'], where).toBe('same-origin');
  };

  it('on the web app, on API answers, on errors and on the API docs', async () => {
    t = await createTestApp();
    const admin = await t.as('admin');
    for (const [url, headers] of [
      ['/', {}],
      ['/tickets/deep-link', {}],
      ['/api/health', {}],
      ['/api/users', admin],
      ['/api/users', {}], // 401
      ['/api/nothing-here', {}], // 404
      ['/api/docs/', {}],
    ] as const) {
      const res = await t.app.inject({ url, headers });
      expectHeaders(res.headers, `${url} → ${res.statusCode}`);
    }
    const bad = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'a\u0000b', password: 'x' } });
    expectHeaders(bad.headers, 'a 400 from the string guard');
  });

  it('no HSTS or upgrade-insecure-requests on plain HTTP; both behind HTTPS (KEFU_SECURE_COOKIES)', async () => {
    t = await createTestApp();
    let res = await t.app.inject({ url: '/api/health' });
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(String(res.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');
    await t.close();
    t = await createTestApp({ env: { KEFU_SECURE_COOKIES: 'true' } });
    res = await t.app.inject({ url: '/api/health' });
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
  });
});
