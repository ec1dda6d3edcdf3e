/**
 * bench:visits — the reception queue view (`GET /api/visits?status=waiting`) with 200 visitors waiting
 * across 30 desks, on the real server and SQLite, beside a plain list query of the same run
 * (`GET /api/visits/desks`, one small table). Target (issue 16): the queue view under 100 ms at p95.
 */
import { createTestApp } from '../src/adapters/http/test-app.js';

const VISITORS = 200;
const DESKS = 30;
const ROUNDS = 300;

const t = await createTestApp();
const desk = await t.as('agent', { username: 'desk' });
for (let i = 0; i < DESKS; i++) {
  const h = await t.as('agent', { username: `s${i}` });
  await t.app.inject({ method: 'POST', url: '/api/visits/desks/me', headers: h, payload: { onShift: true, state: i % 3 === 0 ? 'on_phone' : 'free' } });
}
for (let i = 0; i < VISITORS; i++) {
  await t.app.inject({ method: 'POST', url: '/api/visits', headers: desk, payload: { visitor: { surname: `王${i}`, phone: `1381234${String(i).padStart(4, '0')}` }, purpose: '咨询物业费缴纳事宜', forStaff: `s${i % DESKS}`, urgent: i % 17 === 0 } });
}

async function measure(url: string): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    const res = await t.app.inject({ method: 'GET', url, headers: desk });
    times.push(performance.now() - start);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(ROUNDS * 0.5)]!, p95: times[Math.floor(ROUNDS * 0.95)]! };
}

const queue = await measure('/api/visits?status=waiting');
const plain = await measure('/api/visits/desks');
const fmt = (r: { p50: number; p95: number }) => `p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms`;
console.log(`queue view (${VISITORS} waiting, ${DESKS} desks): ${fmt(queue)}  target p95 < 100 ms: ${queue.p95 < 100 ? 'met' : 'NOT met'}`);
console.log(`plain list (desks)                    : ${fmt(plain)}`);
await t.close();
