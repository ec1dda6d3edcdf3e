import type { CallEvent, EventType, Transcript, Utterance } from '../interactions/transcript.js';
import { normalizeText, originalSpan, type NormalizedText } from '../text/normalize.js';
import type { CompiledPack, SetRef } from './compile.js';
import type { Evidence, Lang } from './types.js';

/** A phrase or regex hit, in normalized coordinates of one utterance. */
export interface Hit {
  readonly utt: number;
  readonly from: number;
  readonly to: number;
  readonly set: number;
  /** Which phrase of the set matched (regex hits: undefined). */
  readonly phrase?: number;
}

const NO_HITS: readonly Hit[] = Object.freeze([]);

/**
 * One transcript prepared for the rules: each utterance normalized once and scanned once by
 * the pack's automaton; regexes run lazily and are cached; derived facts (opening, turns,
 * events) are computed on first use.
 */
export class InspectionContext {
  readonly utterances: readonly Utterance[];
  readonly norm: readonly NormalizedText[];
  /** Per utterance: set index → hits (phrase hits after exclusions; regex hits added lazily). */
  private readonly phraseHits: Array<Map<number, Hit[]> | undefined>;
  private readonly regexDone: Array<Set<number> | undefined>;
  /** Utterance indices judged as the agent (not automatic cards) and the customer's. */
  readonly agent: readonly number[];
  readonly customer: readonly number[];
  readonly isAgent: Uint8Array;
  readonly hasTimestamps: boolean;
  readonly events: readonly CallEvent[];

  constructor(
    readonly transcript: Transcript,
    readonly pack: CompiledPack,
    readonly lang: Lang,
  ) {
    this.utterances = transcript.utterances;
    this.events = [...(transcript.events ?? [])].sort((a, b) => a.at - b.at);
    const n = this.utterances.length;
    this.norm = this.utterances.map((u) => normalizeText(u.text));
    this.phraseHits = new Array<Map<number, Hit[]> | undefined>(n);
    this.regexDone = new Array<Set<number> | undefined>(n);
    for (let i = 0; i < n; i++) this.scan(i);
    const agent: number[] = [];
    const customer: number[] = [];
    this.isAgent = new Uint8Array(n);
    let timestamps = 0;
    for (let i = 0; i < n; i++) {
      const u = this.utterances[i]!;
      if (u.start !== undefined) timestamps++;
      // Order cards the customer's client sends ("[订单编号:…]") are not the customer's words.
      if (u.speaker === 'customer') {
        if (!this.has(pack.detect.auto, i)) customer.push(i);
      }
      else if (u.speaker === 'agent' && !this.has(pack.detect.auto, i)) {
        agent.push(i);
        this.isAgent[i] = 1;
      }
    }
    this.agent = agent;
    this.customer = customer;
    this.hasTimestamps = n > 0 && timestamps === n;
  }

  private scan(i: number): void {
    const text = this.norm[i]!.text;
    if (text.length === 0) return;
    const matches = this.pack.automaton.matchInText(text);
    if (matches.length === 0) return;
    let byset: Map<number, Hit[]> | undefined;
    let exclusions: Array<{ set: number; forPhrase: number; from: number; to: number }> | undefined;
    for (const m of matches) {
      const owners = this.pack.owners.get(m.keyword);
      if (!owners) continue;
      for (const o of owners) {
        if (o.role === 'exclude') {
          (exclusions ??= []).push({ set: o.set, forPhrase: o.forPhrase, from: m.begin, to: m.end });
          continue;
        }
        byset ??= new Map();
        let list = byset.get(o.set);
        if (!list) byset.set(o.set, (list = []));
        list.push({ utt: i, from: m.begin, to: m.end, set: o.set, phrase: o.phrase });
      }
    }
    if (byset && exclusions) {
      // Exclusions are context: 听不清楚 voids the 不清楚 inside it; with a window, anything near.
      for (const [set, list] of byset) {
        const window = this.pack.sets[set]?.window ?? 0;
        const kept = list.filter((h) => {
          const p = h.phrase ?? -1;
          return !exclusions.some((x) => {
            if (x.set !== set || (x.forPhrase !== -1 && x.forPhrase !== p)) return false;
            return window === 0 ? x.from <= h.from && x.to >= h.to : x.from < h.to + window && x.to > h.from - window;
          });
        });
        byset.set(set, kept);
      }
    }
    if (byset) for (const [set, list] of byset) if (list.length > 1) byset.set(set, dedupe(list));
    this.phraseHits[i] = byset;
  }

  /** Hits of one set in one utterance, sorted by position. */
  hitsOfSet(set: number, utt: number): readonly Hit[] {
    const compiled = this.pack.sets[set];
    if (!compiled) return NO_HITS;
    let map = this.phraseHits[utt];
    if (compiled.regex.length > 0) {
      let done = this.regexDone[utt];
      if (!done) this.regexDone[utt] = done = new Set();
      if (!done.has(set)) {
        done.add(set);
        const text = this.norm[utt]!.text;
        const found: Hit[] = [];
        for (const re of compiled.regex) {
          re.lastIndex = 0;
          for (const m of text.matchAll(re)) {
            if (m[0].length === 0) continue;
            found.push({ utt, from: m.index, to: m.index + m[0].length, set });
          }
        }
        if (found.length > 0) {
          if (!map) this.phraseHits[utt] = map = new Map();
          const list = map.get(set) ?? [];
          map.set(set, [...list, ...found].sort((a, b) => a.from - b.from));
          return map.get(set)!;
        }
      }
    }
    const hits = map?.get(set);
    if (!hits) return NO_HITS;
    return hits;
  }

