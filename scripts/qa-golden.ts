// qa:golden — one sha256 over everything the quality engine returns, to prove a speed change left
// every result byte-identical.
//
// Inspects (zh and en) the bench:qa transcripts (through JSON and parseTranscript, as the bench
// does), the demo calls of every scenario (default pack, and the pack with the demo centre's
// names), and, when the development set is here (../shared/eval/qa-dev or $KEFU_QA_DEV_DIR, as
// eval:qa finds it), its real chats as chats, as calls, and with spaces and emoji mixed in (offsets
// that do not map to themselves). Prints a hash per part and one over all parts.
//
//   npx tsx scripts/qa-golden.ts
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDefaultPack } from '../src/adapters/standard-files.js';
import { DEMO_CENTRE, DEMO_COMPANY, demoCall, demoScenarios } from '../src/adapters/demo/demo-transcripts.js';
import { compilePack, inspectTranscript } from '../src/core/quality/index.js';
import type { CompiledPack } from '../src/core/quality/compile.js';
import { parseTranscript, type Transcript } from '../src/core/interactions/transcript.js';
import { generate } from '../bench/qa-transcripts.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** JSON with `undefined` values spelled out, so a key present as undefined differs from an absent one. */
function serialize(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v === undefined ? '\u0000undefined' : v));
}

class Part {
  private readonly hash = createHash('sha256');
  count = 0;
  constructor(readonly name: string) {}
  add(transcript: Transcript, compiled: CompiledPack): void {
    for (const lang of ['zh', 'en'] as const) {
      this.hash.update(serialize(inspectTranscript(transcript, compiled, { lang })));
      this.hash.update('\n');
      this.count++;
    }
  }
  addRaw(s: string): void {
    this.hash.update(s);
    this.hash.update('\n');
  }
  digest(): string {
    return this.hash.digest('hex');
  }
}

const pack = loadDefaultPack();
const compiled = compilePack(pack);
const parts: Part[] = [];

// (a) bench:qa's transcripts, through JSON and validation as the bench runs them.
{
  const part = new Part('bench');
  for (const line of generate(2000)) {
    const parsed = parseTranscript(JSON.parse(line));
    if (!parsed.ok) throw new Error('bad bench transcript');
    part.addRaw(serialize(parsed.transcript));
    part.add(parsed.transcript, compiled);
  }
  parts.push(part);
}

// The same calls with times moved about: utterances that overlap, start out of order, or lack
// an end, and long silences (interruptions, dead air, speech rate, holds by silence).
{
  const part = new Part('bench, times moved');
  generate(400).forEach((line, k) => {
    const doc = JSON.parse(line) as { events: Array<{ at: number }>; utterances: Array<{ start?: number; end?: number }> };
    doc.utterances.forEach((u, i) => {
      const shift = ((i + 1) * (k + 3) * 7919) % 9000;
      const duration = u.end! - u.start!;
      u.start = Math.max(0, u.start! - shift + (i % 7 === 3 ? 40_000 : 0));
      if ((i + k) % 11 === 0) delete u.end;
      else u.end = u.start + ((duration + ((k * 31 + i * 17) % 6000)) % 20_000);
    });
    const parsed = parseTranscript(doc);
    if (!parsed.ok) throw new Error('bad moved transcript');
    part.add(parsed.transcript, compiled);
  });
  parts.push(part);
}

// (c) the demo calls, every scenario with several seeds, with the default pack and the demo's.
{
  const part = new Part('demo');
  const demoPack = compilePack({ ...pack, variables: { ...pack.variables, company: [DEMO_COMPANY], centre: [DEMO_CENTRE], agentNames: ['王小明', '李芳'] } });
  for (let seed = 0; seed < 40; seed++) {
    for (const scenario of demoScenarios) {
      const d = demoCall({ id: `demo-${seed}-${scenario}`, scenario, agent: 'wang', agentName: seed % 2 === 0 ? '王小明' : '李芳', customerId: 'c1', surname: '张', phone: `1380000${String(1000 + seed)}`, startedAt: '2026-03-02T08:00:00.000Z', seed });
      const parsed = parseTranscript(d.transcript);
      if (!parsed.ok) throw new Error('bad demo transcript');
      part.addRaw(serialize(parsed.transcript));
      part.add(parsed.transcript, compiled);
      part.add(parsed.transcript, demoPack);
    }
  }
  parts.push(part);
}

// (b) the real chats of the development set, loaded as eval:qa loads them.
const dir = [join(root, '..', 'shared', 'eval', 'qa-dev'), process.env.KEFU_QA_DEV_DIR].find((d) => d && existsSync(join(d, 'jddc-dev-labels.jsonl')));
if (dir === undefined) {
  console.log('qa:golden: no development set (../shared/eval/qa-dev or $KEFU_QA_DEV_DIR): real chats skipped');
} else {
  const sessions = readFileSync(join(dir, 'jddc-dev-labels.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => (JSON.parse(l) as { session: string }).session);
  const wanted = new Set(sessions);
  const rawFile = process.env.KEFU_QA_RAW_FILE ?? join(dir, '..', 'raw', 'jddc2019-sample', 'chat_0.1per.txt');
  const chats = new Map<string, Array<{ speaker: 'agent' | 'customer'; text: string }>>();
  for (const line of readFileSync(rawFile, 'utf8').split('\n')) {
    if (line.length === 0) continue;
    const cols = line.split('\t');
    if (!wanted.has(cols[0]!)) continue;
    const list = chats.get(cols[0]!) ?? [];
    list.push({ speaker: cols[2] === '1' ? 'agent' : 'customer', text: cols.slice(6).join('\t') });
    chats.set(cols[0]!, list);
  }
  const part = new Part(`qa-dev (${sessions.length} chats)`);
  // Spaces (dropped by normalization) and an emoji (two units) move normalized offsets off the original ones.
  const mixed = (text: string, i: number): string => (i % 3 === 0 ? '😀' : '') + text.replace(/(.{5})/gu, '$1 ');
  for (const session of sessions) {
    const rows = chats.get(session);
    if (!rows) throw new Error(`session ${session} is not in ${rawFile}`);
    part.add({ id: session, channel: 'chat', direction: 'inbound', utterances: rows.map((r) => ({ speaker: r.speaker, text: r.text })) }, compiled);
    part.add({ id: session, channel: 'phone', direction: 'inbound', utterances: rows.map((r) => ({ speaker: r.speaker, text: r.text })) }, compiled);
    part.add({ id: session, channel: 'chat', direction: 'inbound', utterances: rows.map((r, i) => ({ speaker: r.speaker, text: mixed(r.text, i) })) }, compiled);
  }
  parts.push(part);
}

const all = createHash('sha256');
for (const part of parts) {
  const d = part.digest();
  all.update(d);
  console.log(`${part.name.padEnd(24)} ${String(part.count).padStart(6)} results  ${d}`);
}
console.log(`${'all'.padEnd(24)} ${''.padStart(14)}  ${all.digest('hex')}`);
