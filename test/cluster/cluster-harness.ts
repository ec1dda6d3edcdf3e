import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * N real Kefu server processes (`kefu start`) on one PostgreSQL database behind a real nginx
 * running deploy/nginx.conf (its ports and TLS lines swapped for test ones). Used by the cluster
 * test and `npm run bench:cluster`.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ADMIN_PASSWORD = 'cluster-admin-2026';

export function nginxBinary(): string | undefined {
  for (const p of ['/usr/sbin/nginx', ...(process.env.PATH ?? '').split(':').map((d) => path.join(d, 'nginx'))]) if (fs.existsSync(p)) return p;
  return undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface KefuProcess {
  port: number;
  child: ChildProcess;
  log: () => string;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
}

export interface Cluster {
  /** nginx, e.g. http://127.0.0.1:41234 */
  url: string;
  processes: KefuProcess[];
  stop(): Promise<void>;
}

/** deploy/nginx.conf with the test's upstream ports, a plain-HTTP listener instead of TLS, and no redirect server. */
export function testNginxSite(ports: readonly number[], listen: number): string {
  const conf = fs.readFileSync(path.join(root, 'deploy/nginx.conf'), 'utf8');
  const upstreams = ports.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join('\n');
  let out = conf.replace(/(?:^ {4}server 127\.0\.0\.1:\d+[^\n]*\n)+/m, `${upstreams}\n`);
  out = out.replace(/server \{\n {4}listen 80;[\s\S]*?\n\}\n/, '');
  out = out.replace(/listen 443 ssl[^;]*;/, `listen 127.0.0.1:${listen};`);
  out = out.replace(/^ {4}ssl_[^\n]*\n/gm, '');
  if (out.includes('ssl_') || out.includes('listen 80;') || !out.includes(`server 127.0.0.1:${ports[0]}`)) throw new Error('deploy/nginx.conf changed shape: update testNginxSite');
  return out;
}

function get(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => req.destroy());
  });
}

export async function waitFor(url: string, timeoutMs: number, what: string, log?: () => string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if ((await get(url)) === 200) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} not ready after ${timeoutMs} ms${log ? `\n${log().slice(-2000)}` : ''}`);
}

export function startKefu(databaseUrl: string, port: number, env: Record<string, string> = {}): KefuProcess {
  const child = spawn(process.execPath, [path.join(root, 'bin/kefu.js'), 'start', '--no-build'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', KEFU_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'warn', KEFU_TRUST_PROXY: '127.0.0.1', KEFU_DATA_DIR: os.tmpdir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
  child.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return { port, child, log: () => log, exited };
}

export async function startCluster(opts: { databaseUrl: string; processes: number; env?: Record<string, string> }): Promise<Cluster> {
  const nginx = nginxBinary();
  if (!nginx) throw new Error('nginx not installed');
  const ports = await Promise.all(Array.from({ length: opts.processes }, () => freePort()));
  // All at once: their migrations meet (one runs them, the others wait on its lock).
  const processes = ports.map((p) => startKefu(opts.databaseUrl, p, opts.env));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-nginx-'));
  // Run as root (CI), nginx's workers drop to `nobody`: they must reach the temp paths inside.
  fs.chmodSync(dir, 0o755);
  const listen = await freePort();
  fs.writeFileSync(path.join(dir, 'kefu.conf'), testNginxSite(ports, listen));
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    `worker_processes 1;
error_log ${dir}/error.log warn;
pid ${dir}/nginx.pid;
events { worker_connections 2048; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/kefu.conf;
}
`,
  );
  const proxy = spawn(nginx, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let nginxLog = '';
  proxy.stderr!.on('data', (d: Buffer) => (nginxLog += d.toString()));
  const proxyExited = new Promise<void>((r) => proxy.once('exit', () => r()));
  const stop = async () => {
    for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
    proxy.kill('SIGQUIT');
    await Promise.race([Promise.all([...processes.map((p) => p.exited), proxyExited]), new Promise((r) => setTimeout(r, 10_000))]);
    for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    if (proxy.exitCode === null) proxy.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await Promise.all(processes.map((p) => waitFor(`http://127.0.0.1:${p.port}/api/ready`, 90_000, `kefu on ${p.port}`, p.log)));
    await waitFor(`http://127.0.0.1:${listen}/api/health`, 10_000, 'nginx', () => nginxLog);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url: `http://127.0.0.1:${listen}`, processes, stop };
}

// ---------- a small HTTP client with a session ----------

export interface Session {
  headers: Record<string, string>;
}

export async function login(base: string, username: string, password: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { headers: { cookie: cookies, 'x-csrf-token': csrfToken } };
}

export async function call(base: string, s: Session | null, method: string, url: string, body?: unknown, extra: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  try {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { ...(s?.headers ?? {}), ...(body !== undefined && { 'content-type': 'application/json' }), ...extra },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON (nginx's 502 page)
    }
    return { status: res.status, body: parsed };
  } catch (e) {
    return { status: 0, body: String(e) };
  }
}

// ---------- an EventSource-like client that reconnects with Last-Event-ID ----------

export interface StreamEvent {
  id: number;
  type: string;
  data: Record<string, unknown>;
}

export class ResumingStream {
  readonly events: StreamEvent[] = [];
  readonly instances: string[] = [];
  reconnects = 0;
  resets = 0;
  private lastId: number | undefined;
  private req: http.ClientRequest | undefined;
  private closed = false;
  connected: Promise<void>;
  private markConnected: () => void = () => undefined;

  constructor(
    private readonly base: string,
    private readonly session: Session,
  ) {
    this.connected = new Promise((r) => (this.markConnected = r));
    this.open();
  }

  get instance(): string | undefined {
    return this.instances.at(-1);
  }

  private generation = 0;

  private open(): void {
    if (this.closed) return;
    // Only the newest connection may ask for a reconnect: a late error of an old one must not open a second stream.
    const gen = ++this.generation;
    const retry = () => gen === this.generation && this.retry();
    const u = new URL(`${this.base}/api/events/stream`);
    const headers: Record<string, string> = { ...this.session.headers, accept: 'text/event-stream' };
    if (this.lastId !== undefined) headers['last-event-id'] = String(this.lastId);
    const req = http.get({ host: u.hostname, port: u.port, path: u.pathname, headers }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return retry();
      }
      this.instances.push(String(res.headers['x-kefu-instance']));
      this.markConnected();
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        buf += d;
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
          if (field('event') === 'stream.reset') this.resets++;
          const id = field('id');
          if (id === undefined) continue;
          this.lastId = Number(id);
          this.events.push({ id: Number(id), type: field('event')!, data: JSON.parse(field('data')!) as Record<string, unknown> });
        }
      });
      res.on('end', retry);
      res.on('error', retry);
    });
    req.on('error', retry);
    this.req = req;
  }

  private retry(): void {
    if (this.closed) return;
    this.generation++;
    this.reconnects++;
    this.req?.destroy();
    setTimeout(() => this.open(), 300);
  }

  close(): void {
    this.closed = true;
    this.req?.destroy();
  }
}