  /** Hits of any set of a reference in one utterance, sorted by position. */
  hits(ref: SetRef, utt: number): Hit[] {
    const out: Hit[] = [];
    for (const s of ref.sets) out.push(...this.hitsOfSet(s, utt));
    if (ref.sets.length > 1) out.sort((a, b) => a.from - b.from);
    return out;
  }

  has(ref: SetRef, utt: number): boolean {
    for (const s of ref.sets) if (this.hitsOfSet(s, utt).length > 0) return true;
    return false;
  }

  /** First hit of a reference over utterances, in order. */
  firstHit(ref: SetRef, utts: Iterable<number>): Hit | undefined {
    for (const i of utts) {
      const h = this.hits(ref, i);
      if (h.length > 0) return h[0];
    }
    return undefined;
  }

  allHits(ref: SetRef, utts: Iterable<number>): Hit[] {
    const out: Hit[] = [];
    for (const i of utts) out.push(...this.hits(ref, i));
    return out;
  }

  // ----- derived facts -----

  private openingCache: number[] | undefined;
  /**
   * The agent's first real turn: the first agent utterance that is not an automatic card, and
   * the agent utterances right after it, up to the customer's next words (at most 3).
   */
  get opening(): readonly number[] {
    if (this.openingCache) return this.openingCache;
    const out: number[] = [];
    const first = this.agent[0];
    if (first !== undefined) {
      for (let i = first; i < this.utterances.length && out.length < 3; i++) {
        const speaker = this.utterances[i]!.speaker;
        if (speaker === 'customer') break;
        if (this.isAgent[i]) out.push(i);
      }
    }
    return (this.openingCache = out);
  }

  /** The real agent utterances of the agent turn containing `utt` (between customer words). */
  agentTurn(utt: number): number[] {
    const out: number[] = [];
    for (let i = utt; i >= 0 && this.utterances[i]!.speaker !== 'customer'; i--) if (this.isAgent[i]) out.unshift(i);
    for (let i = utt + 1; i < this.utterances.length && this.utterances[i]!.speaker !== 'customer'; i++) if (this.isAgent[i]) out.push(i);
    return out;
  }

  firstEvent(type: EventType): CallEvent | undefined {
    return this.events.find((e) => e.type === type);
  }

  get answerAt(): number | undefined {
    return this.firstEvent('answer')?.at;
  }

  startOf(utt: number): number | undefined {
    return this.utterances[utt]?.start;
  }

  endOf(utt: number): number | undefined {
    const u = this.utterances[utt];
    return u?.end ?? u?.start;
  }

  /** Evidence for a hit: offsets into the original text, `at` interpolated inside the utterance. */
  evidence(hit: Hit): Evidence {
    const norm = this.norm[hit.utt]!;
    const span = originalSpan(norm, hit.from, hit.to);
    const u = this.utterances[hit.utt]!;
    return { utterance: hit.utt, from: span.from, to: span.to, at: this.timeAt(hit.utt, span.from), quote: u.text.slice(span.from, span.to) };
  }

  /** Evidence for a whole utterance (e.g. an interruption) or, with `missing`, its end as the place something was due. */
  utteranceEvidence(utt: number, missing = false): Evidence {
    const u = this.utterances[utt]!;
    if (missing) return { utterance: utt, from: u.text.length, to: u.text.length, at: this.endOf(utt) ?? null, quote: '', missing: true };
    return { utterance: utt, from: 0, to: u.text.length, at: u.start ?? null, quote: u.text };
  }

  private timeAt(utt: number, offset: number): number | null {
    const u = this.utterances[utt]!;
    if (u.start === undefined) return null;
    if (u.end === undefined || u.text.length === 0) return u.start;
    return Math.round(u.start + ((u.end - u.start) * offset) / u.text.length);
  }

  private readonly memos = new Map<string, unknown>();
  /** Computes a derived fact once per transcript (holds, transfers) however many rules use it. */
  memo<T>(key: string, compute: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = compute();
    this.memos.set(key, value);
    return value;
  }

  t(zh: string, en: string): string {
    return this.lang === 'en' ? en : zh;
  }
}

/** Sorted by start; a hit inside an earlier, longer hit of the same set is the same occurrence. */
function dedupe(list: Hit[]): Hit[] {
  list.sort((a, b) => a.from - b.from || b.to - a.to);
  const out: Hit[] = [];
  let reach = -1;
  for (const h of list) {
    if (h.to <= reach) continue;
    out.push(h);
    reach = h.to;
  }
  return out;
}

export function compareHits(a: Hit, b: Hit): number {
  return a.utt - b.utt || a.from - b.from;
}
