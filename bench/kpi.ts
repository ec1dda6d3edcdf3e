// `npm run bench:kpi [-- --calls 1000000,3200000] [--rounds 3] [--legacy-lines N]`
//
// `kefu kpi` against the tool an analyst would reach for instead: DuckDB (`read_csv` + one SQL
// aggregation), on queue_logs written as a PBX writes them (bench/realistic-queue-log.ts: calls
// interleaved in time order with member events; 1 M and 3.2 M calls by default). Each contender runs
// in a process of its own (bench/kpi-contender.ts, bundled and run by plain node: tsx's loader thread
// would add ~30 MB to both contenders' peak) so its peak memory is its own; each does a warm-up
// round and then `--rounds` timed rounds, best kept. Printed beside them: the floor (read the file and
// find the line ends) and the old generator's log (each call's lines together) as a second case.
// Targets (issue #19): kefu ≤ 0.5× DuckDB's time with ≤ 1/3 of its peak memory, and on one core at
// least as fast as DuckDB on one core.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateQueueLog } from './queue-log-generator.js';
import { generateRealisticQueueLog } from './realistic-queue-log.js';
import { bundleForNode } from '../src/adapters/node-bundle.js';

const flag = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
};
const callSizes = (flag('calls') ?? '1000000,3200000').split(',').map(Number);
const rounds = Number(flag('rounds') ?? 3);
const legacyLines = Number(flag('legacy-lines') ?? 3_000_000);
if (callSizes.some((n) => !Number.isInteger(n) || n < 1000) || !(rounds >= 1)) throw new Error('--calls takes whole numbers ≥ 1000, comma-separated; --rounds ≥ 1');

const dir = mkdtempSync(join(tmpdir(), 'kefu-bench-kpi-'));
// Beside node_modules, so the packages it leaves out (DuckDB, esbuild) are found from it.
const contender = fileURLToPath(new URL('../node_modules/.cache/kefu-bench/kpi-contender.mjs', import.meta.url));
await bundleForNode(new URL('./kpi-contender.ts', import.meta.url), { format: 'esm', packages: 'external', outfile: contender });
const cores = availableParallelism();

interface Result {
  who: string;
  threads: number;
  best: number;
  times: number[];
  bestCpu: number;
  cpuTimes: number[];
  cold: { seconds: number; cpuSeconds: number };
  peakRssMb: number;
  totals: Record<string, number | null>;
}

function measure(who: 'kefu' | 'duckdb' | 'floor', file: string, threads: number): Result {
  const out = execFileSync(process.execPath, [contender, who, file, String(threads), String(rounds)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').at(-1) as string) as Result;
}

const row = (label: string, r: Result): string =>
  `  ${label.padEnd(24)} ${r.best.toFixed(2).padStart(6)} s  (rounds ${r.times.map((t) => t.toFixed(2)).join(', ')}; cold ${r.cold.seconds.toFixed(2)})  ` +
  `CPU ${r.bestCpu.toFixed(2).padStart(5)} s (cold ${r.cold.cpuSeconds.toFixed(2)})  peak ${String(r.peakRssMb).padStart(5)} MB`;

function compare(name: string, file: string, lines: number): void {
  const mb = statSync(file).size / 1e6;
  console.log(`\n${name}: ${lines.toLocaleString('en')} lines, ${mb.toFixed(0)} MB`);
  const floor = measure('floor', file, 1);
  const kefu = measure('kefu', file, cores);
  const duck = measure('duckdb', file, cores);
  const kefu1 = measure('kefu', file, 1);
  const duck1 = measure('duckdb', file, 1);
  console.log(row('floor (read, find \\n)', floor));
  console.log(row(`kefu kpi (${cores} threads)`, kefu));
  console.log(row(`DuckDB (${cores} threads)`, duck));
  console.log(row('kefu kpi (1 thread)', kefu1));
  console.log(row('DuckDB (1 thread)', duck1));
  const ratio = kefu.best / duck.best;
  const memory = kefu.peakRssMb / duck.peakRssMb;
  console.log(
    `  kefu/DuckDB time ${ratio.toFixed(2)}× (target ≤ 0.5: ${ratio <= 0.5 ? 'met' : 'NOT met'}; by CPU time ${(kefu.bestCpu / duck.bestCpu).toFixed(2)}×), ` +
      `memory ${memory.toFixed(2)}× (target ≤ 0.33: ${memory <= 1 / 3 ? 'met' : 'NOT met'}), ` +
      `one core ${(kefu1.best / duck1.best).toFixed(2)}× (target ≤ 1: ${kefu1.best <= duck1.best ? 'met' : 'NOT met'})`,
  );
  const k = kefu.totals;
  const d = duck.totals;
  console.log(`  figures: kefu offered ${k.offered} answered ${k.answered} abandoned ${k.abandoned} skipped ${k.skipped} · DuckDB offered ${d.offered} answered ${d.answered} abandoned ${d.abandoned}`);
  if (JSON.stringify(kefu.totals) !== JSON.stringify(kefu1.totals)) throw new Error('kefu kpi on several threads and on one disagree');
}

try {
  console.log(`machine: ${cores} cores (${cpus()[0]?.model ?? '?'}), load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  for (const calls of callSizes) {
    const file = join(dir, `realistic-${calls}.log`);
    const started = Date.now();
    const stats = generateRealisticQueueLog(file, { calls });
    console.log(`\ngenerated ${stats.calls.toLocaleString('en')} calls over ${stats.days} days (${stats.malformed} malformed lines) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    compare(`realistic log, ${calls.toLocaleString('en')} calls`, file, stats.lines);
    rmSync(file);
  }
  if (legacyLines > 0) {
    const file = join(dir, 'calls-one-after-another.log');
    const lines = generateQueueLog(file, legacyLines);
    compare("second case: each call's lines together (the old generator)", file, lines);
  }
  console.log(`\nload after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
