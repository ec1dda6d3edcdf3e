import { spawn } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../test-io.js';
import { openDatabase } from '../../db/database.js';
import { CallRepository } from '../../db/repositories/call-repository.js';
import { databaseKpi } from '../../../core/calls/call-kpi.js';
import { ZoneCalendar } from '../../../core/kpi/time-zone.js';
import { queueLogKpi } from '../../telephony/queue-log-kpi.js';
import { generateQueueLog } from '../../../../bench/queue-log-generator.js';
import type { ImportSummary } from '../../telephony/call-import.js';

const fixtures = new URL('../../../../test/fixtures/', import.meta.url).pathname;
const labLog = join(fixtures, 'asterisk-realtime-lab-2023/queue_log.pipe.txt');
const root = new URL('../../../../', import.meta.url).pathname;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kefu-import-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let dbCounter = 0;
function freshEnv(): NodeJS.ProcessEnv {
  return { KEFU_DATA_DIR: join(dir, `data-${++dbCounter}`), KEFU_TZ: 'Asia/Shanghai' };
}

async function importJson(kind: 'queue-log' | 'cdr', file: string, env: NodeJS.ProcessEnv, extra: string[] = []): Promise<{ code: number; summary: ImportSummary; stderr: string }> {
  const r = await runCli(['import', kind, file, '--format', 'json', ...extra], { env });
  if (r.stdout === '') throw new Error(`kefu import failed: ${r.stderr}`);
  return { code: r.code, summary: JSON.parse(r.stdout) as ImportSummary, stderr: r.stderr };
}

async function withRepo<T>(env: NodeJS.ProcessEnv, fn: (repo: CallRepository) => Promise<T>): Promise<T> {
  const d = await openDatabase({ dataDir: env.KEFU_DATA_DIR! });
  try {
    return await fn(new CallRepository(d.db, d.dialect));
  } finally {
    await d.close();
  }
}

