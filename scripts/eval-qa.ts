// eval:qa — how far the default pack agrees with trained inspectors on real chats.
//
// Reads the development set (labels by the inspectors' GUIDELINE.md, 14 labels per session) and
// the raw JDDC chats it refers to, runs the default pack over each session as a chat transcript,
// and prints per-label precision / recall / F1 beside a keyword baseline of the same run (the
// obvious regexes, kept deliberately simple) and the macro-F1 of the seven main labels.
//
// The data has a research-only licence and is never copied into the repository: it is read from
// ../shared/eval/qa-dev (relative to the repository root) or from $KEFU_QA_DEV_DIR.
//
//   npm run eval:qa                       the tables
//   npm run eval:qa -- --disagreements    also every disagreement (session, label, both evidences)
//   npm run eval:qa -- --disagreements=out.txt   the disagreements written to a file
//   npm run eval:qa -- --label=confirm    disagreements of one label only
//   npm run eval:qa -- --labels <file>    score another label file of the same format (a held-out set
//                                         labelled by the same guideline) instead of the dev set;
//                                         also $KEFU_QA_LABELS. Keep such files out of the repository.
//   npm run eval:qa -- --folds 4          also complaint and apology_first per fold (sessions split by a
//                                         hash of the session id) with the mean and spread of F1: a rule
//                                         change written while reading the disagreements of some folds
//                                         is judged on the folds it was not looked at with
//   npm run eval:qa -- --folds 4 --hold-out 2   list disagreements only outside fold 2 (the folds to
//                                         read), and mark fold 2 as the held-out one in the fold table
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDefaultPack } from '../src/adapters/standard-files.js';
import { compilePack, inspectTranscript } from '../src/core/quality/index.js';
import { foldRegexSource } from '../src/core/quality/compile.js';
import { normalizePhrase } from '../src/core/text/normalize.js';
import type { StandardPack } from '../src/core/standard/index.js';
import type { Check, QualityResult } from '../src/core/quality/types.js';
import type { Transcript } from '../src/core/interactions/transcript.js';

const LABELS = [
  'greeting', 'identity', 'offer', 'close_ask', 'close_bye', 'taboo', 'polite',
  'hold', 'hold_reason', 'hold_consent', 'hold_limit', 'complaint', 'apology_first', 'confirm',
] as const;
type Label = (typeof LABELS)[number];
const MAIN: readonly Label[] = ['greeting', 'offer', 'close_ask', 'close_bye', 'hold', 'hold_reason', 'confirm'];

interface Gold {
  session: string;
  rows: number;
  labels: Record<Label, boolean | null>;
  evidence: Record<Label, number | null>;
  note: string;
}
interface Row {
  speaker: 'agent' | 'customer';
  text: string;
}
/** A verdict: true/false, or null (not applicable: the label does not exist for the session). */
interface Verdict {
  value: boolean | null;
  evidence: number | null;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function dataDir(): string {
  const candidates = [join(root, '..', 'shared', 'eval', 'qa-dev'), process.env.KEFU_QA_DEV_DIR].filter((d): d is string => !!d);
  for (const dir of candidates) if (existsSync(join(dir, 'jddc-dev-labels.jsonl'))) return dir;
  console.error(
    'eval:qa: the development set is not here. Looked for jddc-dev-labels.jsonl in\n' +
      candidates.map((d) => `  ${d}`).join('\n') +
      '\nPut the qa-dev directory at ../shared/eval/qa-dev beside the repository or set KEFU_QA_DEV_DIR.',
  );
  process.exit(2);
}

function readChats(file: string, wanted: ReadonlySet<string>): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.length === 0) continue;
    const cols = line.split('\t');
    const session = cols[0]!;
    if (!wanted.has(session)) continue;
    const text = cols.slice(6).join('\t');
    const list = out.get(session) ?? [];
    list.push({ speaker: cols[2] === '1' ? 'agent' : 'customer', text });
    out.set(session, list);
  }
  return out;
}

// ----- the engine's verdicts, label by label -----

function check(result: QualityResult, rule: string): Check | undefined {
  return result.checks.find((c) => c.rule === rule);
}

function firstUtt(c: Check | undefined): number | null {
  const e = c?.evidence.find((x) => !x.missing);
  return e === undefined ? null : e.utterance;
}

