import fs from 'node:fs';
import path from 'node:path';

/**
 * SQLite mode is one server process (issue #20): two servers on one file would each run timers
 * and caches of their own. `kefu start` writes its pid beside the database and refuses to start
 * when a live Kefu server holds the file; `kefu restore` refuses while one runs. A pid file left
 * by a killed server is taken over (its pid no longer runs Kefu).
 */
export function serverLockPath(dataDir: string): string {
  return path.join(dataDir, 'kefu.sqlite.server-pid');
}

/** The pid of another live Kefu server on this data directory, if any. */
export function otherServerPid(dataDir: string): number | undefined {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(serverLockPath(dataDir), 'utf8').trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return undefined;
  try {
    process.kill(pid, 0);
  } catch (e) {
    // EPERM: alive but someone else's; treat as a server (better a refusal than two writers).
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  // The pid may have been reused by an unrelated program after a crash.
  try {
    const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (!/kefu|node|tsx/.test(cmd)) return undefined;
  } catch {
    // No /proc (macOS): trust the live pid.
  }
  return pid;
}

/** Takes the lock; returns the function that gives it back. */
export function takeServerLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = serverLockPath(dataDir);
  fs.writeFileSync(file, `${process.pid}\n`);
  return () => {
    try {
      if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.rmSync(file, { force: true });
    } catch {
      // Already gone.
    }
  };
}
