import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-app.js';

/** Opens the stream on the real listening server and collects what arrives. */
function openStream(port: number, headers: Record<string, string>): Promise<{ status: number; type: string; headers: http.IncomingHttpHeaders; text: () => string; ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/api/events/stream', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      const ended = new Promise<void>((r) => res.on('end', () => r()));
      resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), headers: res.headers, text: () => text, ended });
    });
    req.on('error', reject);
  });
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
}

describe('GET /api/events/stream', () => {
  let t: TestApp;
  afterEach(async () => t.close());

  it('streams call events live; an agent gets only their own; the server closes streams on shutdown', async () => {
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as AddressInfo).port;
    const sup = await t.as('supervisor');
    const ana = await t.as('agent', { username: 'ana' });
    const supStream = await openStream(port, sup);
    const anaStream = await openStream(port, ana);
    expect(supStream.status).toBe(200);
    expect(supStream.type).toMatch(/text\/event-stream/);
    // The stream writes its own head: the security headers must reach it all the same.
    expect(supStream.headers['content-security-policy']).toContain("default-src 'self'");
    expect(supStream.headers['x-content-type-options']).toBe('nosniff');
    await until(() => supStream.text().includes(': connected') && anaStream.text().includes(': connected'));

    const at = Date.parse('2026-03-02T09:15:00+08:00');
    const post = (callId: string, agent: string) =>
      t.app.inject({ method: 'POST', url: '/api/cti/events', headers: sup, payload: { events: [{ type: 'answered', callId, at, agent }, { type: 'ended', callId, at: at + 60_000, by: 'customer' }] } });
    expect((await post('mine', 'ana')).statusCode).toBe(202);
    expect((await post('theirs', 'bo')).statusCode).toBe(202);
    await until(() => supStream.text().split('event: call.ended').length === 3 && anaStream.text().includes('event: call.ended'));

    expect(supStream.text()).toMatch(/event: call\.answered\ndata: \{[^\n]*"callId":"mine"/);
    expect(supStream.text()).toContain('"callId":"theirs"');
    expect(anaStream.text()).toContain('"callId":"mine"');
    expect(anaStream.text()).not.toContain('"callId":"theirs"');

    // Anonymous: refused before any stream opens.
    const anon = await openStream(port, {});
    expect(anon.status).toBe(401);

    await t.app.close();
    await Promise.all([supStream.ended, anaStream.ended]);
  });
});