function engineVerdicts(result: QualityResult, customerRows: ReadonlySet<number>): Record<Label, Verdict> {
  const ok = (rule: string): Verdict => {
    const c = check(result, rule);
    return { value: c?.ok === true, evidence: c?.ok === true ? firstUtt(c) : null };
  };
  const failed = (rule: string): Verdict => {
    const c = check(result, rule);
    return { value: c?.ok === false, evidence: c?.ok === false ? firstUtt(c) : null };
  };
  const hold = check(result, 'HD-WHY');
  const held = hold !== undefined && hold.ok !== null;
  const sub = (rule: string): Verdict => (held ? ok(rule) : { value: null, evidence: null });
  const apology = check(result, 'CP-APOLOGY');
  const complained = apology !== undefined && apology.ok !== null;
  return {
    greeting: ok('PH-OPEN.greeting'),
    identity: ok('PH-OPEN.identity'),
    offer: ok('PH-OPEN.offer'),
    close_ask: ok('PH-CLOSE-ASK'),
    close_bye: ok('PH-CLOSE'),
    taboo: failed('PH-TABOO'),
    polite: ok('PH-POLITE'),
    hold: { value: held, evidence: held ? firstUtt(hold) : null },
    hold_reason: sub('HD-WHY'),
    hold_consent: sub('HD-ASK'),
    hold_limit: sub('HD-LIMIT'),
    complaint: { value: complained, evidence: complained ? (complaintRow(apology, customerRows) ?? null) : null },
    apology_first: complained ? ok('CP-APOLOGY') : { value: null, evidence: null },
    confirm: ok('PH-CONFIRM'),
  };
}

/** CP-APOLOGY's evidence ends with the complaint's start, a customer row (see rules.ts orderVerdict). */
function complaintRow(c: Check | undefined, customerRows: ReadonlySet<number>): number | undefined {
  return c?.evidence.find((e) => customerRows.has(e.utterance))?.utterance;
}

// ----- the keyword baseline: the obvious regexes, deliberately simple -----

function baseline(rows: readonly Row[]): Record<Label, Verdict> {
  const agent = rows.map((r, i) => ({ ...r, i })).filter((r) => r.speaker === 'agent');
  const customer = rows.map((r, i) => ({ ...r, i })).filter((r) => r.speaker === 'customer');
  const find = (list: typeof agent, re: RegExp): Verdict => {
    const hit = list.find((r) => re.test(r.text));
    return { value: hit !== undefined, evidence: hit?.i ?? null };
  };
  const firstTwo = agent.slice(0, 2);
  const last = agent.slice(-2);
  const hold = find(agent, /稍等|稍候|正在.{0,3}查询/);
  const holdRows = agent.filter((r) => /稍等|稍候|正在.{0,3}查询/.test(r.text));
  const sub = (re: RegExp): Verdict => (hold.value ? find(holdRows, re) : { value: null, evidence: null });
  const complaint = find(customer, /投诉|差评|怎么回事|太.{1,4}了|[!！?？]{2,}|还没|一直/);
  let apologyFirst: Verdict = { value: null, evidence: null };
  if (complaint.value) {
    const after = agent.filter((r) => r.i > complaint.evidence!);
    const a = after.find((r) => /抱歉|不好意思|对不起/.test(r.text));
    const s = after.find((r) => /帮您|为您|给您/.test(r.text));
    apologyFirst = { value: a !== undefined && (s === undefined || a.i <= s.i), evidence: a?.i ?? null };
  }
  return {
    greeting: find(firstTwo, /您好|你好|早上好|下午好|晚上好|^亲/),
    identity: find(firstTwo, /[0-9]+号|工号/),
    offer: find(firstTwo, /有什么.{0,6}帮|帮您处理或解决/),
    close_ask: find(last, /还有.{0,4}(其他|其它|什么).{0,6}(帮|问题|需要)/),
    close_bye: find(last, /感谢|谢谢|再见|祝您/),
    taboo: find(agent, /我不知道|不清楚|不是我的问题|不归我管|跟我没关系/),
    polite: find(agent, /您|请|谢|抱歉|不好意思|麻烦|辛苦/),
    hold,
    hold_reason: sub(/查询|查看|看下|处理/),
    hold_consent: sub(/可以吗|好吗/),
    hold_limit: sub(/[0-9]+分钟|\[数字x\]分钟/),
    complaint,
    apology_first: apologyFirst,
    confirm: find(agent, /(订单|\[订单x\]|商品|金额|地址|电话).{0,12}(对吗|是吗|吗\?|嘛)/),
  };
}

// ----- scoring -----

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

