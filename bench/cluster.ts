// `npm run bench:cluster [-- --seconds 20 --workers 16 --streams 30]`: the set-up of the cluster
// test (issue #20) under a mixed load, for 1 and then 3 Kefu processes in the same run, each on a
// fresh PostgreSQL database behind nginx (deploy/nginx.conf):
//   cti     POST /api/cti/events (a call's offered/answered/ended)       40 %
//   create  POST /api/tickets (a suggestion ticket with its search tokens) 20 %
//   search  GET /api/tickets?q=<two characters>                            30 %
//   detail  GET /api/tickets/:id                                            10 %
// while `--streams` desks hold server-sent event streams; `deliver` is the time from a CTI post
// being sent to its `call.ended` reaching a desk stream (every desk, so it counts fan-out too).
// Reports throughput and p50/p99 per operation, and the CPU seconds each part used (Kefu
// processes, nginx, every PostgreSQL process on the machine), to show what limits it.
// Needs PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test) and nginx.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createThrowawayDatabase } from '../src/adapters/db/test-throwaway-database.js';
import { ADMIN_PASSWORD, call, login, nginxBinary, ResumingStream, startCluster, type Session } from '../test/cluster/cluster-harness.js';

const argOf = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? dflt : Number(process.argv[i + 1]);
};
const SECONDS = argOf('seconds', 20);
const WORKERS = argOf('workers', 16);
const STREAMS = argOf('streams', 30);
process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const percentile = (xs: number[], p: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

/** utime+stime in seconds of the given pids (from /proc). */
function cpuSeconds(pids: number[]): number {
  const tick = 100;
  let total = 0;
  for (const pid of pids) {
    try {
      const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      total += (Number(f[11]) + Number(f[12])) / tick;
    } catch {
      // exited
    }
  }
  return total;
}
function pidsNamed(name: string): number[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return fs.readFileSync(`/proc/${d}/comm`, 'utf8').trim() === name;
      } catch {
        return false;
      }
    })
    .map(Number);
}

const WORDS = ['发票', '退款', '夜间', '服务', '账单', '物流', '密码', '积分'];

