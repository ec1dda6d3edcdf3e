import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-app.js';
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import { installAccessControl, registeredRoutes } from '../access.js';

// Walks every registered /api route as anonymous, agent and admin, with placeholder ids and an
// empty body. Anonymous must get 401 unless the route is public; an agent must get 403 where the
// route excludes agents; an admin is never refused (whatever else the placeholder input causes).
describe('every route declares and enforces its roles', () => {
  let t: TestApp;
  let agent: Record<string, string>;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    agent = await t.as('agent');
    admin = await t.as('admin');
  });
  afterAll(async () => t.close());

  const fill = (url: string) => url.replace(/:(\w+)/g, 'x-placeholder').replace(/\*$/, 'index.html');

  it('has routes to walk, each with a declared access', () => {
    const routes = registeredRoutes(t.app);
    expect(routes.length).toBeGreaterThan(5);
    for (const r of routes) expect(r.access, `${r.method} ${r.url}`).toBeDefined();
  });

  it('anonymous: 401 everywhere but public routes', async () => {
    for (const r of registeredRoutes(t.app)) {
      const res = await t.app.inject({ method: r.method as 'GET', url: fill(r.url), payload: r.method === 'GET' ? undefined : {} });
      if (r.access === 'public') expect(res.statusCode, `${r.method} ${r.url}`).not.toBe(401);
      else expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('agent: 403 on routes not open to agents, never 401', async () => {
    for (const r of registeredRoutes(t.app)) {
      if (r.url === '/api/auth/logout') continue; // would end the session the walk is using
      const res = await t.app.inject({ method: r.method as 'GET', url: fill(r.url), headers: agent, payload: r.method === 'GET' ? undefined : {} });
      const allowed = r.access === 'public' || r.access === 'authenticated' || (Array.isArray(r.access) && r.access.includes('agent'));
      if (allowed) expect([401, 403], `${r.method} ${r.url} → ${res.statusCode} ${res.body}`).not.toContain(res.statusCode);
      else expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
    }
  });

  it('admin: never 401 or 403', async () => {
    for (const r of registeredRoutes(t.app)) {
      if (r.url === '/api/auth/logout') continue;
      const res = await t.app.inject({ method: r.method as 'GET', url: fill(r.url), headers: admin, payload: r.method === 'GET' ? undefined : {} });
      expect([401, 403], `${r.method} ${r.url} → ${res.statusCode} ${res.body}`).not.toContain(res.statusCode);
      expect(res.statusCode, `${r.method} ${r.url} → ${res.body}`).toBeLessThan(500);
    }
  });

  it('a route registered without access fails at start-up', async () => {
    const bare = Fastify();
    await bare.register(cookie);
    installAccessControl(bare, t.ctx.users);
    expect(() => bare.get('/api/forgotten', async () => ({}))).toThrow(/declares no access/);
    await bare.close();
  });
});
