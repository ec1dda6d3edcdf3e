import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// `kefu kpi`, `kefu qa` and `--help` are promised to start without the application: no database
// drivers, no query builder, no server. A static import added anywhere in the command list would
// silently load them for every command; this runs the real binary and lists the packages it loads.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const heavy = ['kysely', 'better-sqlite3', 'pg', 'fastify', '@node-rs/jieba', 'exceljs'];

function packagesLoadedBy(args: string[]): Set<string> {
  const r = spawnSync(process.execPath, ['--import', path.join(root, 'test/load-trace/register.mjs'), path.join(root, 'bin/kefu.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, KEFU_DATA_DIR: path.join(root, 'no-such-data-dir') },
  });
  expect(r.status).toBe(0);
  return new Set([...r.stderr.matchAll(/^kefu-load-trace (.+)$/gm)].map((m) => m[1] ?? ''));
}

describe('the CLI stays light', () => {
  it.each([
    [['--version']],
    [['kpi', '--queue-log', 'test/fixtures/asterisk-realtime-lab-2023/queue_log.pipe.txt']],
  ])('kefu %j loads no database driver, query builder, server or spreadsheet library', (args) => {
    const loaded = packagesLoadedBy(args);
    expect(loaded.has('commander')).toBe(true); // the trace works
    expect(heavy.filter((p) => loaded.has(p))).toEqual([]);
  });
});
