// bench:qa-ab — the quality engine of this working tree against the one at a git ref (default
// HEAD), in one process, by CPU time: what bench:qa cannot tell on a shared box, where a change
// of a few per cent is smaller than the drift between two runs.
//
// Both trees are bundled by esbuild (each bundle its own copy of the engine and of the timed
// loops, so neither side's inline caches see the other's objects) and run on the same bench:qa
// transcripts in alternating rounds, the order swapped every round (ABBA): a burst of load from
// elsewhere hits both. Prints each side's best round (the least disturbed one) of the floor and
// the engine, and the median over rounds of the engine's time here / there, the steadier figure.
// First checks that both give the same results (zh and en) on the first 400 transcripts.
//
//   npm run bench:qa-ab -- [ref]      BENCH_N (default 1000) transcripts a round, BENCH_ROUNDS (default 40)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { CompiledPack } from '../src/core/quality/compile.js';
import type { QualityResult } from '../src/core/quality/types.js';
import type { InspectOptions } from '../src/core/quality/inspect.js';
import type { StandardPack } from '../src/core/standard/schema.js';
import type { TranscriptParse } from '../src/core/interactions/transcript.js';
import { generate } from './qa-transcripts.js';

interface Side {
  compilePack(pack: StandardPack): CompiledPack;
  parsePackText(text: string): { ok: true; pack: StandardPack } | { ok: false };
  parseTranscript(input: unknown): TranscriptParse;
  inspectTranscript(transcript: Extract<TranscriptParse, { ok: true }>['transcript'], compiled: CompiledPack, options?: InspectOptions): QualityResult;
  floorPass(lines: readonly string[], compiled: CompiledPack): number;
  enginePass(lines: readonly string[], compiled: CompiledPack): number;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ref = process.argv[2] ?? 'HEAD';
const N = Number(process.env.BENCH_N ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);

// The timed loops, as bench/qa.ts runs them, written into each side's bundle.
const ENTRY = (tree: string): string => `
export { compilePack, inspectTranscript } from '${tree}/src/core/quality/index.js';
export { parseTranscript } from '${tree}/src/core/interactions/transcript.js';
export { parsePackText } from '${tree}/src/core/standard/validate.js';
import { inspectTranscript } from '${tree}/src/core/quality/index.js';
import { parseTranscript } from '${tree}/src/core/interactions/transcript.js';
import { normalizeParts } from '${tree}/src/core/text/normalize.js';
export function floorPass(lines, compiled) {
  let sink = 0;
  for (const line of lines) sink += compiled.automaton.scan(normalizeParts(JSON.parse(line).utterances.map((u) => u.text)).text);
  return sink;
}
export function enginePass(lines, compiled) {
  let sink = 0;
  for (const line of lines) sink += inspectTranscript(parseTranscript(JSON.parse(line)).transcript, compiled).score;
  return sink;
}
`;

async function load(tree: string, work: string, name: string): Promise<{ side: Side; compiled: CompiledPack }> {
  const entry = join(work, `${name}-entry.js`);
  const outfile = join(work, `${name}.mjs`);
  writeFileSync(entry, ENTRY(tree));
  await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', packages: 'external', outfile, logLevel: 'warning' });
  const side = (await import(pathToFileURL(outfile).href)) as Side;
  const parsed = side.parsePackText(readFileSync(join(tree, 'src/core/standard/default-pack.yaml'), 'utf8'));
  if (!parsed.ok) throw new Error(`${name}: the default pack does not validate`);
  return { side, compiled: side.compilePack(parsed.pack) };
}

function cpuMicros(pass: () => number): number {
  const before = process.cpuUsage();
  if (pass() < 0) console.log('');
  const used = process.cpuUsage(before);
  return used.user + used.system;
}

// Under node_modules/.cache (as bench:kpi keeps its bundle): the bundles leave packages external,
// and both they and the ref's tree find this tree's node_modules from there.
mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
const work = mkdtempSync(join(root, 'node_modules', '.cache', 'kefu-qa-ab-'));
try {
  const there = join(work, 'tree');
  mkdirSync(there);
  execFileSync('sh', ['-c', `git -C "${root}" archive "${ref}" src bench | tar -x -C "${there}"`]);
  const a = await load(there, work, 'ref');
  const b = await load(root, work, 'tree');
  const lines = generate(N);
  for (const line of generate(400)) {
    for (const lang of ['zh', 'en'] as const) {
      const ra = a.side.parseTranscript(JSON.parse(line));
      const rb = b.side.parseTranscript(JSON.parse(line));
      if (!ra.ok || !rb.ok) throw new Error('bad bench transcript');
      if (JSON.stringify(a.side.inspectTranscript(ra.transcript, a.compiled, { lang })) !== JSON.stringify(b.side.inspectTranscript(rb.transcript, b.compiled, { lang }))) {
        throw new Error(`results differ between ${ref} and the working tree`);
      }
    }
  }
  const floorA: number[] = [];
  const floorB: number[] = [];
  const engineA: number[] = [];
  const engineB: number[] = [];
  const ratios: number[] = [];
  for (let r = -2; r < ROUNDS; r++) {
    const runA = (): [number, number] => [cpuMicros(() => a.side.floorPass(lines, a.compiled)), cpuMicros(() => a.side.enginePass(lines, a.compiled))];
    const runB = (): [number, number] => [cpuMicros(() => b.side.floorPass(lines, b.compiled)), cpuMicros(() => b.side.enginePass(lines, b.compiled))];
    let x: [number, number];
    let y: [number, number];
    if (r % 2 === 0) {
      x = runA();
      y = runB();
    } else {
      y = runB();
      x = runA();
    }
    if (r < 0) continue; // warm-up
    floorA.push(x[0] / N);
    engineA.push(x[1] / N);
    floorB.push(y[0] / N);
    engineB.push(y[1] / N);
    ratios.push(y[1] / x[1]);
  }
  const best = (xs: number[]): number => Math.min(...xs);
  const median = (xs: number[]): number => [...xs].sort((p, q) => p - q)[xs.length >> 1]!;
  console.log(`qa-ab  ${ref} against the working tree, ${N} bench:qa transcripts a round, ${ROUNDS} rounds (ABBA), µs of CPU per transcript, best round`);
  console.log(`  ${ref.padEnd(12)} floor ${best(floorA).toFixed(1)}  engine ${best(engineA).toFixed(1)}  (${(best(engineA) / best(floorA)).toFixed(2)}× the floor)`);
  console.log(`  ${'working tree'.padEnd(12)} floor ${best(floorB).toFixed(1)}  engine ${best(engineB).toFixed(1)}  (${(best(engineB) / best(floorB)).toFixed(2)}× the floor)`);
  console.log(`  engine, working tree / ${ref}: median of rounds ${median(ratios).toFixed(3)} (quartiles ${[...ratios].sort((p, q) => p - q)[ratios.length >> 2]!.toFixed(3)}–${[...ratios].sort((p, q) => p - q)[(3 * ratios.length) >> 2]!.toFixed(3)})`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
