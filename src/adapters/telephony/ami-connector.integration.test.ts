import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../http/test-app.js';
import type { Dialect } from '../db/database.js';
import { ZoneCalendar } from '../../core/kpi/time-zone.js';
import { startAmiReplayServer, type AmiReplayServer } from '../../../test/telephony/ami-replay-server.js';
import { importCallFile } from './call-import.js';
import { AmiLink } from './ami-link.js';
import { AmiCallMapper } from './ami-call-mapper.js';
import { PbxConnector } from './pbx-connector.js';
import { ctiSink } from './cti-sink.js';
import { PbxLoginRefused } from './pbx-connector-types.js';

const fixtures = new URL('../../../test/fixtures/asterisk-ami/', import.meta.url).pathname;
const recording = readFileSync(join(fixtures, 'session-50-calls.ami'), 'utf8');
const dialects: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

const repoOf = (t: TestApp) => t.ctx.callRepository;

function connectorFor(t: TestApp, server: AmiReplayServer, o: { secret?: string; warnings?: string[] } = {}) {
  const mapper = new AmiCallMapper((type) => o.warnings?.push(`unknown ${type}`));
  const connector = new PbxConnector({
    link: () => new AmiLink({ host: '127.0.0.1', port: server.port, user: 'kefu', secret: o.secret ?? 'amp111' }),
    mapper,
    sink: ctiSink(repoOf(t), t.ctx.events, t.ctx.clock),
    clock: t.ctx.clock,
    log: { info: () => undefined, warn: (m) => o.warnings?.push(m) },
    retryRefusedLogin: false,
    backoffMs: 5,
    sleep: () => new Promise((r) => setImmediate(r)),
  });
  return { connector, mapper };
}

/** Everything the replay wrote has been read (one FullyBooted per connection besides) and stored. */
async function drained(server: AmiReplayServer, connector: PbxConnector): Promise<void> {
  await server.done;
  await vi.waitFor(() => expect(connector.stats.messages).toBe(server.sent + connector.stats.connects), { timeout: 20_000, interval: 20 });
  await connector.idle();
}

const kpiOf = async (t: TestApp, by: string) => {
  const res = await t.app.inject({ url: `/api/kpi?by=${by}`, headers: await t.as('supervisor') });
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as { groups: unknown; connection: unknown };
  return { groups: body.groups, connection: body.connection };
};

