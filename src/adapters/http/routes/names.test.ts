import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../test-app.js';

let t: TestApp;
afterEach(async () => t?.close());

describe('GET /api/names', () => {
  it('gives every signed-in role the staff by display name and the queues by the pack’s names; nobody signed out', async () => {
    t = await createTestApp({ dialect: 'sqlite' });
    await t.ctx.users.createUser({ username: 'zhou', password: TEST_PASSWORD, role: 'agent', displayName: '小周', team: null });
    const agent = await t.as('agent', { username: 'zhou' });
    const res = await t.app.inject({ url: '/api/names', headers: agent });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().people.zhou).toBe('小周');
    expect(typeof res.json().queues).toBe('object');
    expect((await t.app.inject({ url: '/api/names' })).statusCode).toBe(401);
  });
});
