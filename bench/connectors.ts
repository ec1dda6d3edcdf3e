/**
 * bench:connectors — the Asterisk AMI connector end to end on one core: a generated manager stream
 * (2,000 calls, every kind of the 50-call fixture, ~10 events per call with the channel noise a PBX
 * sends) written over TCP by the replay server, read by AmiLink, mapped, and stored through the CTI
 * ingestion into a file SQLite database (WAL), as `kefu connect` does. Beside it, a baseline in the
 * same run that only cuts the same bytes into AMI messages. Targets (issue 18): at least 200
 * events/s, under 50 MB added memory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import { createAppContext } from '../src/app.js';
import { AmiFrameParser } from '../src/adapters/telephony/ami-protocol.js';
import { AmiLink } from '../src/adapters/telephony/ami-link.js';
import { AmiCallMapper } from '../src/adapters/telephony/ami-call-mapper.js';
import { PbxConnector } from '../src/adapters/telephony/pbx-connector.js';
import { ctiSink } from '../src/adapters/telephony/cti-sink.js';
import { CallRepository } from '../src/adapters/db/repositories/call-repository.js';
import { generateAmiSession } from '../test/telephony/ami-session-generator.js';
import { startAmiReplayServer } from '../test/telephony/ami-replay-server.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 2000);
const session = generateAmiSession({ calls: CALLS, startEpoch: Date.parse('2026-03-02T08:00:00+08:00') / 1000, spacingSeconds: 12, seed: 7 });
const wire = session.ami
  .split('\n')
  .filter((l) => !l.startsWith('#'))
  .join('\n');
const mb = (n: number) => (n / 1048576).toFixed(1);

// Baseline: parse only (the same bytes, in the same 1,371-byte chunks the server writes).
{
  const t0 = performance.now();
  const parser = new AmiFrameParser({ expectBanner: false });
  let n = 0;
  for (let i = 0; i < wire.length; i += 1371) n += parser.push(wire.slice(i, i + 1371)).length;
  const ms = performance.now() - t0;
  console.log(`baseline parse only: ${n} events in ${ms.toFixed(0)} ms = ${Math.round((n / ms) * 1000).toLocaleString('en-US')} events/s`);
}

const dir = mkdtempSync(join(tmpdir(), 'kefu-bench-connectors-'));
try {
  const ctx = await createAppContext(loadConfig({ KEFU_DATA_DIR: dir, LOG_LEVEL: 'silent' }));
  const repo = new CallRepository(ctx.database.db, ctx.database.dialect, ctx.database.sqlite);
  const server = await startAmiReplayServer({ recording: session.ami, user: 'bench', secret: 'bench' });
  globalThis.gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const connector = new PbxConnector({
    link: () => new AmiLink({ host: '127.0.0.1', port: server.port, user: 'bench', secret: 'bench' }),
    mapper: new AmiCallMapper(),
    sink: ctiSink(repo, ctx.events, ctx.clock),
    clock: ctx.clock,
    log: { info: () => undefined, warn: (m) => console.warn(m) },
    retryRefusedLogin: false,
  });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await connector.start();
  await server.done;
  while (connector.stats.messages < server.sent + 1) await new Promise((r) => setTimeout(r, 10));
  await connector.idle();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const s = connector.stats;
  const rate = (s.messages / ms) * 1000;
  const added = peakRss - before.rss;
  console.log(
    `connector end to end: ${s.messages} events (${s.stored} stored as ${CALLS} calls, ${s.refused} refused) in ${ms.toFixed(0)} ms = ${Math.round(rate).toLocaleString('en-US')} events/s; ` +
      `CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms (${(((cpu.user + cpu.system) / 1000 / ms) * 100).toFixed(0)}% of one core)`,
  );
  console.log(`memory: RSS ${mb(before.rss)} MB before, peak ${mb(peakRss)} MB (added ${mb(added)} MB); heap used now ${mb(process.memoryUsage().heapUsed)} MB`);
  const ok = rate >= 200 && added < 50 * 1048576 && s.refused === 0;
  console.log(`target ≥ 200 events/s and < 50 MB added: ${ok ? 'PASS' : 'FAIL'}`);
  await connector.stop();
  await server.close();
  await ctx.close();
  if (!ok) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
