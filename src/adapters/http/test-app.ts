import type { LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../../config.js';
import { createAppContext, type AppContext } from '../../app.js';
import { fixedClock, type ManualClock } from '../../core/shared/clock.js';
import { seededRandom } from '../../core/shared/random.js';
import type { Role } from '../../core/users/roles.js';
import { closeTestDatabase, openTestDatabase } from '../db/test-databases.js';
import type { Dialect } from '../db/database.js';
import { buildServer } from './server.js';
import type { HttpApp } from './types.js';

export const TEST_PASSWORD = 'correct-horse-9';

export interface TestApp {
  ctx: AppContext;
  app: HttpApp;
  clock: ManualClock;
  /** Signs in (creating the user with that role if needed) and returns headers for later calls. */
  as(role: Role, opts?: { username?: string; team?: string }): Promise<Record<string, string>>;
  close(): Promise<void>;
}

/**
 * A real server on a real, empty database (SQLite in memory, or a fresh PostgreSQL schema), on a
 * fixed clock and a seeded Random: the core's ids and tokens come out the same on every run, so a
 * failure seen once is seen again.
 */
export async function createTestApp(opts: { dialect?: Dialect; env?: Record<string, string>; start?: number; seed?: number; logStream?: { write(msg: string): void } } = {}): Promise<TestApp> {
  const clock = fixedClock(opts.start ?? Date.parse('2026-03-02T09:00:00+08:00'));
  const database = await openTestDatabase(opts.dialect ?? 'sqlite');
  const config = loadConfig({ KEFU_DATA_DIR: '/tmp/kefu-test-unused', LOG_LEVEL: 'silent', ...opts.env });
  const ctx = await createAppContext(config, { clock, random: seededRandom(opts.seed ?? 1), database });
  // Silent unless a test reads the log (then at LOG_LEVEL from `env`).
  const app = await buildServer(ctx, opts.logStream ? { logStream: opts.logStream } : { logger: false });
  await app.ready();
  const sessions = new Map<string, Record<string, string>>();
  return {
    ctx,
    app,
    clock,
    async as(role, o = {}) {
      const username = o.username ?? `t-${role}`;
      const cached = sessions.get(username);
      if (cached) return cached;
      if (!(await ctx.users.list()).some((u) => u.username === username)) {
        await ctx.users.createUser({ username, password: TEST_PASSWORD, role, team: o.team ?? null });
      }
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
      const headers = sessionHeaders(res);
      sessions.set(username, headers);
      return headers;
    },
    async close() {
      await app.close();
      ctx.eventLog.stop();
      await ctx.jobs.stop();
      await closeTestDatabase(database);
    },
  };
}

/** Cookie + CSRF headers from a login response, as a browser would send them. */
export function sessionHeaders(loginResponse: LightMyRequestResponse): Record<string, string> {
  const cookies = loginResponse.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = (loginResponse.json() as { csrfToken: string }).csrfToken;
  return { cookie: cookies, 'x-csrf-token': csrf };
}