describe('kefu import queue-log', () => {
  it('imports a queue_log; a second run adds nothing and the counts stay the same', async () => {
    const env = freshEnv();
    const first = await importJson('queue-log', labLog, env);
    expect(first.code).toBe(0);
    expect(first.summary.file).toMatchObject({ lines: 85, records: 85, skipped: { lines: 0 } });
    expect(first.summary.callsInDatabase).toBe(8);
    const second = await importJson('queue-log', labLog, env);
    expect(second.code).toBe(0);
    expect(second.summary.run.newEvents).toBe(0);
    expect(second.summary.callsInDatabase).toBe(8);
    expect(second.summary.file).toEqual(first.summary.file);
  });

  it('gives exactly the figures of `kefu kpi` on the same file, whatever the batch size', async () => {
    const env = freshEnv();
    await importJson('queue-log', labLog, env, ['--batch', '7']);
    const zone = new ZoneCalendar('Asia/Shanghai');
    for (const by of ['total', 'queue', 'agent', 'hour'] as const) {
      const fromDb = await withRepo(env, (repo) => databaseKpi(repo, { by, thresholdSeconds: 15, ringLimitSeconds: 15, zone }));
      const fromFile = await queueLogKpi(labLog, { by, thresholdSeconds: 15, ringLimitSeconds: 15, timeZone: 'Asia/Shanghai' });
      expect(fromDb.groups).toEqual(fromFile.groups);
      expect(fromDb.open).toEqual(fromFile.open);
    }
    const fromDb = await withRepo(env, (repo) => databaseKpi(repo, { by: 'total', thresholdSeconds: 15, ringLimitSeconds: 15, zone }));
    expect(fromDb.groups[0]).toMatchObject({ key: 'total', offered: 8, answered: 2, abandoned: 5, timedOut: 1, answerRate: 0.25 });
    expect(fromDb.satisfaction).toEqual({ value: null, reason: 'no satisfaction surveys yet' });
  });

  it('reads only the lines appended since the last run; a call split across runs is joined', async () => {
    const env = freshEnv();
    const lines = readFileSync(labLog, 'utf8').split('\n');
    const file = join(dir, 'growing_queue_log');
    const cut = 40;
    writeFileSync(file, lines.slice(0, cut).join('\n') + '\n');
    const a = await importJson('queue-log', file, env);
    expect(a.summary.file.lines).toBe(cut);
    appendFileSync(file, lines.slice(cut).join('\n'));
    const b = await importJson('queue-log', file, env);
    expect(b.summary.resumedAt).toEqual({ offset: a.summary.file.endOffset, line: cut });
    expect(b.summary.run.lines).toBe(85 - cut);
    const clean = freshEnv();
    await importJson('queue-log', labLog, clean);
    const summaryOf = async (e: NodeJS.ProcessEnv) => withRepo(e, (repo) => databaseKpi(repo, { by: 'agent', thresholdSeconds: 15, ringLimitSeconds: 15, zone: new ZoneCalendar('Asia/Shanghai') }));
    expect((await summaryOf(env)).groups).toEqual((await summaryOf(clean)).groups);
  });

  it('leaves a last line without its newline for the next run', async () => {
    const env = freshEnv();
    const file = join(dir, 'half_written');
    writeFileSync(file, '1675584553|1675584553.13|support|NONE|ENTERQUEUE||1001|1\n1675584560|1675584553.13|sup');
    const a = await importJson('queue-log', file, env);
    expect(a.summary.heldBackTail).toBe(true);
    expect(a.summary.file.lines).toBe(1);
    appendFileSync(file, 'port|NONE|ABANDON|1|1|7\n');
    const b = await importJson('queue-log', file, env);
    expect(b.summary.run.lines).toBe(1);
    expect(b.summary.run.skipped.lines).toBe(0);
    const calls = await withRepo(env, (repo) => repo.list({ limit: 10 }));
    expect(calls.items.map((c) => c.outcome)).toEqual(['abandoned']);
  });

  it('counts malformed lines by reason with their line numbers and exits 1', async () => {
    const env = freshEnv();
    const file = join(dir, 'bad_lines');
    writeFileSync(file, readFileSync(labLog, 'utf8') + 'garbage without pipes\n1675584553|x|support|NONE|NOSUCHEVENT|1\n');
    const r = await runCli(['import', 'queue-log', file, '--verbose'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 86: no fields/);
    expect(r.stderr).toMatch(/line 87: unknown event/);
    expect(r.stdout).toMatch(/2 skipped \(no fields: 1, unknown event: 1\)/);
  });

  it('fails fast on a file that is not a queue_log', async () => {
    const file = join(dir, 'image.png');
    writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]));
    const r = await runCli(['import', 'queue-log', file], { env: freshEnv() });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/PNG/);
  });

  it('killed half-way (SIGKILL) and run again, ends with the same counts as one clean run', async () => {
    const file = join(dir, 'big_queue_log');
    generateQueueLog(file, 60_000);
    const clean = freshEnv();
    const once = await importJson('queue-log', file, clean, ['--batch', '2000']);
    expect(once.code).toBe(0);

    const env = freshEnv();
    const child = spawn(process.execPath, [join(root, 'bin/kefu.js'), 'import', 'queue-log', file, '--batch', '2000'], { env: { ...process.env, ...env }, stdio: 'ignore' });
    // Kill once at least one batch is committed (the cursor row exists), before the end.
    let killedMidway = false;
    for (let i = 0; i < 600; i++) {
      await new Promise((r) => setTimeout(r, 50));
      if (child.exitCode !== null) break;
      const progress = await withRepo(env, (repo) => repo.cursor('queue_log', file)).catch(() => undefined);
      if (progress && progress.endLine > 0 && progress.endLine < once.summary.file.lines) {
        child.kill('SIGKILL');
        killedMidway = true;
        break;
      }
    }
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.on('exit', r)));
    const again = await importJson('queue-log', file, env, ['--batch', '2000']);
    expect(again.code).toBe(0);
    if (killedMidway) expect(again.summary.resumedAt).not.toBeNull();
    expect(again.summary.file).toEqual(once.summary.file);
    expect(again.summary.callsInDatabase).toBe(once.summary.callsInDatabase);
    const agentFigures = async (e: NodeJS.ProcessEnv) => withRepo(e, (repo) => databaseKpi(repo, { by: 'agent', thresholdSeconds: 15, ringLimitSeconds: 15, zone: new ZoneCalendar('Asia/Shanghai') }));
    expect((await agentFigures(env)).groups).toEqual((await agentFigures(clean)).groups);
    expect(killedMidway).toBe(true);
  }, 120_000);
});

describe('kefu import cdr', () => {
  it('imports the three Master.csv layouts and the PBXware export without crashing, idempotently', async () => {
    const env = freshEnv();
    const files = ['asterisk-cdr-master-csv/BugaDM_Master.csv', 'asterisk-cdr-master-csv/KelySaina_Master.csv', 'asterisk-cdr-master-csv/mineevburyat_Master.csv', 'pbxware-callcenter-2018/cdr.csv', 'asterisk-realtime-lab-2023/cdr.csv'];
    const firstCounts: number[] = [];
    for (const f of files) {
      const r = await importJson('cdr', join(fixtures, f), env);
      expect(r.summary.file.records + r.summary.file.skipped.lines).toBeGreaterThan(0);
      expect(r.code === 0 || r.stderr.includes('skipped')).toBe(true);
      firstCounts.push(r.summary.callsInDatabase);
    }
    expect(firstCounts.at(-1)).toBeGreaterThan(700);
    const copy = join(dir, 'Master-copy.csv');
    copyFileSync(join(fixtures, files[0]!), copy);
    // The same legs under another path (a rotated file): nothing new.
    const again = await importJson('cdr', copy, env);
    expect(again.summary.run.newEvents).toBe(0);
    expect(again.summary.callsInDatabase).toBe(firstCounts.at(-1));
    const mineev = await withRepo(env, (repo) => repo.list({ limit: 500, sources: ['cdr'] }));
    expect(mineev.items.some((c) => c.outcome === 'answered' && c.talkMs !== null)).toBe(true);
  });
});
