// One contender of `npm run bench:kpi`, in a process of its own so its peak memory is its own:
//   node <bundle of this file> <kefu|duckdb|floor> <file> <threads> <rounds>   (bench/kpi.ts bundles it: bundleForNode)
// Prints one JSON line: best and all wall times (after one warm-up round), peak RSS, the total figures.
import { open } from 'node:fs/promises';
import { queueLogKpi } from '../src/adapters/telephony/queue-log-kpi.js';

const [who, file, threadsText, roundsText] = process.argv.slice(2);
if (!who || !file) throw new Error('usage: kpi-contender.ts <kefu|duckdb|floor> <file> <threads> <rounds>');
const threads = Number(threadsText ?? 2);
const rounds = Number(roundsText ?? 3);

type Totals = Record<string, number | null>;

async function kefu(): Promise<Totals> {
  const report = await queueLogKpi(file as string, { by: 'total', thresholdSeconds: 15, ringLimitSeconds: 15, timeZone: 'Asia/Shanghai', threads });
  const g = report.groups[0];
  if (!g) throw new Error('no total group');
  return { offered: g.offered, answered: g.answered, abandoned: g.abandoned, timedOut: g.timedOut, transferred: g.transferred, ringNoAnswer: g.ringNoAnswer, serviceLevel: g.serviceLevel, avgTalkSeconds: g.avgTalkSeconds, skipped: report.skipped.lines };
}

// What an analyst would write: read_csv with the pipe delimiter and one aggregation for the total figures.
const duckSql = (path: string) => `
  WITH q AS (
    SELECT * FROM read_csv('${path.replaceAll("'", "''")}', delim='|', header=false, quote='', escape='', null_padding=true, ignore_errors=true, auto_detect=false,
      columns={'t':'VARCHAR','callid':'VARCHAR','queue':'VARCHAR','agent':'VARCHAR','event':'VARCHAR','d1':'VARCHAR','d2':'VARCHAR','d3':'VARCHAR','d4':'VARCHAR','d5':'VARCHAR'})
    WHERE try_cast(t AS BIGINT) IS NOT NULL
  )
  SELECT
    count(*) FILTER (WHERE event = 'ENTERQUEUE') AS offered,
    count(*) FILTER (WHERE event = 'CONNECT') AS answered,
    count(*) FILTER (WHERE event = 'ABANDON') AS abandoned,
    count(*) FILTER (WHERE event = 'EXITWITHTIMEOUT') AS timedOut,
    count(*) FILTER (WHERE event IN ('BLINDTRANSFER', 'ATTENDEDTRANSFER')) AS transferred,
    count(*) FILTER (WHERE event = 'RINGNOANSWER') AS ringNoAnswer,
    (count(*) FILTER (WHERE event = 'CONNECT' AND try_cast(d1 AS INTEGER) <= 15))::DOUBLE / nullif(count(*) FILTER (WHERE event = 'ENTERQUEUE'), 0) AS serviceLevel,
    avg(CASE WHEN event IN ('COMPLETECALLER', 'COMPLETEAGENT') THEN try_cast(d2 AS DOUBLE) WHEN event IN ('BLINDTRANSFER', 'ATTENDEDTRANSFER') THEN try_cast(d4 AS DOUBLE) END) AS avgTalkSeconds,
    avg(try_cast(d1 AS DOUBLE)) FILTER (WHERE event = 'CONNECT') AS avgAnswerWaitSeconds,
    avg(try_cast(d3 AS DOUBLE)) FILTER (WHERE event = 'CONNECT') AS avgRingSeconds
  FROM q`;

async function duckdb(): Promise<() => Promise<Totals>> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const connection = await instance.connect();
  return async () => {
    const reader = await connection.runAndReadAll(duckSql(file as string));
    const [row] = reader.getRowObjectsJson();
    return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, v === null ? null : Number(v)]));
  };
}

/** The floor: read the file in 1 MiB pieces and find every line end — nothing else. */
async function floor(): Promise<Totals> {
  const fh = await open(file as string, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  let lines = 0;
  for (;;) {
    const { bytesRead } = await fh.read(buf, 0, buf.length, null);
    if (bytesRead === 0) break;
    let at = buf.indexOf(10, 0);
    while (at !== -1 && at < bytesRead) {
      lines++;
      at = buf.indexOf(10, at + 1);
    }
  }
  await fh.close();
  return { lines };
}

const run = who === 'kefu' ? kefu : who === 'duckdb' ? await duckdb() : floor;
const times: number[] = [];
// CPU time of the whole process (every thread: kefu's workers, DuckDB's threads): on a shared box
// the steadier measure of the work done, where wall time also counts waiting for a core.
const cpuTimes: number[] = [];
let cold = { seconds: 0, cpuSeconds: 0 };
let totals: Totals = {};
for (let round = 0; round <= rounds; round++) {
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  totals = await run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  // Round 0 warms the page cache and the code (and starts kefu's worker threads); it is reported
  // apart as the cold round, what a one-off `kefu kpi` pays on top.
  if (round === 0) cold = { seconds, cpuSeconds };
  else {
    times.push(seconds);
    cpuTimes.push(cpuSeconds);
  }
}
console.log(
  JSON.stringify({ who, threads, best: Math.min(...times), times, bestCpu: Math.min(...cpuTimes), cpuTimes, cold, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), totals }),
);