function score(gold: readonly Gold[], predicted: ReadonlyMap<string, Record<Label, Verdict>>): Record<Label, Counts> {
  const out = {} as Record<Label, Counts>;
  for (const label of LABELS) {
    const c: Counts = { tp: 0, fp: 0, fn: 0 };
    for (const g of gold) {
      const want = g.labels[label] === true;
      const got = predicted.get(g.session)![label].value === true;
      if (want && got) c.tp++;
      else if (got) c.fp++;
      else if (want) c.fn++;
    }
    out[label] = c;
  }
  return out;
}

const prf = (c: Counts): { p: number; r: number; f: number } => {
  const p = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const r = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  return { p, r, f: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
};
const f2 = (x: number): string => x.toFixed(2);
const macro = (s: Record<Label, Counts>, labels: readonly Label[]): number => labels.reduce((a, l) => a + prf(s[l]).f, 0) / labels.length;

/** `--labels <file>`, `--labels=<file>` or $KEFU_QA_LABELS: a label file other than the dev set. */
function labelsArg(args: readonly string[]): string | undefined {
  const i = args.indexOf('--labels');
  if (i >= 0) {
    const next = args[i + 1];
    if (next === undefined || next.startsWith('--')) {
      console.error('eval:qa: --labels needs a file');
      process.exit(2);
    }
    return next;
  }
  const eq = args.find((a) => a.startsWith('--labels='));
  if (eq !== undefined) return eq.slice('--labels='.length);
  const env = process.env.KEFU_QA_LABELS;
  return env !== undefined && env.length > 0 ? env : undefined;
}

// ----- k-fold view: the same scores on disjoint parts of the set -----

const FOLD_LABELS: readonly Label[] = ['complaint', 'apology_first'];

/** The fold of a session: a stable hash of its id (not file order), so folds mix the whole set. */
function foldOf(session: string, folds: number): number {
  return createHash('sha1').update(session).digest().readUInt32BE(0) % folds;
}

/** `--name N`, `--name=N`: a non-negative integer option, or undefined. */
function intArg(args: readonly string[], name: string): number | undefined {
  const i = args.indexOf(`--${name}`);
  const raw = i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`eval:qa: --${name} needs a whole number, got ${raw}`);
    process.exit(2);
  }
  return n;
}

function foldTable(
  gold: readonly Gold[],
  engine: ReadonlyMap<string, Record<Label, Verdict>>,
  keyword: ReadonlyMap<string, Record<Label, Verdict>>,
  folds: number,
  heldOut: number | undefined,
): string[] {
  const out: string[] = ['', `${folds}-fold (sessions split by a hash of the session id)` + (heldOut === undefined ? '' : `; fold ${heldOut} held out (H)`)];
  out.push('label          fold  n  gold |  engine P    R    F1  | keyword F1');
  for (const label of FOLD_LABELS) {
    const fs: number[] = [];
    const ks: number[] = [];
    for (let k = 0; k < folds; k++) {
      const part = gold.filter((g) => foldOf(g.session, folds) === k);
      const e = prf(score(part, engine)[label]);
      const kw = prf(score(part, keyword)[label]);
      fs.push(e.f);
      ks.push(kw.f);
      const n = part.filter((g) => g.labels[label] === true).length;
      const mark = k === heldOut ? 'H' : ' ';
      out.push(`${label.padEnd(14)} ${String(k).padStart(3)}${mark} ${String(part.length).padStart(3)} ${String(n).padStart(4)} |        ${f2(e.p)} ${f2(e.r)} ${f2(e.f)} |       ${f2(kw.f)}`);
    }
    const mean = fs.reduce((a, b) => a + b, 0) / folds;
    const sd = Math.sqrt(fs.reduce((a, b) => a + (b - mean) ** 2, 0) / folds);
    const kmean = ks.reduce((a, b) => a + b, 0) / folds;
    out.push(`${label.padEnd(14)} mean F1 ${f2(mean)} ± ${f2(sd)} (min ${f2(Math.min(...fs))})   keyword mean ${f2(kmean)}`);
  }
  return out;
}

/**
 * Lexicon cross-validation. A hand-written lexicon has no training step to hold a fold out of, so
 * the plain fold table above scores rules written while reading every fold. Here, for fold k, each
 * entry of the complaint phrase sets (every set whose name starts with `complaint`) is kept only
 * when it matches a customer row, at or after the inspector's complaint row, of a complaint session
 * OUTSIDE fold k; fold k is then scored with that reduced lexicon. An entry that only one session
 * needed drops out on that session's fold, as it would on unseen chats.
 */
