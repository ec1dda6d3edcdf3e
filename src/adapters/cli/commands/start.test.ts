import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function answers(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

describe('npm start', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  // An operator (or systemd, or a container runtime) stops `npm start` with SIGTERM and expects
  // the server gone: before, npm's shell died and left node serving on the port as an orphan.
  it('stops the server when npm itself gets SIGTERM, and says the first admin was created', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kefu-start-'));
    dirs.push(dataDir);
    const port = await freePort();
    const npm = spawn('npm', ['start', '--silent', '--', '--no-build', '--port', String(port)], {
      cwd: root,
      env: { ...process.env, KEFU_DATA_DIR: dataDir, KEFU_ADMIN_PASSWORD: 'Kefu-start-test-2026', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      npm.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('Kefu 已启动')) resolve();
      });
      npm.once('exit', (code) => reject(new Error(`npm start exited early (${code}): ${stderr}`)));
    });
    expect(stderr).toContain('已创建管理员账号 admin，密码为 KEFU_ADMIN_PASSWORD 的值');
    expect(stderr).not.toContain('Kefu-start-test-2026');
    expect(await answers(port)).toBe(true);

    const exited = new Promise<void>((resolve) => npm.once('exit', () => resolve()));
    npm.kill('SIGTERM');
    await exited;
    // Give the server's own graceful close a moment, then nothing may answer on the port.
    let stillServing = true;
    for (let i = 0; i < 20 && stillServing; i++) {
      await new Promise((r) => setTimeout(r, 250));
      stillServing = await answers(port);
    }
    expect(stillServing).toBe(false);
  }, 60_000);
});