for (const dialect of dialects) {
  describe(`Asterisk AMI connector [${dialect}]`, () => {
    const open: { close(): Promise<void> }[] = [];
    let dir: string | null = null;
    afterEach(async () => {
      for (const o of open.splice(0).reverse()) await o.close();
      if (dir !== null) rmSync(dir, { recursive: true, force: true });
      dir = null;
    });

    it('50 calls replayed over AMI (with a drop mid-call and the reconnect) give the /api/kpi figures of their queue_log', async () => {
      const live = await createTestApp({ dialect });
      open.push(live);
      const server = await startAmiReplayServer({ recording, user: 'kefu', secret: 'amp111' });
      open.push(server);
      const warnings: string[] = [];
      const { connector } = connectorFor(live, server, { warnings });
      open.push({ close: () => connector.stop() });
      await connector.start();
      await drained(server, connector);

      // The line dropped once and the connector came back by itself; the call on hold at the
      // drop was still up, so reconcile closed nothing.
      expect(connector.stats.connects).toBe(2);
      expect(server.logins).toBe(2);
      expect(connector.stats.reconciled).toBe(0);
      expect(connector.stats.refused).toBe(0);
      expect(connector.stats.unknown).toMatchObject({ Newchannel: 50, FullyBooted: 2 });
      // Logged once per type, not once per event.
      expect(warnings.filter((w) => w === 'unknown Newchannel')).toHaveLength(1);

      const imported = await createTestApp({ dialect });
      open.push(imported);
      const zone = new ZoneCalendar('Asia/Shanghai');
      await importCallFile(repoOf(imported), 'queue_log', join(fixtures, 'queue_log.txt'), { zone, clock: imported.clock });

      for (const by of ['total', 'agent', 'hour']) {
        const fromLive = await kpiOf(live, by);
        expect(fromLive).toEqual(await kpiOf(imported, by));
      }
      // The same queue_log imported later into the live database: each call counts once, the same figures.
      await importCallFile(repoOf(live), 'queue_log', join(fixtures, 'queue_log.txt'), { zone, clock: live.clock });
      expect(await kpiOf(live, 'agent')).toEqual(await kpiOf(imported, 'agent'));

      const total = (await kpiOf(live, 'total')).groups as Array<{ offered: number; answered: number; abandoned: number; transferred: number; ringNoAnswer: number }>;
      // 30 answered (5 each: by the caller, by the agent, after a missed ring, with a hold, a blind
      // and an attended transfer), 15 abandoned (in the queue, after a missed ring, while an agent's
      // phone rang: not a missed ring), 5 timed out.
      expect(total[0]).toMatchObject({ offered: 50, answered: 30, abandoned: 15, transferred: 10, ringNoAnswer: 10 });

      // Each call by its PBX times, with its hold and transfer kinds.
      const calls = await repoOf(live).list({ limit: 100, sources: ['cti'] });
      expect(calls.items).toHaveLength(50);
      expect(calls.items.filter((c) => c.outcome === 'open')).toEqual([]);
      expect(calls.items.filter((c) => c.transferKind === 'attended')).toHaveLength(5);
      expect(calls.items.filter((c) => c.transferKind === 'blind')).toHaveLength(5);
      expect(calls.items.filter((c) => (c.holdMs ?? 0) > 0)).toHaveLength(10);
    }, 90_000);

    it('a call that ends while the line is down is closed on reconnect (ended by the system at the PBX time), not left open', async () => {
      const t = await createTestApp({ dialect });
      open.push(t);
      const head = recording.split('\n').filter((l) => !l.startsWith('#!')).join('\n');
      // Cut the stream after call 1's answer: the rest (its hang-up) happens while disconnected.
      const cut = head.indexOf('Event: AgentConnect');
      const end = head.indexOf('\r\n\r\n', cut) + 4;
      const rec = `${head.slice(0, end)}#! disconnect\n${head.slice(end)}#! reconnect\n`;
      const firstCall = /Uniqueid: (\S+)/.exec(head.slice(head.indexOf('Event: QueueCallerJoin')))?.[1];
      const server = await startAmiReplayServer({ recording: rec, user: 'kefu', secret: 'amp111' });
      open.push(server);
      const { connector } = connectorFor(t, server);
      open.push({ close: () => connector.stop() });
      await connector.start();
      await drained(server, connector);
      await vi.waitFor(() => expect(connector.stats.reconciled).toBeGreaterThan(0), { timeout: 10_000, interval: 20 });
      await connector.idle();
      const { items } = await repoOf(t).list({ limit: 10 });
      const first = items.find((c) => c.externalId === firstCall);
      expect(first).toMatchObject({ outcome: 'answered', endedBy: 'system' });
      expect(items.filter((c) => c.outcome === 'open')).toEqual([]);

      // The queue_log imported later corrects it: the figures are the log's, each call once.
      const imported = await createTestApp({ dialect });
      open.push(imported);
      const zone = new ZoneCalendar('Asia/Shanghai');
      await importCallFile(repoOf(imported), 'queue_log', join(fixtures, 'queue_log.txt'), { zone, clock: imported.clock });
      await importCallFile(repoOf(t), 'queue_log', join(fixtures, 'queue_log.txt'), { zone, clock: t.clock });
      expect(await kpiOf(t, 'total')).toEqual(await kpiOf(imported, 'total'));
    }, 90_000);

    it('a refused login names the host and the user, and does not retry when told not to', async () => {
      const t = await createTestApp({ dialect });
      open.push(t);
      const server = await startAmiReplayServer({ recording, user: 'kefu', secret: 'amp111' });
      open.push(server);
      const { connector } = connectorFor(t, server, { secret: 'wrong' });
      const err = await connector.start().then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(PbxLoginRefused);
      expect(String((err as Error).message)).toContain(`127.0.0.1:${server.port}`);
      expect(String((err as Error).message)).toContain('kefu');
      expect(server.logins).toBe(1);
    });
  });
}

describe('the queue_log and AMI fixtures are what the generator writes', () => {
  it('regenerates them byte for byte', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-ami-fixture-'));
    try {
      const { generateAmiSession } = await import('../../../test/telephony/ami-session-generator.js');
      const s = generateAmiSession({ calls: 50, startEpoch: Date.parse('2026-03-02T09:00:00+08:00') / 1000, seed: 0x41_4d_49, gap: true });
      writeFileSync(join(dir, 'q'), s.queueLog);
      expect(readFileSync(join(dir, 'q'), 'utf8')).toBe(readFileSync(join(fixtures, 'queue_log.txt'), 'utf8'));
      expect(recording.endsWith(s.ami)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
