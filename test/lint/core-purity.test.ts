import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The purity guard is the repository's own eslint.config.js: these snippets are linted as if they
// were files of the core, so a rule that stops biting (a glob that never matches, a rule turned off)
// fails here rather than letting the core quietly grow I/O.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function errorsOf(code: string, filePath = 'src/core/x/y.ts'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the core purity guard (eslint.config.js)', () => {
  it('passes a clean core file: core imports, types, a given instant formatted, pure node:util', async () => {
    const clean = [
      "import type { Clock } from '../shared/clock.js';",
      "import { AppError } from '../shared/app-error.js';",
      "import { inspect } from 'node:util';",
      'export function stamp(clock: Clock, ms: number): string {',
      '  if (ms < 0) throw new AppError("validation", "负数");',
      '  return new Date(ms).toISOString() + String(clock.now()) + inspect(ms);',
      '}',
    ].join('\n');
    expect(await errorsOf(clean)).toEqual([]);
  });

  it.each([
    ['an adapter, by the only relative path a core file can use', "import { openDatabase } from '../../adapters/db/database.js';\nexport const x = openDatabase;"],
    ['an adapter, as a type only', "import type { Db } from '../../adapters/db/database.js';\nexport type X = Db;"],
    ['an adapter, from deeper in the core', "export { x } from '../../../adapters/http/server.js';"],
    ['the composition root', "import { createAppContext } from '../../app.js';\nexport const x = createAppContext;"],
    ['the configuration', "import { loadConfig } from '../../config.js';\nexport const x = loadConfig;"],
    ['an adapter by dynamic import', "export const load = () => import('../../adapters/db/database.js');"],
    ['new Date()', 'export const now = () => new Date();'],
    ['Date()', 'export const now = () => Date();'],
    ['Date.now()', 'export const now = () => Date.now();'],
    ['Math.random()', 'export const pick = () => Math.random();'],
    ['performance.now()', 'export const t = () => performance.now();'],
    ['process.env', 'export const tz = process.env.KEFU_TZ;'],
    ['process.hrtime', 'export const t = () => process.hrtime.bigint();'],
    ['setTimeout', 'export const later = (f: () => void) => setTimeout(f, 10);'],
    ['setInterval', 'export const every = (f: () => void) => setInterval(f, 10);'],
    ['node:os', "import { hostname } from 'node:os';\nexport const h = hostname;"],
    ['node:child_process', "import { execSync } from 'node:child_process';\nexport const e = execSync;"],
    ['node:net', "import net from 'node:net';\nexport const n = net;"],
    ['node:http', "import http from 'node:http';\nexport const h = http;"],
    ['node:https', "import https from 'node:https';\nexport const h = https;"],
    ['node:fs', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;"],
    ['node:fs/promises', "import { readFile } from 'node:fs/promises';\nexport const r = readFile;"],
    ['fs without the node: prefix', "import fs from 'fs';\nexport const r = fs;"],
    ['node:worker_threads', "import { Worker } from 'node:worker_threads';\nexport const w = Worker;"],
    ['node:timers/promises', "import { setTimeout as sleep } from 'node:timers/promises';\nexport const s = sleep;"],
    ['node:crypto', "import { randomBytes } from 'node:crypto';\nexport const r = randomBytes;"],
    ['a database driver', "import { Kysely } from 'kysely';\nexport const k = Kysely;"],
  ])('fails a core file using %s', async (_what, code) => {
    expect(await errorsOf(code)).not.toEqual([]);
  });

  it('cannot be switched off with an inline eslint-disable comment in the core', async () => {
    expect(await errorsOf('// eslint-disable-next-line\nexport const now = () => Date.now();')).not.toEqual([]);
  });

  it('allows node:crypto in no core file: randomness and hashing come through ports', async () => {
    const code = "import { randomBytes, createHash } from 'node:crypto';\nexport const r = [randomBytes, createHash];";
    for (const file of ['src/core/shared/ids.ts', 'src/core/users/user-service.ts', 'src/core/users/password.ts', 'src/core/shared/other.ts']) {
      expect(await errorsOf(code, file), file).not.toEqual([]);
    }
  });

  it('leaves adapters and core tests free to use the clock and I/O', async () => {
    const code = "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\nexport const now = () => Date.now();";
    expect(await errorsOf(code, 'src/adapters/x/y.ts')).toEqual([]);
    expect(await errorsOf(code, 'src/core/x/y.test.ts')).toEqual([]);
  });
});
