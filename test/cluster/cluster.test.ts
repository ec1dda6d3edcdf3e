import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createThrowawayDatabase } from '../../src/adapters/db/test-throwaway-database.js';
import { ADMIN_PASSWORD, call, login, nginxBinary, ResumingStream, startCluster, type Cluster, type Session } from './cluster-harness.js';

/**
 * Issue #20's acceptance: three Kefu processes on one PostgreSQL database behind nginx
 * (deploy/nginx.conf). Desks and dashboards connected across the processes; CTI events and tickets
 * posted through nginx; one process SIGKILLed mid-way. Afterwards every acknowledged write is in
 * the database, each timer fired once, and every connected client got every event it may see
 * exactly once after reconnecting.
 */
const why = !process.env.TEST_DATABASE_URL ? 'TEST_DATABASE_URL is not set' : !nginxBinary() ? 'nginx is not installed (apt-get install nginx)' : undefined;
if (why) console.log(`cluster test skipped: ${why}`);

const CALLS = 36;
const KILL_AFTER = 14;

describe.skipIf(why !== undefined)('cluster: 3 processes on one PostgreSQL behind nginx', () => {
  let cluster: Cluster;
  let drop: () => Promise<void>;
  let dbUrl: string;
  let closePool: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    const db = await createThrowawayDatabase('kefu_cluster');
    drop = db.drop;
    dbUrl = db.url;
    cluster = await startCluster({ databaseUrl: db.url, processes: 3 });
  }, 120_000);
  afterAll(async () => {
    await closePool().catch(() => undefined);
    await cluster?.stop();
    await drop?.();
  }, 60_000);

  it('survives a SIGKILL: acknowledged writes kept, timers fired once, every client got every event exactly once', async () => {
    const base = cluster.url;
    const admin = await login(base, 'admin', ADMIN_PASSWORD);
    for (const [username, role] of [['sup1', 'supervisor'], ['ana', 'agent'], ['bo', 'agent']] as const) {
      const r = await call(base, admin, 'POST', '/api/users', { username, password: 'cluster-pass-2026', role, displayName: username });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    const sup = await login(base, 'sup1', 'cluster-pass-2026');
    const agents: Record<string, Session> = { ana: await login(base, 'ana', 'cluster-pass-2026'), bo: await login(base, 'bo', 'cluster-pass-2026') };

    // Six desks and dashboards through nginx: round robin puts them on every process.
    const watchers = [sup, sup, admin, admin].map((s) => new ResumingStream(base, s));
    const desks = { ana: new ResumingStream(base, agents.ana!), bo: new ResumingStream(base, agents.bo!) };
    const all = [...watchers, desks.ana, desks.bo];
    await Promise.all(all.map((s) => s.connected));
    const pids = cluster.processes.map((p) => String(p.child.pid));
    const onEach = pids.map((pid) => all.filter((s) => s.instance === pid).length);
    expect(onEach.filter((n) => n > 0).length, `streams per process ${onEach}`).toBeGreaterThanOrEqual(2);

    // Timers due before the kill, on whichever process claims them.
    const pool = new pg.Pool({ connectionString: dbUrl, max: 2 });
    pool.on('error', () => undefined);
    closePool = () => pool.end();
    const timer = async (day: string, inMs: number) =>
      pool.query(`insert into jobs (id, queue, payload, run_at, locked_until, attempts, max_attempts, status, last_error, unique_key, created_at, updated_at) values ($1, 'system.retention', $2, $3, null, 0, 5, 'pending', null, $4, $3, $3)`, [
        `job_cluster_${day}`,
        JSON.stringify({ day }),
        Date.now() + inMs,
        `retention:${day}`,
      ]);
    const timersDone = async (days: string[]) => {
      for (let i = 0; i < 100; i++) {
        const r = await pool.query(`select count(*)::int as n from jobs where unique_key = any($1) and status = 'done'`, [days.map((d) => `retention:${d}`)]);
        if (r.rows[0].n === days.length) return;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`timers ${days.join(',')} not done`);
    };
    const before = ['t-before-1', 't-before-2', 't-before-3'];
    for (const [i, d] of before.entries()) await timer(d, 300 + i * 200);

    // The load: each call's three CTI events and a ticket, through nginx, a few at a time. A POST
    // that fails (its process died under it) is retried: CTI events are idempotent, tickets carry an
    // Idempotency-Key. Only what was acknowledged is expected.
    const at0 = Date.parse('2026-03-02T09:00:00+08:00');
    const acknowledgedTickets: string[] = [];
    const expectedCalls: Array<{ callId: string; agent: string }> = [];
    let killed: string | undefined;
    const postCall = async (i: number) => {
      const callId = `cl-${i}`;
      const agent = i % 2 === 0 ? 'ana' : 'bo';
      const at = at0 + i * 60_000;
      const events = [
        { type: 'offered', callId, at, queue: 'hotline', caller: `1391234${String(i).padStart(4, '0')}` },
        { type: 'answered', callId, at: at + 5000, agent },
        { type: 'ended', callId, at: at + 50_000, by: 'customer' },
      ];
      for (let attempt = 1; ; attempt++) {
        const r = await call(base, sup, 'POST', '/api/cti/events', { events });
        if (r.status === 202) break;
        if (attempt >= 6) throw new Error(`CTI post ${callId}: ${r.status} ${JSON.stringify(r.body)}`);
        await new Promise((res) => setTimeout(res, 200));
      }
      expectedCalls.push({ callId, agent });
      for (let attempt = 1; attempt <= 6; attempt++) {
        const r = await call(base, sup, 'POST', '/api/tickets', { type: 'suggestion', customerName: `客户${i}`, description: `第${i}位来电客户希望增加夜间人工服务时段`, callId }, { 'idempotency-key': `ticket-${i}` });
        if (r.status === 201 || r.status === 200) {
          acknowledgedTickets.push((r.body as { ticket: { id: string } }).ticket.id);
          break;
        }
        await new Promise((res) => setTimeout(res, 200));
      }
    };
    let next = 0;
    const worker = async () => {
      while (next < CALLS) {
        const i = next++;
        if (i === KILL_AFTER && !killed) {
          await timersDone(before);
          // The process holding the most streams dies without a word.
          const victim = cluster.processes.reduce((a, b) => (all.filter((s) => s.instance === String(b.child.pid)).length > all.filter((s) => s.instance === String(a.child.pid)).length ? b : a));
          killed = String(victim.child.pid);
          victim.child.kill('SIGKILL');
          await victim.exited;
        }
        await postCall(i);
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    expect(killed).toBeDefined();

    // Timers due after the kill run on the survivors.
    const after = ['t-after-1', 't-after-2', 't-after-3'];
    for (const [i, d] of after.entries()) await timer(d, 200 + i * 300);
    await timersDone(after);

    // Every acknowledged write is in the database. (A ticket whose process died under it may stay
    // unacknowledged: its retry meets the dead request's Idempotency-Key claim, 409 for 2 minutes.)
    expect(expectedCalls).toHaveLength(CALLS);
    expect(acknowledgedTickets.length).toBeGreaterThanOrEqual(CALLS - 3);
    const tickets = await pool.query(`select id from tickets where id = any($1)`, [acknowledgedTickets]);
    expect(tickets.rowCount).toBe(acknowledgedTickets.length);
    const calls = await pool.query(`select external_id from calls where external_id like 'cl-%'`);
    expect(calls.rowCount).toBe(CALLS);

    // Each timer fired once: done on its first attempt, one run recorded per timer.
    const jobs = await pool.query(`select unique_key, status, attempts from jobs where unique_key like 'retention:t-%' order by unique_key`);
    expect(jobs.rows.map((j) => [j.unique_key, j.status, j.attempts])).toEqual([...after, ...before].sort().map((d) => [`retention:${d}`, 'done', 1]));
    const runs = await pool.query(`select target_id, count(*)::int as n from audit_log where action = 'retention.applied' and target_id like 't-%' group by target_id order by target_id`);
    expect(runs.rows).toEqual([...after, ...before].sort().map((d) => ({ target_id: d, n: 1 })));

    // Every client got every event it may see, exactly once, in order (the killed process's
    // clients reconnected with Last-Event-ID through nginx to another process).
    const key = (e: { type: string; data: Record<string, unknown> }) => `${e.type}:${String(e.type.startsWith('ticket.') ? e.data.ticketId : e.data.callId)}`;
    const callKeys = (agent?: string) => expectedCalls.filter((c) => !agent || c.agent === agent).flatMap((c) => ['offered', 'answered', 'ended'].map((t) => `call.${t}:${c.callId}`));
    const expectFor = (s: ResumingStream, agent?: string) => [...callKeys(agent), ...(agent ? [] : acknowledgedTickets.map((id) => `ticket.created:${id}`))];
    const complete = (s: ResumingStream, agent?: string) => {
      const got = new Set(s.events.map(key));
      return expectFor(s, agent).every((k) => got.has(k));
    };
    for (let i = 0; i < 150 && !(watchers.every((s) => complete(s)) && complete(desks.ana, 'ana') && complete(desks.bo, 'bo')); i++) await new Promise((r) => setTimeout(r, 100));
    const moved = all.filter((s) => s.instances.includes(killed!));
    expect(moved.length, 'streams on the killed process').toBeGreaterThan(0);
    for (const s of moved) expect(s.instances.length, 'reconnected').toBeGreaterThan(1);
    for (const [s, agent] of [...watchers.map((w) => [w, undefined] as const), [desks.ana, 'ana'] as const, [desks.bo, 'bo'] as const]) {
      const keys = s.events.filter((e) => e.type.startsWith('call.') || e.type === 'ticket.created').map(key);
      const ids = s.events.map((e) => e.id);
      expect(new Set(ids).size, 'no event id twice').toBe(ids.length);
      expect(ids.every((id, i) => i === 0 || id > ids[i - 1]!), 'in sequence order').toBe(true);
      expect(new Set(keys).size, 'no event twice').toBe(keys.length);
      expect([...new Set(keys)].filter((k) => k.startsWith('call.')).sort()).toEqual(callKeys(agent).sort());
      expect(expectFor(s, agent).filter((k) => !keys.includes(k)), 'missed').toEqual([]);
      expect(s.resets).toBe(0);
    }
    for (const s of all) s.close();

    // Stateless processes: a settings change made on one process is in force on another within 1 s.
    const [a, c] = cluster.processes.filter((p) => String(p.child.pid) !== killed);
    const on = (p: { port: number }) => `http://127.0.0.1:${p.port}`;
    const settings = (await call(on(c!), admin, 'GET', '/api/ticket-settings')).body as { teamsPrivate: boolean; atRiskWithinMs?: number };
    const { atRiskWithinMs: _ignored, ...doc } = settings;
    const put = await call(on(a!), admin, 'PUT', '/api/ticket-settings', { ...doc, teamsPrivate: !settings.teamsPrivate });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const changedAt = Date.now();
    let seen = settings.teamsPrivate;
    while (seen === settings.teamsPrivate && Date.now() - changedAt < 1000) {
      seen = ((await call(on(c!), admin, 'GET', '/api/ticket-settings')).body as { teamsPrivate: boolean }).teamsPrivate;
    }
    expect(seen, 'in force on the other process within 1 s').toBe(!settings.teamsPrivate);

    // One sign-in allowance per address for the whole cluster; the client's address comes from
    // the trusted proxy's X-Forwarded-For (and nginx drops one a client forged).
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await call(on(i % 2 ? a! : c!), null, 'POST', '/api/auth/login', { username: 'ana', password: 'wrong-password' }, { 'x-forwarded-for': '203.0.113.9' })).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
    expect((await call(base, null, 'POST', '/api/auth/login', { username: 'ana', password: 'wrong-password' }, { 'x-forwarded-for': '203.0.113.9' })).status).toBe(401);
    const addresses = await pool.query(`select ip, count(*)::int as n from audit_log where action = 'auth.login_failed' group by ip order by ip`);
    expect(addresses.rows).toEqual([
      { ip: '127.0.0.1', n: 1 },
      { ip: '203.0.113.9', n: 20 },
    ]);
  }, 120_000);
});
