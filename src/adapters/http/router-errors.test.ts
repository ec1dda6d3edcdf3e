import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app.js';

// Issue #12 defect 9: errors the router raises before any route runs left in Fastify's own shape
// ({"error":"Bad Request","code":"FST_ERR_BAD_URL",…}) and without x-request-id.
describe('router-level errors keep the contract error shape', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.as('admin');
  });
  afterAll(async () => t?.close());

  const expectContractError = (res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, path: string) => {
    expect(res.statusCode).toBe(400);
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.json()).toEqual({ error: { code: 'VALIDATION', message: expect.any(String), fields: [expect.objectContaining({ path, message: expect.any(String), code: expect.any(String) })] } });
  };

  it('a path that is not valid percent-encoded UTF-8 is a 400 VALIDATION with x-request-id', async () => {
    const res = await t.app.inject({ url: '/api/tickets/%FF', headers: admin });
    expectContractError(res, 'url');
  });

  it('a path parameter over 100 characters is a 400 VALIDATION with x-request-id', async () => {
    const res = await t.app.inject({ url: `/api/tickets/${'a'.repeat(101)}`, headers: admin });
    expectContractError(res, 'params');
  });

  it('a given x-request-id is echoed on router errors too', async () => {
    const res = await t.app.inject({ url: '/api/tickets/%FF', headers: { ...admin, 'x-request-id': 'probe-42' } });
    expect(res.headers['x-request-id']).toBe('probe-42');
  });

  it('a 100-character parameter still reaches the route (404 from the route, not the router)', async () => {
    const res = await t.app.inject({ url: `/api/tickets/${'a'.repeat(100)}`, headers: admin });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});
