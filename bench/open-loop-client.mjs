// An open-loop HTTP load generator, run as a process of its own by bench/tickets.ts:
// requests are *scheduled* at a steady rate (request i at start + i / rate) whatever the server
// does, sent over at most `connections` keep-alive connections, and each latency is counted from
// the moment the request was due. A request that waits for a free connection is late, and that
// wait is in its latency (no coordinated omission). autocannon's own rate limit sends each
// second's requests in a burst at the start of the second, which measures the burst instead.
//
// Options come as JSON in OPEN_LOOP_OPTIONS: { url, method, headers, body, rate, connections,
// duration }. Prints one JSON line: { sent, done, non2xx, errors, seconds, latency: { p50, p90,
// p99, max } } (ms).
import http from 'node:http';

const o = JSON.parse(process.env.OPEN_LOOP_OPTIONS ?? '{}');
const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
const url = new URL(o.url);
const latencies = [];
let inFlight = 0;
let sent = 0;
let done = 0;
let non2xx = 0;
let errors = 0;
const waiting = [];
const total = Math.round(o.rate * o.duration);
const start = performance.now();

function send(dueAt) {
  inFlight++;
  sent++;
  const req = http.request(
    { agent, host: url.hostname, port: url.port, path: url.pathname + url.search, method: o.method ?? 'GET', headers: { ...o.headers, 'content-length': Buffer.byteLength(o.body ?? '') } },
    (res) => {
      res.resume();
      res.on('end', () => {
        latencies.push(performance.now() - dueAt);
        if (res.statusCode < 200 || res.statusCode > 299) non2xx++;
        finish();
      });
    },
  );
  req.on('error', () => {
    errors++;
    finish();
  });
  req.end(o.body ?? '');
}

function finish() {
  inFlight--;
  done++;
  if (waiting.length > 0 && inFlight < o.connections) send(waiting.shift());
  if (done === total) report();
}

let next = 0;
const timer = setInterval(() => {
  const now = performance.now();
  while (next < total && start + (next * 1000) / o.rate <= now) {
    const dueAt = start + (next * 1000) / o.rate;
    next++;
    if (inFlight < o.connections) send(dueAt);
    else waiting.push(dueAt);
  }
  if (next >= total) clearInterval(timer);
}, 2);

function report() {
  latencies.sort((a, b) => a - b);
  const at = (p) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] * 10) / 10;
  process.stdout.write(
    JSON.stringify({ sent, done, non2xx, errors, seconds: (performance.now() - start) / 1000, latency: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) } }),
  );
  agent.destroy();
}
