// `npm run bench:import [-- --lines N]`: lines/s of `kefu import queue-log` into SQLite (a fresh
// file database, WAL, as `kefu` runs it) on a generated Asterisk queue_log, beside a baseline
// measured in the same run: the same file through the same reader with nothing done per line
// (what the import costs on top of parsing). Target (issue 5): ≥ 200,000 lines/s into SQLite.
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, migrateToLatest } from '../src/adapters/db/database.js';
import { CallRepository } from '../src/adapters/db/repositories/call-repository.js';
import { importCallFile } from '../src/adapters/telephony/call-import.js';
import { QueueLogReader } from '../src/adapters/telephony/queue-log-reader.js';
import { ZoneCalendar } from '../src/core/kpi/time-zone.js';
import { systemClock } from '../src/core/shared/clock.js';

const arg = process.argv.indexOf('--lines');
const target = arg !== -1 ? Number(process.argv[arg + 1]) : 1_000_000;
if (!Number.isInteger(target) || target < 1000) throw new Error('--lines must be an integer ≥ 1000');

const dir = mkdtempSync(join(tmpdir(), 'kefu-bench-import-'));
const file = join(dir, 'queue_log');

/** The same deterministic centre as bench:kpi: 40 agents, 3 queues, every outcome represented. */
export function generateQueueLog(path: string, lines: number): number {
  const fd = openSync(path, 'w');
  let out = '';
  let written = 0;
  let t = 1_700_000_000;
  let seed = 42;
  const rnd = (n: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return seed % n;
  };
  const queues = ['Support', 'Billing', 'VIP'];
  const emit = (s: string): void => {
    out += s + '\n';
    written++;
    if (out.length > 1 << 20) {
      writeSync(fd, out);
      out = '';
    }
  };
  let call = 0;
  while (written < lines) {
    t += 1 + rnd(3);
    const id = `${t}.${call++}`;
    const q = queues[rnd(3)] as string;
    const agent = `PJSIP/${100 + rnd(40)}`;
    emit(`${t}|${id}|${q}|NONE|ENTERQUEUE||1380013${rnd(10_000)}|1`);
    const r = rnd(100);
    if (r < 10) emit(`${t + 15}|${id}|${q}|${agent}|RINGNOANSWER|15000`);
    if (r < 75) {
      const wait = rnd(40);
      const ring = 1 + rnd(20);
      const talk = 20 + rnd(400);
      emit(`${t + wait}|${id}|${q}|${agent}|CONNECT|${wait}|${id}1|${ring}`);
      if (r < 3) emit(`${t + wait + talk}|${id}|${q}|${agent}|BLINDTRANSFER|8001|default|${wait}|${talk}|1`);
      else emit(`${t + wait + talk}|${id}|${q}|${agent}|${r % 2 === 0 ? 'COMPLETECALLER' : 'COMPLETEAGENT'}|${wait}|${talk}|1`);
    } else if (r < 92) emit(`${t + 30}|${id}|${q}|NONE|ABANDON|1|1|${rnd(120)}`);
    else if (r < 97) emit(`${t + 300}|${id}|${q}|NONE|EXITWITHTIMEOUT|1|1|300`);
    else emit(`${t + 1}|${id}|${q}|NONE|EXITEMPTY|1|1|1`);
    if (call % 500 === 0) emit(`${t}|NONE|${q}|${agent}|PAUSE|lunch`);
  }
  writeSync(fd, out);
  closeSync(fd);
  return written;
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  const lines = generateQueueLog(file, target);
  const zone = new ZoneCalendar('Asia/Shanghai');
  console.log(`queue_log: ${fmt(lines)} lines, ${(statSync(file).size / 1e6).toFixed(1)} MB`);

  let t0 = performance.now();
  let n = 0;
  await new QueueLogReader({ zone }).read(file, () => {
    n++;
  });
  const baseline = (performance.now() - t0) / 1000;

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
  await database.close();
  const rss = process.memoryUsage().rss / 1e6;

  console.log(`| | time | lines/s |\n|---|---:|---:|`);
  console.log(`| baseline: reader only (parse every line, do nothing) | ${baseline.toFixed(2)} s | ${fmt(n / baseline)} |`);
  console.log(`| \`kefu import queue-log\` into SQLite | ${imported.toFixed(2)} s | ${fmt(summary.run.lines / imported)} |`);
  console.log(`| ratio | ${(imported / baseline).toFixed(2)}× | |`);
  console.log(`| import, process CPU time (user + system) | ${cpuSeconds.toFixed(2)} s | ${fmt(summary.run.lines / cpuSeconds)} |`);
  console.log(`load average (1 min) at the end: ${loadavg()[0]?.toFixed(2)} on ${cpus().length} cores`);
  console.log(`calls stored: ${fmt(calls)}; new call events: ${fmt(summary.run.newEvents)}; RSS at end ${rss.toFixed(0)} MB`);
  console.log(`target ≥ 200,000 lines/s: ${summary.run.lines / imported >= 200_000 ? 'met' : 'NOT met'}`);
  rmSync(dir, { recursive: true, force: true });
}

if (process.argv[1]?.endsWith("import.ts")) await main();
