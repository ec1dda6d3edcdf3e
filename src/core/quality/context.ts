import type { CallEvent, EventType, Transcript, Utterance } from '../interactions/transcript.js';
import { normalizeParts, spanInOriginal, type NormalizedParts } from '../text/normalize.js';
import { MASK_BITS, type CompiledPack, type CompiledSet, type SetRef } from './compile.js';
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
const NO_MATCHES = new Int32Array(0);
/** Match and mask buffers a finished inspection left for the next one (see release). */
let spareMatches: Int32Array | undefined;
let sparePresent: Int32Array | undefined;
let spareHitCache: { lists: Array<readonly Hit[] | undefined>; stamps: Int32Array } | undefined;
let generations = 0;
const ALL_GATES = (1 << MASK_BITS) - 1;

interface Exclusion {
  readonly forPhrase: number;
  readonly from: number;
  readonly to: number;
}

/**
 * One transcript prepared for the rules: all utterances normalized into one string and scanned
 * in one pass of the pack's automaton. The hits of a phrase set in an utterance are worked out
 * on first request from that utterance's raw matches (most sets are only ever asked about a few
 * utterances); a set's regexes then run only if the literals they need occur there.
 * Derived facts (opening, turns, events) are computed on first use.
 */
export class InspectionContext {
  readonly utterances: readonly Utterance[];
  /** Every utterance normalized, back to back (see normalizeParts). */
  readonly norm: NormalizedParts;
  private readonly setCount: number;
  /** By set: 1 when it has a regex that runs on every utterance (no trigger literals). */
  private readonly alwaysRuns: Uint8Array;
  /** Raw automaton matches, pairs (keyword index, end offset in the whole normalized text). */
  private matches: Int32Array = NO_MATCHES;
  /** Utterance `u`'s matches are pairs `matchStart[u]` to `matchStart[u + 1]` (exclusive). */
  private readonly matchStart: number[];
  /** Per utterance, bit masks (see CompiledPack.keywordMasks) of the sets some match may give a hit to. */
  private present: Int32Array;
  /** The same over the whole transcript. */
  private readonly seen: number[];
  /**
   * Hits worked out so far, at `utt * setCount + set`: valid where `hitStamps` holds this
   * context's `generation`. Both arrays pass from transcript to transcript (see release), so
   * nothing has to be allocated or cleared per transcript.
   */
  private hitLists: Array<readonly Hit[] | undefined>;
  private hitStamps: Int32Array;
  private readonly generation: number;
  private readonly texts: Array<string | undefined>;
  /** Utterance indices judged as the agent (not automatic cards) and the customer's. */
  readonly agent: readonly number[];
  readonly customer: readonly number[];
  /** By utterance: 1 when judged as the agent (a plain array: small typed arrays cost more to make). */
  readonly isAgent: readonly number[];
  readonly hasTimestamps: boolean;
  readonly events: readonly CallEvent[];

