// `npm run bench:import [-- --lines N] [--old-generator]`: lines/s of `kefu import queue-log` into
// SQLite (a fresh file database, WAL, as `kefu` runs it) on a queue_log written as a PBX writes it
// (bench/realistic-queue-log.ts: calls interleaved in time order; --old-generator: each call's lines
// together), beside, in the same run: the same file through the same reader with nothing done per
// line, `kefu kpi` on it (one thread), and a raw insert of the very rows the import wrote (one
// prepared statement, one transaction, a table without indexes): what parsing, call building and
// writing cost on their own. Targets: ≥ 200,000 lines/s into SQLite (issue 5); the comparison (issue 19).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, migrateToLatest } from '../src/adapters/db/database.js';
import { CallRepository } from '../src/adapters/db/repositories/call-repository.js';
import { importCallFile } from '../src/adapters/telephony/call-import.js';
import { QueueLogReader } from '../src/adapters/telephony/queue-log-reader.js';
import { ZoneCalendar } from '../src/core/kpi/time-zone.js';
import { systemClock } from '../src/adapters/system-clock.js';
import { generateQueueLog } from './queue-log-generator.js';
import { generateRealisticQueueLog } from './realistic-queue-log.js';
import { queueLogKpi } from '../src/adapters/telephony/queue-log-kpi.js';

const arg = process.argv.indexOf('--lines');
const target = arg !== -1 ? Number(process.argv[arg + 1]) : 1_000_000;
if (!Number.isInteger(target) || target < 1000) throw new Error('--lines must be an integer ≥ 1000');

const dir = mkdtempSync(join(tmpdir(), 'kefu-bench-import-'));
const file = join(dir, 'queue_log');


const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  // A realistic log has ~3.17 lines a call.
  const lines = process.argv.includes('--old-generator') ? generateQueueLog(file, target) : generateRealisticQueueLog(file, { calls: Math.max(1000, Math.round(target / 3.17)) }).lines;
  const zone = new ZoneCalendar('Asia/Shanghai');
  console.log(`queue_log: ${fmt(lines)} lines, ${(statSync(file).size / 1e6).toFixed(1)} MB`);

  let t0 = performance.now();
  let n = 0;
  await new QueueLogReader({ zone }).read(file, () => {
    n++;
  });
  const baseline = (performance.now() - t0) / 1000;

  t0 = performance.now();
  await queueLogKpi(file, { by: 'total', thresholdSeconds: 15, ringLimitSeconds: 15, timeZone: 'Asia/Shanghai', threads: 1 });
  const kpi = (performance.now() - t0) / 1000;

  const database = await openDatabase({ dataDir: join(dir, 'data') });
  await migrateToLatest(database);
  const repo = new CallRepository(database.db, database.dialect, database.sqlite);
  t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const summary = await importCallFile(repo, 'queue_log', file, { zone, clock: systemClock });
  const imported = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  // On a shared box wall time includes waiting for a core; the process's CPU time does not.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const calls = await repo.count();

  // The floor of writing: the rows the import wrote, inserted again as they are.
  const sqlite = database.sqlite;
  if (!sqlite) throw new Error('bench:import runs on SQLite');
  const rows = sqlite.prepare('select * from calls').raw().all() as unknown[][];
  const width = rows[0]?.length ?? 0;
  sqlite.exec('create table calls_raw as select * from calls where 0');
  const insert = sqlite.prepare(`insert into calls_raw values (${Array.from({ length: width }, () => '?').join(', ')})`);
  t0 = performance.now();
  sqlite.transaction(() => {
    for (const row of rows) insert.run(row);
  })();
  const rawInsert = (performance.now() - t0) / 1000;
  await database.close();
  const rss = process.memoryUsage().rss / 1e6;

  console.log(`| | time | lines/s |\n|---|---:|---:|`);
  console.log(`| baseline: reader only (parse every line, do nothing) | ${baseline.toFixed(2)} s | ${fmt(n / baseline)} |`);
  console.log(`| \`kefu kpi\` on the same file (one thread: every call built, nothing stored) | ${kpi.toFixed(2)} s | ${fmt(lines / kpi)} |`);
  console.log(`| raw SQLite insert of the ${fmt(rows.length)} rows the import wrote (one statement, one transaction, no index) | ${rawInsert.toFixed(2)} s | ${fmt(lines / rawInsert)} (lines' worth) |`);
  console.log(`| \`kefu import queue-log\` into SQLite | ${imported.toFixed(2)} s | ${fmt(summary.run.lines / imported)} |`);
  console.log(`| ratio | ${(imported / baseline).toFixed(2)}× | |`);
  console.log(`| import, process CPU time (user + system) | ${cpuSeconds.toFixed(2)} s | ${fmt(summary.run.lines / cpuSeconds)} |`);
  console.log(`load average (1 min) at the end: ${loadavg()[0]?.toFixed(2)} on ${cpus().length} cores`);
  console.log(`calls stored: ${fmt(calls)}; new call events: ${fmt(summary.run.newEvents)}; RSS at end ${rss.toFixed(0)} MB`);
  console.log(`target ≥ 200,000 lines/s: ${summary.run.lines / imported >= 200_000 ? 'met' : 'NOT met'}`);
  rmSync(dir, { recursive: true, force: true });
}

if (process.argv[1]?.endsWith("import.ts")) await main();
