import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../http/test-app.js';
import type { Dialect } from '../db/database.js';
import { startEslReplayServer, type EslReplayServer } from '../../../test/telephony/esl-replay-server.js';
import { generateEslSession } from '../../../test/telephony/esl-session-generator.js';
import { EslLink } from './esl-link.js';
import { EslCallMapper } from './esl-call-mapper.js';
import { PbxConnector } from './pbx-connector.js';
import { ctiSink } from './cti-sink.js';
import { PbxLoginRefused } from './pbx-connector-types.js';

const recording = readFileSync(new URL('../../../test/fixtures/freeswitch-esl/session-10-calls.esl', import.meta.url), 'utf8');
const { esl, expected } = generateEslSession(Date.parse('2026-03-02T14:00:00+08:00') / 1000);
const dialects: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
const repoOf = (t: TestApp) => t.ctx.callRepository;

function connectorFor(t: TestApp, server: EslReplayServer, password = 'ClueCon', warnings: string[] = []) {
  return new PbxConnector({
    link: () => new EslLink({ host: '127.0.0.1', port: server.port, password }),
    mapper: new EslCallMapper((type) => warnings.push(`unknown ${type}`)),
    sink: ctiSink(repoOf(t), t.ctx.events, t.ctx.clock),
    clock: t.ctx.clock,
    log: { info: () => undefined, warn: (m) => warnings.push(m) },
    retryRefusedLogin: false,
    backoffMs: 5,
    sleep: () => new Promise((r) => setImmediate(r)),
  });
}

for (const dialect of dialects) {
  describe(`FreeSWITCH ESL connector [${dialect}]`, () => {
    const open: { close(): Promise<void> }[] = [];
    afterEach(async () => {
      for (const o of open.splice(0).reverse()) await o.close();
    });

    it('the fixture is what the generator writes', () => {
      expect(recording.endsWith(esl)).toBe(true);
    });

    it('10 mod_callcenter calls replayed over the event socket (with a drop and the reconnect) are stored with their outcomes, times and who hung up', async () => {
      const t = await createTestApp({ dialect });
      open.push(t);
      const server = await startEslReplayServer({ recording, password: 'ClueCon' });
      open.push(server);
      const warnings: string[] = [];
      const connector = connectorFor(t, server, 'ClueCon', warnings);
      open.push({ close: () => connector.stop() });
      await connector.start();
      await server.done;
      await vi.waitFor(() => expect(connector.stats.messages).toBe(server.sent), { timeout: 20_000, interval: 20 });
      await vi.waitFor(() => expect(connector.stats.reconciled).toBe(1), { timeout: 10_000, interval: 20 });
      await connector.idle();
      expect(connector.stats.connects).toBe(2);
      expect(connector.stats.refused).toBe(0);

      const { items } = await repoOf(t).list({ limit: 50 });
      const got = expected.map((e) => {
        const c = items.find((i) => i.externalId === e.id);
        return { id: e.id, outcome: c?.outcome, endedBy: c?.endedBy ?? null, waitMs: c?.waitMs ?? null, ringMs: c?.ringMs ?? null, holdMs: c?.holdMs ?? null, missedRings: c?.missedRings };
      });
      expect(got).toEqual(expected);

      const kpi = await t.app.inject({ url: '/api/kpi', headers: await t.as('supervisor') });
      expect(kpi.statusCode).toBe(200);
      const total = (kpi.json() as { groups: Array<Record<string, number>> }).groups[0];
      expect(total).toMatchObject({ offered: 10, answered: 8, abandoned: 1, timedOut: 1, ringNoAnswer: 1, callerHungUpFirst: 5, agentHungUpFirst: 2 });
    }, 60_000);

    it('a wrong event-socket password is refused naming the host', async () => {
      const t = await createTestApp({ dialect });
      open.push(t);
      const server = await startEslReplayServer({ recording, password: 'ClueCon' });
      open.push(server);
      const err = await connectorFor(t, server, 'nope').start().then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(PbxLoginRefused);
      expect((err as Error).message).toContain(`127.0.0.1:${server.port}`);
    });
  });
}