  constructor(
    readonly transcript: Transcript,
    readonly pack: CompiledPack,
    readonly lang: Lang,
  ) {
    this.utterances = transcript.utterances;
    const events = transcript.events;
    this.events = events === undefined ? [] : inTimeOrder(events);
    const n = this.utterances.length;
    const texts = new Array<string>(n);
    for (let i = 0; i < n; i++) texts[i] = this.utterances[i]!.text;
    this.norm = normalizeParts(texts);
    this.texts = new Array<string | undefined>(n);
    this.setCount = pack.sets.length;
    this.alwaysRuns = pack.alwaysRuns;
    const cacheSize = n * this.setCount;
    const cache = spareHitCache;
    if (cache !== undefined && cache.stamps.length >= cacheSize) {
      spareHitCache = undefined;
      this.hitLists = cache.lists;
      this.hitStamps = cache.stamps;
    } else {
      this.hitLists = new Array<readonly Hit[] | undefined>(cacheSize);
      this.hitStamps = new Int32Array(cacheSize);
    }
    // Stamps run 1…2^31-1; when they wrap, a reused cache is cleared so no old stamp can match.
    this.generation = generations = generations >= 0x7fffffff ? 1 : generations + 1;
    if (this.generation === 1) this.hitStamps.fill(0);
    const presentSize = n * pack.maskWords;
    let present = sparePresent;
    if (present !== undefined && present.length >= presentSize) {
      sparePresent = undefined;
      present.fill(0, 0, presentSize);
    } else present = new Int32Array(Math.max(presentSize, 256));
    this.present = present;
    this.matchStart = this.scan(n);
    const seen = new Array<number>(pack.maskWords).fill(0);
    for (let i = 0; i < presentSize; i++) seen[i % pack.maskWords]! |= present[i]!;
    this.seen = seen;
    const agent: number[] = [];
    const customer: number[] = [];
    const isAgent = new Array<number>(n).fill(0);
    this.isAgent = isAgent;
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
        isAgent[i] = 1;
      }
    }
    this.agent = agent;
    this.customer = customer;
    this.hasTimestamps = n > 0 && timestamps === n;
  }

  /** The normalized text of one utterance. */
  text(utt: number): string {
    let t = this.texts[utt];
    if (t === undefined) {
      const b = this.norm.bounds;
      this.texts[utt] = t = this.norm.text.slice(b[utt]!, b[utt + 1]! - 1);
    }
    return t;
  }

  /** Length of the normalized text of one utterance. */
  textLength(utt: number): number {
    const b = this.norm.bounds;
    return b[utt + 1]! - 1 - b[utt]!;
  }

  /** One automaton pass over the whole transcript; returns where each utterance's matches start. */
  private scan(n: number): number[] {
    const automaton = this.pack.automaton;
    const masks = this.pack.keywordMasks;
    const words = this.pack.maskWords;
    const present = this.present;
    const count = automaton.scan(this.norm.text);
    // The automaton's buffer would be reused by the next scan: it is taken over whole (the
    // automaton scans into the buffer of an earlier transcript from then on), not copied.
    const matches = automaton.takeMatches(spareMatches);
    spareMatches = undefined;
    this.matches = matches;
    const size = 2 * count;
    const bounds = this.norm.bounds;
    const starts: number[] = [0];
    let utt = 0;
    let next = bounds[1] ?? 0;
    for (let m = 0; m < size; m += 2) {
      const end = matches[m + 1]!;
      while (end > next) {
        starts.push(m);
        utt++;
        next = bounds[utt + 1]!;
      }
      const id = matches[m]!;
      if (words === 2) {
        // Up to 60 sets (the default pack has 57): the common case, unrolled.
        present[2 * utt]! |= masks[2 * id]!;
        present[2 * utt + 1]! |= masks[2 * id + 1]!;
      } else for (let w = 0; w < words; w++) present[utt * words + w]! |= masks[id * words + w]!;
    }
    while (starts.length <= n) starts.push(2 * count);
    return starts;
  }

  /**
   * Hands the match and mask buffers to the next transcript. The context must not be used
   * afterwards; inspectTranscript calls this once every rule has run.
   */
  release(): void {
    if (spareMatches === undefined || spareMatches.length < this.matches.length) spareMatches = this.matches;
    if (sparePresent === undefined || sparePresent.length < this.present.length) sparePresent = this.present;
    if (spareHitCache === undefined || spareHitCache.stamps.length < this.hitStamps.length) spareHitCache = { lists: this.hitLists, stamps: this.hitStamps };
    this.matches = NO_MATCHES;
    this.present = NO_MATCHES;
    this.hitStamps = NO_MATCHES;
    this.hitLists = [];
  }

  /** Hits of one set in one utterance, sorted by position. */
  hitsOfSet(set: number, utt: number): readonly Hit[] {
    const slot = utt * this.setCount + set;
    if (this.hitStamps[slot] === this.generation) return this.hitLists[slot]!;
    const concerned = (this.present[utt * this.pack.maskWords + ((set / MASK_BITS) | 0)]! & (1 << set % MASK_BITS)) !== 0;
    // No phrase or regex trigger of the set in the utterance: no hits, unless it has a regex that always runs.
    if (!concerned && this.alwaysRuns[set] !== 1) return NO_HITS;
    const hits = this.findHits(set, utt);
    this.hitLists[slot] = hits;
    this.hitStamps[slot] = this.generation;
    return hits;
  }

  private findHits(set: number, utt: number): readonly Hit[] {
    const compiled = this.pack.sets[set];
    if (!compiled) return NO_HITS;
    const pack = this.pack;
    const concerns = pack.keywordConcerns;
    const words = pack.maskWords;
    const word = (set / MASK_BITS) | 0;
    const bit = 1 << set % MASK_BITS;
    const lengths = pack.automaton.keywordLengths;
    const matches = this.matches;
    let list: Hit[] | undefined;
    let exclusions: Exclusion[] | undefined;
    // Ends of the set's not-after keywords (如果, 万一, 怕…) seen in the utterance.
    let openers: number[] | undefined;
    // Bit r: the automaton saw the trigger of regex r (past 30 regexes: any regex, conservatively).
    let gates = 0;
    const gated = compiled.alsoNeeds.length > 0;
    const last = this.matchStart[utt + 1]!;
    const base = this.norm.bounds[utt]!;
    for (let m = this.matchStart[utt]!; m < last; m += 2) {
      const id = matches[m]!;
      if ((concerns[id * words + word]! & bit) === 0) continue;
      const to = matches[m + 1]! - base;
      const from = to - lengths[id]!;
      const groups = gated ? pack.keywordTriggers[id] : undefined;
      if (groups !== undefined) {
        for (let g = 0; g < groups.length; g++) {
          const r = groups[g]! - compiled.firstGroup;
          if (r >= 0 && r < compiled.alsoNeeds.length) gates |= r < MASK_BITS ? 1 << r : ALL_GATES;
        }
      }
      const owners = pack.keywordOwners[id];
      if (owners === undefined) continue;
      for (let k = 0; k < owners.length; k++) {
        const o = owners[k]!;
        if (o.set !== set) continue;
        // A first element starts its array as a literal: `[]` then push reserves 17 slots, and most
        // lists here hold one or two hits (measured: a third of the engine's allocation, ~46 KB a transcript).
        if (o.role === 'exclude') {
          const x = { forPhrase: o.forPhrase, from, to };
          if (exclusions === undefined) exclusions = [x];
          else exclusions.push(x);
        } else if (o.role === 'not-after') {
          if (openers === undefined) openers = [to];
          else openers.push(to);
        } else {
          const hit: Hit = { utt, from, to, set, phrase: o.phrase };
          if (list === undefined) list = [hit];
          else list.push(hit);
        }
      }
    }
    if (list && exclusions) list = withoutExcluded(list, exclusions, compiled.window);
    if (list && list.length > 1) list = dedupe(list);
    if (compiled.regex.length > 0 && (!compiled.triggered || (gates !== 0 && this.triggersMet(compiled, gates, utt)))) {
      const text = this.text(utt);
      let found: Hit[] | undefined;
      for (let r = 0; r < compiled.regex.length; r++) {
        // forEachMatch inlined: no closure per call.
        const re = compiled.regex[r]!;
        re.lastIndex = 0;
        for (let m = re.exec(text); m !== null; m = re.exec(text)) {
          const length = m[0].length;
          if (length === 0) {
            re.lastIndex = advance(text, re.lastIndex, re.unicode || re.flags.includes('v'));
            continue;
          }
          // Same shape as phrase hits: the rules read hits of both kinds in the same places.
          const hit: Hit = { utt, from: m.index, to: m.index + length, set, phrase: undefined };
          if (found === undefined) found = [hit];
          else found.push(hit);
        }
        re.lastIndex = 0;
      }
      // One regex's matches come in order already, and so do the phrase hits: a merge (phrase
      // hits first on a tie, as a stable sort of the two lists would put them) instead of a sort.
      if (found !== undefined && compiled.regex.length === 1) list = list === undefined ? found : mergeByStart(list, found);
      else if (found !== undefined) list = [...(list ?? []), ...found].sort((a, b) => a.from - b.from);
    }
    if (list && openers) list = notAfterOpeners(list, openers, this.text(utt));
    return list ?? NO_HITS;
  }

  // The compiled pack's arrays are frozen, and for-of over a frozen array is not optimized like
  // a plain one: the loops below, run hundreds of times per transcript, use indices.

  /** Some regex of the set whose trigger occurred also has the other literals it needs. */
  private triggersMet(compiled: CompiledSet, gates: number, utt: number): boolean {
    const text = this.text(utt);
    for (let r = 0; r < compiled.alsoNeeds.length; r++) {
      if (r < MASK_BITS && (gates & (1 << r)) === 0) continue;
      const needs = compiled.alsoNeeds[r]!;
      const bits = compiled.alsoNeedsBits[r]!;
      const rests = compiled.alsoNeedsRest[r]!;
      let all = true;
      for (let g = 0; g < needs.length && all; g++) {
        // One of the group's single characters (a bit of one pass over the text), else one of its longer literals.
        const bit = bits[g]!;
        if (bit !== 0 && (this.charGroupsIn(utt) & bit) !== 0) continue;
        const rest = rests[g]!;
        let any = false;
        for (let l = 0; l < rest.length && !any; l++) any = text.includes(rest[l]!);
        all = any;
      }
      if (all) return true;
    }
    return false;
  }

  /** Per utterance: the pack's single-character groups present (-1: not worked out yet). */
  private charGroups: number[] | undefined;

  private charGroupsIn(utt: number): number {
    const known = (this.charGroups ??= new Array<number>(this.utterances.length).fill(-1));
    let bits = known[utt]!;
    if (bits === -1) {
      const table = this.pack.charGroupBits;
      const units = this.pack.charGroupUnits;
      const text = this.text(utt);
      bits = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if ((units[c >>> 5]! & (1 << (c & 31))) !== 0) bits |= table[c]!;
      }
      known[utt] = bits;
    }
    return bits;
  }

  /**
   * Whether some set of `ref` may have hits in utterance `utt`: false when no match there concerns
   * any of them (and none has a regex that runs everywhere). Most references are about words most
   * utterances lack; one AND answers for all their sets.
   */
  mayHit(ref: SetRef, utt: number): boolean {
    if (ref.alwaysRuns) return true;
    const mask = ref.mask;
    const base = utt * this.pack.maskWords;
    for (let w = 0; w < mask.length; w++) if ((this.present[base + w]! & mask[w]!) !== 0) return true;
    return false;
  }

  /** The same for the whole transcript: false, and no utterance has a hit of `ref`. */
  mayHitAnywhere(ref: SetRef): boolean {
    if (ref.alwaysRuns) return true;
    const mask = ref.mask;
    for (let w = 0; w < mask.length; w++) if ((this.seen[w]! & mask[w]!) !== 0) return true;
    return false;
  }

  /** Hits of any set of a reference in one utterance, sorted by position. */
  hits(ref: SetRef, utt: number): readonly Hit[] {
    const sets = ref.sets;
    if (sets.length === 1) return this.hitsOfSet(sets[0]!, utt);
    if (!this.mayHit(ref, utt)) return NO_HITS;
    let only: readonly Hit[] | undefined;
    let out: Hit[] | undefined;
    for (let i = 0; i < sets.length; i++) {
      const list = this.hitsOfSet(sets[i]!, utt);
      if (list.length === 0) continue;
      if (only === undefined) only = list;
      else (out ??= [...only]).push(...list);
    }
    // Each set's list is sorted already: a merge is needed only when two sets have hits.
    if (out) return out.sort((a, b) => a.from - b.from);
    return only ?? NO_HITS;
  }

  has(ref: SetRef, utt: number): boolean {
    if (!this.mayHit(ref, utt)) return false;
    const sets = ref.sets;
    for (let i = 0; i < sets.length; i++) if (this.hitsOfSet(sets[i]!, utt).length > 0) return true;
    return false;
  }

  /** First hit of a reference over utterances, in order. */
  firstHit(ref: SetRef, utts: readonly number[]): Hit | undefined {
    if (!this.mayHitAnywhere(ref)) return undefined;
    const sets = ref.sets;
    if (sets.length === 1) {
      const set = sets[0]!;
      for (let u = 0; u < utts.length; u++) {
        const h = this.hitsOfSet(set, utts[u]!)[0];
        if (h !== undefined) return h;
      }
      return undefined;
    }
    for (let u = 0; u < utts.length; u++) {
      if (!this.mayHit(ref, utts[u]!)) continue;
      // The earliest first hit of the sets; on a tie the earlier set, as in `hits`.
      let first: Hit | undefined;
      for (let i = 0; i < sets.length; i++) {
        const h = this.hitsOfSet(sets[i]!, utts[u]!)[0];
        if (h !== undefined && (first === undefined || h.from < first.from)) first = h;
      }
      if (first !== undefined) return first;
    }
    return undefined;
  }

  // ----- derived facts -----

  private openingCache: number[] | undefined;
  /**
   * The opening window: the agent's first real turn (the first agent utterance that is not an
   * automatic card and the agent utterances right after it, up to the customer's next words, at
   * most 3). When that turn is only filler (an automatic template, a bare 稍等, a greeting alone;
   * see detect.opening) the agent's second turn belongs to it too: in chats the platform sends the
   * first message and the agent's own opening is the next one. Never the third turn.
   */
  get opening(): readonly number[] {
    if (this.openingCache) return this.openingCache;
    const out = this.agentTurnFrom(this.agent[0]);
    const last = out[out.length - 1];
    if (last !== undefined && this.pack.detect.openingFiller.sets.length > 0 && out.every((i) => this.isFiller(i))) {
      out.push(...this.nextAgentTurn(last));
    }
    return (this.openingCache = out);
  }

  /** The agent utterances from `first` up to the customer's next words (at most 3). */
  private agentTurnFrom(first: number | undefined): number[] {
    const out: number[] = [];
    if (first === undefined) return out;
    for (let i = first; i < this.utterances.length && out.length < 3; i++) {
      if (this.utterances[i]!.speaker === 'customer') break;
      if (this.isAgent[i]) out.push(i);
    }
    return out;
  }

  /** Nothing but opening filler (templates, a bare hold, a greeting alone, particles). */
  isFiller(utt: number): boolean {
    const maxRest = this.pack.detect.opening.maxRest;
    return this.restOutsideFiller(utt, 0, this.textLength(utt), maxRest) <= maxRest;
  }

  /**
   * Letters and digits of utterance `utt` between normalized offsets `from` and `to` that no
   * opening-filler hit covers: 0 means the agent has said nothing of their own there yet.
   * Counting stops once past `limit` (callers only compare with it: most utterances are words of
   * the agent's own, and counting all of them would walk every character).
   */
  restOutsideFiller(utt: number, from: number, to: number, limit = Infinity): number {
    const hits = this.hits(this.pack.detect.openingFiller, utt);
    const text = this.text(utt);
    let rest = 0;
    let h = 0;
    let reach = 0;
    for (let i = from; i < to && rest <= limit; i++) {
      // Hits come sorted by start: everything up to `reach` is covered by one of them.
      while (h < hits.length && hits[h]!.from <= i) reach = Math.max(reach, hits[h++]!.to);
      if (i < reach) continue;
      const c = text.charCodeAt(i);
      if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a)) rest++;
    }
    return rest;
  }

  /** Whether a span of utterance `utt` lies inside a longer opening-filler hit (a template's own 亲). */
  insideFiller(utt: number, from: number, to: number): boolean {
    const hits = this.hits(this.pack.detect.openingFiller, utt);
    for (let k = 0; k < hits.length; k++) if (hits[k]!.from <= from && hits[k]!.to >= to && hits[k]!.to - hits[k]!.from > to - from) return true;
    return false;
  }

  /** The agent turn after the one containing `utt` (after the customer's next words), or []. */
  nextAgentTurn(utt: number): number[] {
    let customerSpoke = false;
    for (let i = utt + 1; i < this.utterances.length; i++) {
      if (this.utterances[i]!.speaker === 'customer') customerSpoke = true;
      else if (customerSpoke && this.isAgent[i]) return this.agentTurnFrom(i);
    }
    return [];
  }

  /** The real agent utterances of the agent turn containing `utt` (between customer words). */
  agentTurn(utt: number): number[] {
    const u = this.utterances;
    let from = utt;
    while (from > 0 && u[from - 1]!.speaker !== 'customer') from--;
    const out: number[] = [];
    if (u[utt]!.speaker !== 'customer') for (let i = from; i <= utt; i++) if (this.isAgent[i]) out.push(i);
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

  /** The original text of a span of utterance `utt` given in normalized offsets. */
  quote(utt: number, from: number, to: number): string {
    const text = this.utterances[utt]!.text;
    if (this.sameOffsets(utt)) return text.slice(from, to);
    const span = spanInOriginal(text, from, to);
    return text.slice(span.from, span.to);
  }

  /** Evidence for a hit: offsets into the original text, `at` interpolated inside the utterance. */
  evidence(hit: Hit): Evidence {
    const u = this.utterances[hit.utt]!;
    let from = hit.from;
    let to = hit.to;
    if (!this.sameOffsets(hit.utt)) ({ from, to } = spanInOriginal(u.text, hit.from, hit.to));
    return { utterance: hit.utt, from, to, at: this.timeAt(hit.utt, from), quote: u.text.slice(from, to) };
  }

  /** Per utterance: 0 not known yet, 1 normalized offsets are original offsets, 2 they are not. */
  private offsetKinds: number[] | undefined;

  /**
   * Normalization folds each BMP character to one unit or drops it; only astral characters may
   * change length. With no surrogates and nothing dropped (same length), every offset maps to
   * itself and spanInOriginal's walk can be skipped.
   */
  private sameOffsets(utt: number): boolean {
    const kinds = (this.offsetKinds ??= new Array<number>(this.utterances.length).fill(0));
    let kind = kinds[utt]!;
    if (kind === 0) {
      const text = this.utterances[utt]!.text;
      kind = this.textLength(utt) === text.length ? 1 : 2;
      // Normalization saw every unit: only a transcript with surrogates needs them looked for.
      for (let i = 0; i < text.length && kind === 1 && this.norm.surrogates; i++) {
        const c = text.charCodeAt(i);
        if (c >= 0xd800 && c <= 0xdfff) kind = 2;
      }
      kinds[utt] = kind;
    }
    return kind === 1;
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

  private memos: Map<string, unknown> | undefined;
  /** Computes a derived fact once per transcript (holds, transfers) however many rules use it. */
  memo<T>(key: string, compute: (ctx: InspectionContext) => T): T {
    // Most transcripts ask for one or two facts: the map is made on first use.
    const memos = (this.memos ??= new Map<string, unknown>());
    if (memos.has(key)) return memos.get(key) as T;
    const value = compute(this);
    memos.set(key, value);
    return value;
  }

  /**
   * Messages in English. Rules test this rather than calling `t` when a message is built from
   * parts (quotes, numbers): `t` would build both languages' strings and drop one.
   */
  get en(): boolean {
    return this.lang === 'en';
  }

  t(zh: string, en: string): string {
    return this.lang === 'en' ? en : zh;
  }
}

/** The events by time (a stable sort); events already in order, the usual case, are not copied. */
function inTimeOrder(events: readonly CallEvent[]): readonly CallEvent[] {
  for (let i = 1; i < events.length; i++) {
    if (events[i - 1]!.at > events[i]!.at) return [...events].sort((a, b) => a.at - b.at);
  }
  return events;
}

/** Exclusions are context: 听不清楚 voids the 不清楚 inside it; with a window, anything near. */
function withoutExcluded(list: Hit[], exclusions: readonly Exclusion[], window: number): Hit[] {
  // In place: the list is the caller's own, just made.
  let kept = 0;
  for (let i = 0; i < list.length; i++) {
    const h = list[i]!;
    const p = h.phrase ?? -1;
    let excluded = false;
    for (const x of exclusions) {
      if (x.forPhrase !== -1 && x.forPhrase !== p) continue;
      if (window === 0 ? x.from <= h.from && x.to >= h.to : x.from < h.to + window && x.to > h.from - window) {
        excluded = true;
        break;
      }
    }
    if (!excluded) list[kept++] = h;
  }
  list.length = kept;
  return list;
}

/**
 * How far back (characters of normalized text) a not-after keyword reaches: a clause. Chat
 * messages joined by spaces lose the spaces in normalization, so a clause break alone would let
 * 如果 reach into the customer's next message.
 */
const NOT_AFTER_REACH = 12;
const CLAUSE_BREAK = /[,。.!?;~…]/u;

/** Hits with no not-after keyword (如果, 怕, 万一…) before them in the same clause. */
function notAfterOpeners(list: readonly Hit[], openers: readonly number[], text: string): Hit[] {
  const kept: Hit[] = [];
  for (const h of list) {
    let voided = false;
    for (let i = 0; i < openers.length && !voided; i++) {
      const end = openers[i]!;
      if (end > h.from || h.from - end > NOT_AFTER_REACH) continue;
      voided = !CLAUSE_BREAK.test(text.slice(end, h.from));
    }
    if (!voided) kept.push(h);
  }
  return kept;
}

/** Two lists sorted by start as one, `a`'s hits before `b`'s at the same start. */
function mergeByStart(a: readonly Hit[], b: readonly Hit[]): Hit[] {
  const out: Hit[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(b[j]!.from < a[i]!.from ? b[j++]! : a[i++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

/** Sorted by start; a hit inside an earlier, longer hit of the same set is the same occurrence. */
function dedupe(list: Hit[]): Hit[] {
  // Matches arrive by end, longest first: usually already in order, and sort is stable.
  let sorted = true;
  for (let i = 1; i < list.length && sorted; i++) {
    const a = list[i - 1]!;
    const b = list[i]!;
    if (a.from - b.from > 0 || (a.from === b.from && b.to - a.to > 0)) sorted = false;
  }
  if (!sorted) list.sort((a, b) => a.from - b.from || b.to - a.to);
  // In place: the list is the caller's own, just made.
  let kept = 0;
  let reach = -1;
  for (let i = 0; i < list.length; i++) {
    const h = list[i]!;
    if (h.to <= reach) continue;
    list[kept++] = h;
    reach = h.to;
  }
  list.length = kept;
  return list;
}

export function compareHits(a: Hit, b: Hit): number {
  return a.utt - b.utt || a.from - b.from;
}

/** AdvanceStringIndex of the spec: past one code point in unicode mode, else one unit. */
function advance(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const c = text.charCodeAt(index);
  if (c < 0xd800 || c > 0xdbff) return index + 1;
  const low = text.charCodeAt(index + 1);
  return low >= 0xdc00 && low <= 0xdfff ? index + 2 : index + 1;
}
