import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../test-io.js';
import { loadConfig } from '../../../config.js';
import { createAppContext } from '../../../app.js';
import { buildServer } from '../../http/server.js';

// Issue #12 defects 10 and 12 at the command line: tokens listed and revoked one by one, a password
// change that says what happens to the tokens, weak passwords refused.
const dirs: string[] = [];
function tempEnv(): Record<string, string> {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-cli-tok-'));
  dirs.push(d);
  return { KEFU_DATA_DIR: d, LOG_LEVEL: 'silent' };
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function statusWith(env: Record<string, string>, token: string): Promise<number> {
  const ctx = await createAppContext(loadConfig(env));
  const app = await buildServer(ctx, { logger: false });
  try {
    return (await app.inject({ url: '/api/users', headers: { authorization: `Bearer ${token}` } })).statusCode;
  } finally {
    await app.close();
    await ctx.close();
  }
}

describe('kefu user tokens, revoke-token and passwd', () => {
  it('lists tokens without secrets and revokes one by its id', async () => {
    const env = tempEnv();
    await runCli(['user', 'add', 'pbx', '--role', 'admin'], { stdin: 'pbx-password-1\n', env });
    const a = (await runCli(['user', 'token', 'pbx', '--label', 'asterisk'], { env })).stdout.trim();
    const b = (await runCli(['user', 'token', 'pbx', '--label', 'backup'], { env })).stdout.trim();
    const list = await runCli(['user', 'tokens', 'pbx', '--format', 'json'], { env });
    expect(list.code).toBe(0);
    const items = JSON.parse(list.stdout) as Array<{ id: string; name: string; revokedAt: number | null }>;
    expect(items.map((i) => i.name).sort()).toEqual(['asterisk', 'backup']);
    expect(list.stdout).not.toContain(a.slice(5));
    const table = await runCli(['user', 'tokens', 'pbx'], { env });
    expect(table.stdout).toMatch(/ID\s+NAME\s+CREATED\s+LAST USED\s+REVOKED/);
    expect(table.stdout).toContain('asterisk');

    const id = items.find((i) => i.name === 'asterisk')!.id;
    const revoke = await runCli(['user', 'revoke-token', 'pbx', id], { env });
    expect(revoke.code).toBe(0);
    expect(revoke.stdout).toContain(id);
    expect(await statusWith(env, a)).toBe(401);
    expect(await statusWith(env, b)).toBe(200);
    const again = await runCli(['user', 'revoke-token', 'pbx', id], { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not found/);
  });

  it('passwd --keep-tokens keeps them; passwd --revoke-tokens revokes them', async () => {
    const env = tempEnv();
    await runCli(['user', 'add', 'pbx', '--role', 'admin'], { stdin: 'pbx-password-1\n', env });
    const token = (await runCli(['user', 'token', 'pbx'], { env })).stdout.trim();
    const keep = await runCli(['user', 'passwd', 'pbx', '--keep-tokens'], { stdin: 'pbx-password-2\n', env });
    expect(keep.code).toBe(0);
    expect(keep.stdout).toMatch(/API tokens kept/);
    expect(await statusWith(env, token)).toBe(200);
    const revoke = await runCli(['user', 'passwd', 'pbx', '--revoke-tokens'], { stdin: 'pbx-password-3\n', env });
    expect(revoke.code).toBe(0);
    expect(revoke.stdout).toMatch(/1 API token\(s\) revoked/);
    expect(await statusWith(env, token)).toBe(401);
    expect((await runCli(['user', 'passwd', 'pbx', '--keep-tokens', '--revoke-tokens'], { stdin: 'pbx-password-4\n', env })).code).toBe(2);
  });

  it('passwd without a flag and without a terminal revokes the tokens and says so', async () => {
    const env = tempEnv();
    await runCli(['user', 'add', 'pbx', '--role', 'admin'], { stdin: 'pbx-password-1\n', env });
    const token = (await runCli(['user', 'token', 'pbx'], { env })).stdout.trim();
    const r = await runCli(['user', 'passwd', 'pbx'], { stdin: 'pbx-password-2\n', env });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/--keep-tokens/);
    expect(r.stdout).toMatch(/1 API token\(s\) revoked/);
    expect(await statusWith(env, token)).toBe(401);
  });

  it('a common password is refused by add and passwd (exit 1, naming the field)', async () => {
    const env = tempEnv();
    const add = await runCli(['user', 'add', 'ana', '--role', 'agent'], { stdin: 'password\n', env });
    expect(add.code).toBe(1);
    expect(add.stderr).toMatch(/password: .*common/);
    await runCli(['user', 'add', 'ana', '--role', 'agent'], { stdin: 'ana-password-1\n', env });
    const pw = await runCli(['user', 'passwd', 'ana', '--keep-tokens'], { stdin: '12345678\n', env });
    expect(pw.code).toBe(1);
    expect(pw.stderr).toMatch(/password: .*common/);
  });
});
