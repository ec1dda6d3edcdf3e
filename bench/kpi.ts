// `npm run bench:kpi [-- --lines N]`: lines/s of the `kefu kpi` code path on a generated Asterisk
// queue_log, beside a floor measured in the same run (read the file and split it into lines,
// nothing else), plus peak memory. Targets (issue 5): ≥ 1,500,000 lines/s, within 2× of the floor,
// peak RSS < 300 MB whatever the size.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { queueLogKpi, type KpiReadStats } from '../src/adapters/telephony/queue-log-kpi.js';
import type { KpiReport } from '../src/core/kpi/kpi-report.js';
import { generateQueueLog } from './queue-log-generator.js';

const arg = process.argv.indexOf('--lines');
const target = arg !== -1 ? Number(process.argv[arg + 1]) : 10_000_000;
if (!Number.isInteger(target) || target < 1000) throw new Error('--lines must be an integer ≥ 1000');

const dir = mkdtempSync(join(tmpdir(), 'kefu-bench-kpi-'));
const file = join(dir, 'queue_log');


/** The floor: the same 1 MiB reads, decode, and one string per line — nothing else. */
async function floor(): Promise<number> {
  const fh = await open(file, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  let filled = 0;
  let lines = 0;
  let chars = 0;
  for (;;) {
    const { bytesRead } = await fh.read(buf, filled, buf.length - filled, null);
    if (bytesRead === 0) break;
    filled += bytesRead;
    const cut = buf.lastIndexOf(10, filled - 1) + 1;
    const text = buf.toString('utf8', 0, cut);
    let pos = 0;
    while (pos < text.length) {
      const nl = text.indexOf('\n', pos);
      const line = text.slice(pos, nl);
      chars += line.length;
      lines++;
      pos = nl + 1;
    }
    buf.copy(buf, 0, cut, filled);
    filled -= cut;
  }
  await fh.close();
  if (chars < 0) console.log('unreachable');
  return lines;
}

/** Wall time, and CPU time of the whole process (less sensitive to other load on a shared box). */
async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number; cpuSeconds: number }> {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return { value, seconds: Number(process.hrtime.bigint() - start) / 1e9, cpuSeconds: (used.user + used.system) / 1e6 };
}

const mb = (kb: number): string => `${(kb / 1024).toFixed(0)} MB`;

try {
  const gen = await timed(async () => generateQueueLog(file, target));
  const lines = gen.value;
  const bytes = statSync(file).size;
  console.log(`generated ${lines.toLocaleString('en')} lines (${(bytes / 1e6).toFixed(0)} MB) in ${gen.seconds.toFixed(1)} s`);
  const rssBefore = process.resourceUsage().maxRSS;

  // Floor first (also warms the page cache for all), then the real path (as `kefu kpi` runs it:
  // segments on every core), the single pass (--threads 1) and the floor in turn. On a shared
  // machine the best of each is the figure least disturbed by other work; the ratio compares the
  // best runs.
  const floors = [await timed(floor)];
  const kpis = [];
  const singles = [];
  const options = { by: 'total', thresholdSeconds: 15, ringLimitSeconds: 15, timeZone: 'Asia/Shanghai' } as const;
  let stats: KpiReadStats | undefined;
  const run = (): Promise<KpiReport> => queueLogKpi(file, { ...options, onRead: (s) => (stats = s) });
  const single = (): Promise<KpiReport> => queueLogKpi(file, { ...options, threads: 1 });
  for (let round = 0; round < 2; round++) {
    kpis.push(await timed(run));
    singles.push(await timed(single));
    floors.push(await timed(floor));
  }
  for (const f of floors) if (f.value !== lines) throw new Error(`floor counted ${f.value} lines, expected ${lines}`);
  const best = <T extends { seconds: number; cpuSeconds: number }>(runs: T[]): { seconds: number; cpuSeconds: number } => ({
    seconds: Math.min(...runs.map((r) => r.seconds)),
    cpuSeconds: Math.min(...runs.map((r) => r.cpuSeconds)),
  });
  const floorBest = best(floors);
  const kpiBest = best(kpis);
  const singleBest = best(singles);
  const report = kpis[0]?.value;
  const total = report?.groups[0];
  if (report === undefined || report.skipped.lines !== 0 || total === undefined) throw new Error('generated log was not read cleanly');
  // The segmented read must give exactly the single pass's report.
  for (const r of [...kpis, ...singles]) {
    if (JSON.stringify(r.value) !== JSON.stringify(report)) throw new Error('the segmented and the single-pass reports differ');
  }

  const kpiRate = lines / kpiBest.seconds;
  const floorRate = lines / floorBest.seconds;
  const peak = process.resourceUsage().maxRSS;
  const all = (runs: { seconds: number }[]): string => runs.map((r) => r.seconds.toFixed(2)).join(', ');
  console.log(`threads: ${availableParallelism()} (the machine's cores; kefu kpi's default)`);
  console.log(`floor (read + split lines): ${floorBest.seconds.toFixed(2)} s, ${Math.round(floorRate).toLocaleString('en')} lines/s (runs ${all(floors)} s; CPU ${floorBest.cpuSeconds.toFixed(2)} s)`);
  console.log(`kefu kpi path:              ${kpiBest.seconds.toFixed(2)} s, ${Math.round(kpiRate).toLocaleString('en')} lines/s (runs ${all(kpis)} s; CPU ${kpiBest.cpuSeconds.toFixed(2)} s)`);
  console.log(`kefu kpi --threads 1:       ${singleBest.seconds.toFixed(2)} s, ${Math.round(lines / singleBest.seconds).toLocaleString('en')} lines/s (runs ${all(singles)} s; CPU ${singleBest.cpuSeconds.toFixed(2)} s)`);
  console.log(`reports: identical (segmented = single pass); ${stats?.segments} segments, ${stats?.byWorkers} read by the worker thread(s), ${stats?.reread} read again`);
  console.log(
    `ratio kpi/floor time: ${(kpiBest.seconds / floorBest.seconds).toFixed(2)}× wall (target ≤ 2×: ${kpiBest.seconds <= 2 * floorBest.seconds ? 'met' : 'NOT met'}); ` +
      `single pass ${(singleBest.seconds / floorBest.seconds).toFixed(2)}× wall, ${(singleBest.cpuSeconds / floorBest.cpuSeconds).toFixed(2)}× CPU; ` +
      `target ≥ 1,500,000 lines/s: ${kpiRate >= 1_500_000 ? 'met' : 'NOT met'}`,
  );
  console.log(`peak RSS: ${mb(peak)} (after generation ${mb(rssBefore)}; target < 300 MB)`);
  console.log(`calls: offered ${total.offered.toLocaleString('en')}, answered ${total.answered.toLocaleString('en')}, answerRate ${total.answerRate}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