async function run(processes: number): Promise<Record<string, unknown>> {
  const db = await createThrowawayDatabase('kefu_bench_cluster');
  const cluster = await startCluster({ databaseUrl: db.url, processes, env: { LOG_LEVEL: 'error', KEFU_LOGIN_ATTEMPTS_PER_MINUTE: '10000' } });
  try {
    const base = cluster.url;
    const admin = await login(base, 'admin', ADMIN_PASSWORD);
    await call(base, admin, 'POST', '/api/users', { username: 'sup1', password: 'bench-pass-2026', role: 'supervisor', displayName: 'sup1' });
    const sup: Session = await login(base, 'sup1', 'bench-pass-2026');
    // Something to search and open.
    const ticketIds: string[] = [];
    for (let i = 0; i < 200; i++) {
      const r = await call(base, sup, 'POST', '/api/tickets', { type: 'suggestion', customerName: `客户${i}`, description: `客户反映${WORDS[i % WORDS.length]}问题，希望尽快处理并回电说明情况 ${i}` });
      ticketIds.push((r.body as { ticket: { id: string } }).ticket.id);
    }
    const postedAt = new Map<string, number>();
    const deliver: number[] = [];
    const streams = Array.from({ length: STREAMS }, () => new ResumingStream(base, sup));
    await Promise.all(streams.map((s) => s.connected));
    const seen = streams.map(() => 0);
    const drain = setInterval(() => {
      const now = performance.now();
      streams.forEach((s, i) => {
        for (; seen[i]! < s.events.length; seen[i]!++) {
          const e = s.events[seen[i]!]!;
          const t = e.type === 'call.ended' ? postedAt.get(String(e.data.callId)) : undefined;
          if (t !== undefined) deliver.push(now - t);
        }
      });
    }, 5);

    const lat: Record<string, number[]> = { cti: [], create: [], search: [], detail: [] };
    const errors: Record<string, number> = {};
    const cpuKefu0 = cpuSeconds(cluster.processes.map((p) => p.child.pid!));
    const cpuNginx0 = cpuSeconds(pidsNamed('nginx'));
    const cpuPg0 = cpuSeconds(pidsNamed('postgres'));
    const startedAt = performance.now();
    const until = startedAt + SECONDS * 1000;
    let n = 0;
    const worker = async (w: number) => {
      while (performance.now() < until) {
        const i = n++;
        const dice = (i * 7919 + w) % 100;
        const op = dice < 40 ? 'cti' : dice < 60 ? 'create' : dice < 90 ? 'search' : 'detail';
        const t0 = performance.now();
        let r: { status: number };
        if (op === 'cti') {
          const callId = `b${processes}-${i}`;
          const at = Date.parse('2026-03-02T09:00:00+08:00') + i * 1000;
          postedAt.set(callId, t0);
          r = await call(base, sup, 'POST', '/api/cti/events', {
            events: [
              { type: 'offered', callId, at, queue: 'hotline', caller: `1391234${String(i % 10000).padStart(4, '0')}` },
              { type: 'answered', callId, at: at + 5000, agent: 'ana' },
              { type: 'ended', callId, at: at + 60_000, by: 'customer' },
            ],
          });
        } else if (op === 'create') {
          r = await call(base, sup, 'POST', '/api/tickets', { type: 'suggestion', customerName: `客户${i}`, description: `客户反映${WORDS[i % WORDS.length]}问题，希望尽快处理 ${i}` });
        } else if (op === 'search') {
          r = await call(base, sup, 'GET', `/api/tickets?q=${encodeURIComponent(WORDS[i % WORDS.length]!)}`);
        } else {
          r = await call(base, sup, 'GET', `/api/tickets/${ticketIds[i % ticketIds.length]}`);
        }
        if (r.status >= 200 && r.status < 300) lat[op]!.push(performance.now() - t0);
        else errors[`${op} ${r.status}`] = (errors[`${op} ${r.status}`] ?? 0) + 1;
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
    const elapsed = (performance.now() - startedAt) / 1000;
    await new Promise((r) => setTimeout(r, 1500));
    clearInterval(drain);
    const cpu = {
      kefu: cpuSeconds(cluster.processes.map((p) => p.child.pid!)) - cpuKefu0,
      nginx: cpuSeconds(pidsNamed('nginx')) - cpuNginx0,
      postgres: cpuSeconds(pidsNamed('postgres')) - cpuPg0,
    };
    for (const s of streams) s.close();
    // Sizes on disk per row (heap + indexes + TOAST) of the tables that grow with traffic: docs/scaling.md.
    const pgc = new (await import('pg')).default.Client({ connectionString: db.url });
    await pgc.connect();
    const sizes: Record<string, { rows: number; bytesPerRow: number }> = {};
    for (const t of ['calls', 'call_source_events', 'event_log', 'tickets', 'ticket_history', 'audit_log', 'jobs']) {
      const r = await pgc.query(`select count(*)::int as n, pg_total_relation_size('${t}') as b from ${t}`);
      const rows = Number(r.rows[0].n);
      sizes[t] = { rows, bytesPerRow: rows ? Math.round(Number(r.rows[0].b) / rows) : 0 };
    }
    await pgc.end();
    const ops = Object.fromEntries(
      [...Object.entries(lat), ['deliver', deliver] as const].map(([op, xs]) => [op, { count: xs.length, perSecond: op === 'deliver' ? undefined : Math.round(xs.length / elapsed), p50: Number(percentile(xs, 50).toFixed(1)), p99: Number(percentile(xs, 99).toFixed(1)) }]),
    );
    const total = Object.values(lat).reduce((a, xs) => a + xs.length, 0);
    return { processes, loadAverage: (await import('node:os')).loadavg()[0]!.toFixed(1), seconds: Number(elapsed.toFixed(1)), requestsPerSecond: Math.round(total / elapsed), ops, errors, cpuSeconds: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, Number(v.toFixed(1))])), cpuShare: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, `${Math.round((v / elapsed) * 100)}%`])), sizes };
  } finally {
    await cluster.stop();
    await db.drop();
  }
}

if (!nginxBinary()) {
  console.error('bench:cluster needs nginx (apt-get install nginx)');
  process.exit(2);
}
console.log(`bench:cluster — ${SECONDS} s of mixed load per set-up, ${WORKERS} client workers, ${STREAMS} desk streams; node ${process.version}, ${(await import('node:os')).cpus().length} CPUs`);
const results = [];
for (const processes of [1, 3]) {
  const r = await run(processes);
  results.push(r);
  const ops = r.ops as Record<string, { count: number; perSecond?: number; p50: number; p99: number }>;
  console.log(`\n${processes} process${processes > 1 ? 'es' : ''}: ${r.requestsPerSecond} requests/s over ${r.seconds} s; CPU ${JSON.stringify(r.cpuShare)} (of one core); machine load average ${r.loadAverage}; errors ${JSON.stringify(r.errors)}`);
  console.log('  operation   count   per s    p50 ms    p99 ms');
  for (const [op, s] of Object.entries(ops)) console.log(`  ${op.padEnd(9)} ${String(s.count).padStart(7)} ${String(s.perSecond ?? '—').padStart(7)} ${String(s.p50).padStart(9)} ${String(s.p99).padStart(9)}`);
  console.log(`  bytes per row on disk: ${Object.entries(r.sizes as Record<string, { rows: number; bytesPerRow: number }>).map(([t, v]) => `${t} ${v.bytesPerRow} (${v.rows} rows)`).join(', ')}`);
}
console.log(`\n${JSON.stringify(results)}`);
