import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { otherServerPid, serverLockPath, takeServerLock } from './sqlite-server-lock.js';
import { runCli } from '../cli/test-io.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('SQLite mode is one server process', () => {
  it('a second `kefu start` on the same data directory refuses and says why; a stale lock of a dead server is taken over', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-lock-'));
    dirs.push(dir);
    // Another live server process holds the file.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)'], { stdio: 'ignore' });
    try {
      fs.writeFileSync(serverLockPath(dir), `${other.pid}\n`);
      expect(otherServerPid(dir)).toBe(other.pid);
      const r = await runCli(['start', '--no-build'], { env: { KEFU_DATA_DIR: dir, DATABASE_URL: '', LOG_LEVEL: 'silent', PORT: '0' } });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`another Kefu server (pid ${other.pid})`);
      expect(r.stderr).toContain('SQLite 模式只能运行一个服务进程');
      // `kefu restore` will not replace the file under it either.
      const restore = await runCli(['restore', path.join(dir, 'x.sqlite')], { env: { KEFU_DATA_DIR: dir, DATABASE_URL: '' } });
      expect(restore.code).toBe(1);
      expect(restore.stderr).toContain(`pid ${other.pid}`);
    } finally {
      other.kill('SIGKILL');
      await new Promise((r) => other.once('exit', r));
    }
    // Its process is gone (killed, never cleaned up): the lock is stale and taken over.
    expect(otherServerPid(dir)).toBeUndefined();
    const release = takeServerLock(dir);
    expect(fs.readFileSync(serverLockPath(dir), 'utf8').trim()).toBe(String(process.pid));
    expect(otherServerPid(dir)).toBeUndefined(); // our own pid is not "another" server
    release();
    expect(fs.existsSync(serverLockPath(dir))).toBe(false);
  });
});