function lexiconCv(
  pack: StandardPack,
  gold: readonly Gold[],
  chats: ReadonlyMap<string, Row[]>,
  folds: number,
): string[] {
  const norm = new Map<string, string[]>();
  for (const g of gold) {
    if (g.labels.complaint !== true || g.evidence.complaint === null) continue;
    const rows = chats.get(g.session)!;
    norm.set(g.session, rows.flatMap((r, i) => (r.speaker === 'customer' && i >= g.evidence.complaint! ? [normalizePhrase(r.text)] : [])));
  }
  const out: string[] = ['', `lexicon cross-validation, ${folds} folds (complaint entries kept only when a complaint session outside the fold uses them)`];
  out.push('label          fold  entries kept |  engine P    R    F1');
  const per: Record<string, number[]> = { complaint: [], apology_first: [] };
  const rowsByFold: string[][] = [[], []];
  for (let k = 0; k < folds; k++) {
    const texts = [...norm.entries()].filter(([s]) => foldOf(s, folds) !== k).flatMap(([, t]) => t);
    const used = (test: (t: string) => boolean): boolean => texts.some(test);
    const phraseSets: StandardPack['phraseSets'] = {};
    let kept = 0;
    let total = 0;
    for (const [name, set] of Object.entries(pack.phraseSets)) {
      if (!name.startsWith('complaint')) {
        phraseSets[name] = set;
        continue;
      }
      const phrases = set.phrases.filter((e) => {
        const needle = normalizePhrase(typeof e === 'string' ? e : e.text);
        return used((t) => t.includes(needle));
      });
      const regex = set.regex.filter((r) => {
        const re = new RegExp(foldRegexSource(r), 'u');
        return used((t) => re.test(t));
      });
      kept += phrases.length + regex.length;
      total += set.phrases.length + set.regex.length;
      phraseSets[name] = { ...set, phrases, regex };
    }
    const compiled = compilePack({ ...pack, phraseSets });
    const part = gold.filter((g) => foldOf(g.session, folds) === k);
    const engine = new Map<string, Record<Label, Verdict>>();
    for (const g of part) {
      const rows = chats.get(g.session)!;
      const result = inspectTranscript({ id: g.session, channel: 'chat', direction: 'inbound', utterances: rows.map((r) => ({ speaker: r.speaker, text: r.text })) }, compiled);
      engine.set(g.session, engineVerdicts(result, new Set(rows.flatMap((r, i) => (r.speaker === 'customer' ? [i] : [])))));
    }
    const sc = score(part, engine);
    FOLD_LABELS.forEach((label, li) => {
      const e = prf(sc[label]);
      per[label]!.push(e.f);
      rowsByFold[li]!.push(`${label.padEnd(14)} ${String(k).padStart(3)}   ${String(kept).padStart(4)}/${String(total).padEnd(4)}   |        ${f2(e.p)} ${f2(e.r)} ${f2(e.f)}`);
    });
  }
  FOLD_LABELS.forEach((label, li) => {
    out.push(...rowsByFold[li]!);
    const fs = per[label]!;
    const mean = fs.reduce((a, b) => a + b, 0) / folds;
    out.push(`${label.padEnd(14)} mean F1 ${f2(mean)} (min ${f2(Math.min(...fs))})`);
  });
  return out;
}

