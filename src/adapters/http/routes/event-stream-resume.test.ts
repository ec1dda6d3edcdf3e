import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-app.js';
import type { Dialect } from '../../db/database.js';

interface Received {
  id: number;
  type: string;
  data: Record<string, unknown>;
}

/** A stream on the real server, parsed into events as EventSource would. */
function openStream(port: number, headers: Record<string, string>): Promise<{ events: Received[]; resets: () => number; close: () => void }> {
  return new Promise((resolve, reject) => {
    const events: Received[] = [];
    let resets = 0;
    const req = http.get({ host: '127.0.0.1', port, path: '/api/events/stream', headers }, (res) => {
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        buf += d;
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
          if (field('event') === 'stream.reset') resets++;
          else if (field('id')) events.push({ id: Number(field('id')), type: field('event')!, data: JSON.parse(field('data')!) as Record<string, unknown> });
        }
      });
      resolve({ events, resets: () => resets, close: () => req.destroy() });
    });
    req.on('error', (e) => (String(e).includes('socket hang up') ? undefined : reject(e)));
  });
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
}

const dialects: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

describe.each(dialects)('event stream resume with Last-Event-ID [%s]', (dialect) => {
  let t: TestApp;
  afterEach(async () => t.close());

  it('a reconnecting client gets exactly what it missed, in order, none twice; a CTI event posted twice is one event', async () => {
    t = await createTestApp({ dialect });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as AddressInfo).port;
    const sup = await t.as('supervisor');
    const at = Date.parse('2026-03-02T09:15:00+08:00');
    const post = (callId: string) =>
      t.app.inject({ method: 'POST', url: '/api/cti/events', headers: sup, payload: { events: [{ type: 'answered', callId, at, agent: 'ana' }, { type: 'ended', callId, at: at + 60_000, by: 'customer' }] } });

    const first = await openStream(port, sup);
    await new Promise((r) => setTimeout(r, 100));
    expect((await post('c1')).statusCode).toBe(202);
    expect((await post('c1')).statusCode).toBe(202); // a connector's retry: the same two events
    await until(() => first.events.length >= 2);
    await new Promise((r) => setTimeout(r, 200));
    expect(first.events.map((e) => `${e.type}:${e.data.callId}`)).toEqual(['call.answered:c1', 'call.ended:c1']);
    const lastSeen = first.events.at(-1)!.id;
    first.close();

    // Missed while away.
    expect((await post('c2')).statusCode).toBe(202);
    expect((await post('c3')).statusCode).toBe(202);
    const again = await openStream(port, { ...sup, 'last-event-id': String(lastSeen) });
    await until(() => again.events.length >= 4);
    expect((await post('c4')).statusCode).toBe(202);
    await until(() => again.events.length >= 6);
    await new Promise((r) => setTimeout(r, 200));
    expect(again.events.map((e) => `${e.type}:${e.data.callId}`)).toEqual(['call.answered:c2', 'call.ended:c2', 'call.answered:c3', 'call.ended:c3', 'call.answered:c4', 'call.ended:c4']);
    const ids = again.events.map((e) => e.id);
    expect(ids.every((id, i) => i === 0 || id > ids[i - 1]!)).toBe(true);
    expect(ids[0]).toBeGreaterThan(lastSeen);
    expect(again.resets()).toBe(0);
    again.close();

    // Older than the log keeps: the client is told to reload instead of silently missing events.
    await t.ctx.eventLog.prune(Number.MAX_SAFE_INTEGER);
    expect((await post('c5')).statusCode).toBe(202);
    const stale = await openStream(port, { ...sup, 'last-event-id': String(lastSeen) });
    await until(() => stale.resets() === 1 && stale.events.length >= 2);
    expect(stale.events.map((e) => `${e.type}:${e.data.callId}`)).toEqual(['call.answered:c5', 'call.ended:c5']);
    stale.close();
  });
});
