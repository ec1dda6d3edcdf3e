import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../test-io.js';
import { loadConfig } from '../../../config.js';
import { createAppContext } from '../../../app.js';
import { buildServer } from '../../http/server.js';

const dirs: string[] = [];
function tempDataDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-cli-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('kefu CLI foundation', () => {
  it('--help lists the commands and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['start', 'user', 'db']) expect(r.stdout).toContain(c);
    const sub = await runCli(['user', 'add', '--help']);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toContain('--role');
  });

  it('an unknown command or a missing argument is a usage error (exit 2)', async () => {
    expect((await runCli(['frobnicate'])).code).toBe(2);
    expect((await runCli(['user', 'add'])).code).toBe(2);
    const badRole = await runCli(['user', 'add', 'ana', '--role', 'boss'], { stdin: 'long-enough-1\n' });
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toMatch(/agent, supervisor/);
  });

  it('user add reads the password from stdin; the user can sign in and is refused admin routes', async () => {
    const dataDir = tempDataDir();
    const env = { KEFU_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    const r = await runCli(['user', 'add', 'ana', '--role', 'agent', '--display-name', '安娜'], { stdin: 'ana-password-1\n', env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('created ana (agent');
    const list = await runCli(['user', 'list', '--format', 'json'], { env });
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ username: 'ana', role: 'agent', displayName: '安娜' })]);

    const ctx = await createAppContext(loadConfig(env));
    const app = await buildServer(ctx, { logger: false });
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ana', password: 'ana-password-1' } });
      expect(login.statusCode).toBe(200);
      const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const res = await app.inject({ method: 'POST', url: '/api/users', headers: { cookie, 'x-csrf-token': login.json().csrfToken }, payload: { username: 'x1', password: 'long-enough-1', role: 'agent' } });
      expect(res.statusCode).toBe(403);
    } finally {
      await app.close();
      await ctx.close();
    }
  });

  it('a duplicate user or a short password is bad input (exit 1) with the reason', async () => {
    const env = { KEFU_DATA_DIR: tempDataDir() };
    await runCli(['user', 'add', 'ana', '--role', 'agent'], { stdin: 'ana-password-1\n', env });
    const dup = await runCli(['user', 'add', 'ana', '--role', 'agent'], { stdin: 'ana-password-1\n', env });
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/already exists/);
    const short = await runCli(['user', 'add', 'bob', '--role', 'agent'], { stdin: 'short\n', env });
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/password: .*at least 8/);
  });

  it('user token prints a token that works as Bearer', async () => {
    const env = { KEFU_DATA_DIR: tempDataDir(), LOG_LEVEL: 'silent' };
    await runCli(['user', 'add', 'pbx', '--role', 'admin'], { stdin: 'pbx-password-1\n', env });
    const tok = await runCli(['user', 'token', 'pbx'], { env });
    expect(tok.code).toBe(0);
    const token = tok.stdout.trim();
    expect(token).toMatch(/^kefu_/);
    const ctx = await createAppContext(loadConfig(env));
    const app = await buildServer(ctx, { logger: false });
    try {
      expect((await app.inject({ url: '/api/users', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
    } finally {
      await app.close();
      await ctx.close();
    }
  });

  it('a bad configuration value stops with a message naming the variable', async () => {
    const r = await runCli(['db', 'migrate'], { env: { PORT: 'abc', KEFU_DATA_DIR: tempDataDir() } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/PORT: must be a whole number/);
    const tz = await runCli(['db', 'migrate'], { env: { KEFU_TZ: 'Mars/Olympus', KEFU_DATA_DIR: tempDataDir() } });
    expect(tz.stderr).toMatch(/KEFU_TZ: is not an IANA time zone/);
  });

  it('an unreachable database at start is a clear message, not a stack trace', async () => {
    const r = await runCli(['user', 'list'], { env: { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Cannot reach the database at postgres:\/\/nobody@127\.0\.0\.1:1\/none/);
  });

  it('db migrate reports the schema up to date on a second run', async () => {
    const env = { KEFU_DATA_DIR: tempDataDir() };
    expect((await runCli(['db', 'migrate'], { env })).stdout).toMatch(/applied: 001-foundation/);
    expect((await runCli(['db', 'migrate'], { env })).stdout).toMatch(/up to date/);
  });
});