function main(): void {
  const args = process.argv.slice(2);
  const disagreementsArg = args.find((a) => a.startsWith('--disagreements'));
  const onlyLabel = args.find((a) => a.startsWith('--label='))?.slice('--label='.length);
  const labelsFile = labelsArg(args);
  const folds = intArg(args, 'folds');
  const heldOut = intArg(args, 'hold-out');
  if (folds !== undefined && folds < 2) {
    console.error('eval:qa: --folds needs 2 or more');
    process.exit(2);
  }
  if (heldOut !== undefined && (folds === undefined || heldOut >= folds)) {
    console.error('eval:qa: --hold-out needs --folds N and a fold below N');
    process.exit(2);
  }
  if (labelsFile !== undefined && !existsSync(labelsFile)) {
    console.error(`eval:qa: no label file at ${labelsFile}`);
    process.exit(2);
  }
  const dir = dataDir();
  const labelsPath = labelsFile === undefined ? join(dir, 'jddc-dev-labels.jsonl') : resolve(labelsFile);
  const gold = readFileSync(labelsPath, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as Gold);
  const rawFile = process.env.KEFU_QA_RAW_FILE ?? join(dir, '..', 'raw', 'jddc2019-sample', 'chat_0.1per.txt');
  if (!existsSync(rawFile)) {
    console.error(`eval:qa: the raw chats are not at ${rawFile} (set KEFU_QA_RAW_FILE)`);
    process.exit(2);
  }
  const chats = readChats(rawFile, new Set(gold.map((g) => g.session)));
  const pack = loadDefaultPack();
  const compiled = compilePack(pack);
  const engine = new Map<string, Record<Label, Verdict>>();
  const keyword = new Map<string, Record<Label, Verdict>>();
  const results = new Map<string, QualityResult>();
  for (const g of gold) {
    const rows = chats.get(g.session);
    if (!rows) throw new Error(`session ${g.session} is not in ${rawFile}`);
    if (rows.length !== g.rows) console.warn(`session ${g.session}: ${rows.length} rows in the chats, ${g.rows} in the labels`);
    const transcript: Transcript = { id: g.session, channel: 'chat', direction: 'inbound', utterances: rows.map((r) => ({ speaker: r.speaker, text: r.text })) };
    const result = inspectTranscript(transcript, compiled);
    results.set(g.session, result);
    const customerRows = new Set(rows.flatMap((r, i) => (r.speaker === 'customer' ? [i] : [])));
    engine.set(g.session, engineVerdicts(result, customerRows));
    keyword.set(g.session, baseline(rows));
  }
  const se = score(gold, engine);
  const sk = score(gold, keyword);
  const out: string[] = [];
  out.push(`eval:qa  ${gold.length} sessions from ${labelsPath}  (default pack ${compiled.standard})`);
  out.push('');
  out.push('label           gold | engine  P     R     F1  |  keyword  P     R     F1');
  for (const label of LABELS) {
    const e = prf(se[label]);
    const k = prf(sk[label]);
    const n = gold.filter((g) => g.labels[label] === true).length;
    const main = MAIN.includes(label) ? '*' : ' ';
    out.push(`${(label + main).padEnd(15)} ${String(n).padStart(4)} |        ${f2(e.p)}  ${f2(e.r)}  ${f2(e.f)} |          ${f2(k.p)}  ${f2(k.r)}  ${f2(k.f)}`);
  }
  out.push('');
  out.push(`macro-F1, seven main labels (*):  engine ${f2(macro(se, MAIN))}   keyword ${f2(macro(sk, MAIN))}`);
  out.push(`macro-F1, all 14 labels:          engine ${f2(macro(se, LABELS))}   keyword ${f2(macro(sk, LABELS))}`);
  if (folds !== undefined) out.push(...foldTable(gold, engine, keyword, folds, heldOut), ...lexiconCv(pack, gold, chats, folds));
  console.log(out.join('\n'));

  if (disagreementsArg === undefined) return;
  const lines: string[] = [];
  for (const g of gold) {
    // Reading the held-out fold's disagreements would make it no longer held out.
    if (folds !== undefined && heldOut !== undefined && foldOf(g.session, folds) === heldOut) continue;
    const rows = chats.get(g.session)!;
    const mine = engine.get(g.session)!;
    for (const label of LABELS) {
      if (onlyLabel !== undefined && label !== onlyLabel) continue;
      const want = g.labels[label] === true;
      const got = mine[label].value === true;
      if (want === got) continue;
      const quote = (i: number | null): string => (i === null ? '-' : `row ${i} ${rows[i]?.speaker === 'agent' ? 'A' : 'C'}: ${rows[i]?.text.slice(0, 90)}`);
      lines.push(`${g.session.slice(0, 12)} ${label}: inspector ${String(g.labels[label])}, engine ${String(mine[label].value)}`);
      lines.push(`    inspector: ${quote(g.evidence[label])}`);
      lines.push(`    engine:    ${quote(mine[label].evidence)}`);
      if (g.note) lines.push(`    note:      ${g.note}`);
    }
  }
  const eq = disagreementsArg.indexOf('=');
  if (eq >= 0) {
    writeFileSync(disagreementsArg.slice(eq + 1), lines.join('\n') + '\n');
    console.log(`\n${lines.filter((l) => !l.startsWith(' ')).length} disagreements written to ${disagreementsArg.slice(eq + 1)}`);
  } else {
    console.log('\nDisagreements (session, label, the inspector\'s evidence row, the engine\'s):');
    console.log(lines.join('\n'));
  }
}

main();
