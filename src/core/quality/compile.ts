import { normalizePhrase, PART_SEPARATOR } from '../text/normalize.js';
import { PhraseAutomaton } from '../text/phrase-automaton.js';
import { requiredLiteralGroups } from './regex-triggers.js';
import type { MatchItem, PhraseSet, Rule, Scope, StandardPack, When } from '../standard/schema.js';
import type { Channel } from '../interactions/transcript.js';

/**
 * A compiled standard pack: one Aho-Corasick automaton over every phrase and exclusion of the
 * pack (and the literals the pack's regexes need, see regex-triggers.ts), and the rules as
 * immutable nodes that refer to phrase sets by index. Compiling is done once per pack version;
 * inspecting a transcript never rebuilds anything.
 */
export interface CompiledPack {
  readonly pack: StandardPack;
  /** `id@version`, recorded in every result. */
  readonly standard: string;
  readonly automaton: PhraseAutomaton;
  /** Normalized keyword → who owns it (a set's phrase, or an exclusion of a set/phrase). */
  readonly owners: ReadonlyMap<string, readonly KeywordOwner[]>;
  /** The same, by the automaton's keyword index (undefined for a keyword that is only a trigger). */
  readonly keywordOwners: ReadonlyArray<readonly KeywordOwner[] | undefined>;
  /** By keyword index: the regexes whose trigger it is, as ids `set.firstGroup + regex index`. */
  readonly keywordTriggers: ReadonlyArray<readonly number[] | undefined>;
  /**
   * The sets each keyword concerns (its phrase, exclusion, not-after word or the trigger of its
   * regex), as bit masks laid out as `keywordMasks`. One array beside the one the scan reads, so
   * walking an utterance's matches for one set reads memory that is already in the cache (one
   * table per set, as before, was mostly cache misses).
   */
  readonly keywordConcerns: Int32Array;
  /**
   * From the keyword, the sets it can give a hit to (its phrase or the trigger of its regex; not
   * an exclusion or not-after word, which only take hits away), as bit masks: set `s` is bit
   * `s % 30` of word `s / 30`, and keyword `id`'s words are `keywordMasks[id * maskWords …]`.
   * (30 bits keep every word a small integer.) An utterance none of whose matches has a set's bit
   * has no hit of it (regexes that run everywhere aside).
   */
  readonly keywordMasks: Int32Array;
  readonly maskWords: number;
  /** By UTF-16 unit: the bits of the single-character literal groups it belongs to (see CompiledSet.alsoNeedsBits). */
  readonly charGroupBits: Int32Array;
  /**
   * The same units as a set of bits (unit `c` is bit `c % 32` of word `c / 32`): 8 KB that stay
   * in the L1 cache, where the 256 KB table does not, so a pass over an utterance reads the table
   * only at the few units that belong to a group.
   */
  readonly charGroupUnits: Int32Array;
  /** By set: 1 when it has a regex that runs on every utterance (no trigger literals). */
  readonly alwaysRuns: Uint8Array;
  readonly sets: readonly CompiledSet[];
  readonly rules: readonly CompiledRule[];
  readonly detect: {
    readonly auto: SetRef;
    readonly holdRequest: SetRef;
    readonly transferRequest: SetRef;
    /** What does not open a chat yet (templates, a bare hold, a greeting alone), see openingFiller. */
    readonly openingFiller: SetRef;
    readonly opening: StandardPack['detect']['opening'];
    readonly holds: StandardPack['detect']['holds'];
    readonly transfers: StandardPack['detect']['transfers'];
  };
  readonly weights: Readonly<Record<Rule['severity'], number>>;
  /** By set: the sets whose presence in the same or the next agent turn excuses its hits (unlessNear). */
  readonly unlessNear: ReadonlyArray<SetRef | undefined>;
}

export interface KeywordOwner {
  readonly set: number;
  /**
   * `match`: the keyword is phrase `phrase` of the set; `exclude`: it voids hits of the set that
   * it covers (or that lie within the set's window); `not-after`: it voids hits later in its clause.
   */
  readonly role: 'match' | 'exclude' | 'not-after';
  readonly phrase: number;
  /** For a phrase-level exclusion: the phrase it belongs to; -1 = the whole set. */
  readonly forPhrase: number;
}

export interface CompiledSet {
  readonly index: number;
  readonly name: string;
  readonly phrases: readonly string[];
  readonly regex: readonly RegExp[];
  /**
   * True when every regex of the set needs some literals (its triggers): the regexes then run
   * only on utterances where the automaton saw them.
   */
  readonly triggered: boolean;
  /**
   * Per regex, the literal groups it needs all of (one literal of each group). The first, most
   * selective group of regex `r` is found by the automaton (trigger group `firstGroup + r`);
   * the rest, `alsoNeeds`, are checked in the utterance text only once that one occurred.
   */
  readonly alsoNeeds: ReadonlyArray<ReadonlyArray<readonly string[]>>;
  readonly firstGroup: number;
  /**
   * Parallel to `alsoNeeds`: the bit in the pack's `charGroupBits` of the group's single
   * characters (so one pass over an utterance answers for every digit of 0-9|[数字x]); 0 for a
   * group without any (or past the 29 bits there are).
   */
  readonly alsoNeedsBits: ReadonlyArray<readonly number[]>;
  /** Parallel to `alsoNeeds`: the literals of each group its bit does not answer for, looked for in the text. */
  readonly alsoNeedsRest: ReadonlyArray<ReadonlyArray<readonly string[]>>;
  /** Has regexes that must run on every utterance (no trigger literals). */
  readonly untriggeredRegex: boolean;
  readonly window: number;
  readonly suggestion: string | undefined;
  readonly hasExclusions: boolean;
}

/** A union of phrase sets: a hit of any member is a hit of the reference. */
export interface SetRef {
  readonly sets: readonly number[];
  readonly label: string;
  /**
   * The sets as bits, word `w` covering sets `w * MASK_BITS …` (as keywordMasks): one AND with an
   * utterance's mask of present sets rules out every set of the reference at once.
   */
  readonly mask: Int32Array;
  /** Some set of it has a regex that runs on every utterance: the mask cannot rule hits out. */
  readonly alwaysRuns: boolean;
}

export interface CompiledWhen {
  readonly speaker: When['speaker'];
  readonly match: SetRef;
  readonly reason: string | undefined;
  readonly reasonEn: string | undefined;
}

export interface CompiledRule {
  readonly rule: Rule;
  // The fields of `rule` that every evaluation reads, copied here: compiled rules all have one
  // shape, the pack's rules one per kind and set of optional fields, and reading a field through
  // that many shapes cost more than the test made with it.
  readonly id: string;
  readonly kind: Rule['kind'];
  readonly severity: Rule['severity'];
  readonly title: string;
  readonly titleEn: string | undefined;
  readonly suggestion: string | undefined;
  readonly channels: Rule['channels'];
  readonly directions: Rule['directions'];
  /** Every field present (undefined where the pack has none): one shape for every rule's scope. */
  readonly scope: Readonly<Partial<Scope>>;
  readonly whenLonger: Rule['whenLonger'];
  /** Each entry of `match` (phrase/hold/transfer rules), `first`/`facts` etc. as set references. */
  readonly match: readonly SetRef[];
  readonly forbid: SetRef | undefined;
  readonly second: readonly SetRef[];
  readonly when: CompiledWhen | undefined;
  /** Said, the rule does not apply (`unless` in the pack). */
  readonly unless: CompiledWhen | undefined;
  /** Phrase rules: by channel, sets that count where they open the agent's words (see schema). */
  readonly openers: Readonly<Partial<Record<Channel, SetRef>>>;
  /** Points a failure of the rule at its own severity costs: its `points`, else the severity's weight. */
  readonly points: number;
}

export const MASK_BITS = 30;

export function compilePack(source: StandardPack): CompiledPack {
  const pack = internStrings(source);
  const sets: CompiledSet[] = [];
  const owners = new Map<string, KeywordOwner[]>();
  const addOwner = (keyword: string, owner: KeywordOwner): void => {
    if (keyword.length === 0) return;
    const list = owners.get(keyword);
    if (list) list.push(owner);
    else owners.set(keyword, [owner]);
  };
  const expand = (text: string): string[] => expandVariables(text, pack.variables).map(normalizePhrase);

  const triggerGroups = new Map<string, number[]>();
  // Single-character literal groups (digits, 日/号, -./ …) by content: a bit each, up to 29 (the
  // context keeps them in small integers).
  const charGroups = new Map<string, number>();
  const charGroupBits = new Int32Array(0x10000);
  const charGroupBit = (group: readonly string[]): number => {
    const singles = group.filter((literal) => literal.length === 1);
    if (singles.length === 0) return 0;
    const key = singles.sort().join('');
    let bit = charGroups.get(key);
    if (bit === undefined) {
      bit = charGroups.size < 29 ? 1 << charGroups.size : 0;
      charGroups.set(key, bit);
      for (const literal of singles) charGroupBits[literal.charCodeAt(0)]! |= bit;
    }
    return bit;
  };
  const restOf = (group: readonly string[], bit: number): readonly string[] => Object.freeze(bit === 0 ? [...group] : group.filter((literal) => literal.length !== 1));
  let groupCount = 0;
  const sources: PhraseSet[] = [];
  const addSet = (name: string, set: PhraseSet): number => {
    const index = sets.length;
    sources.push(set);
    const regexSources = set.regex.map(foldRegexSource);
    const literals = regexSources.map(requiredLiteralGroups);
    const triggered = set.regex.length > 0 && literals.every((groups) => groups !== undefined && groups.every((g) => g.every((t) => !t.includes(PART_SEPARATOR))));
    const firstGroup = groupCount;
    const alsoNeeds: string[][][] = [];
    if (triggered) {
      for (const groups of literals as string[][][]) {
        const id = groupCount++;
        for (const t of groups[0]!) {
          const list = triggerGroups.get(t);
          if (list) list.push(id);
          else triggerGroups.set(t, [id]);
        }
        alsoNeeds.push(groups.slice(1));
      }
    }
    const phrases: string[] = [];
    let hasExclusions = set.exclude.length > 0;
    for (const entry of set.phrases) {
      const text = typeof entry === 'string' ? entry : entry.text;
      for (const phrase of expand(text)) {
        const phraseIndex = phrases.length;
        phrases.push(phrase);
        addOwner(phrase, { set: index, role: 'match', phrase: phraseIndex, forPhrase: -1 });
        if (typeof entry !== 'string') {
          for (const ex of entry.exclude ?? []) {
            for (const e of expand(ex)) addOwner(e, { set: index, role: 'exclude', phrase: -1, forPhrase: phraseIndex });
            hasExclusions = true;
          }
        }
      }
    }
    for (const ex of set.exclude) for (const e of expand(ex)) addOwner(e, { set: index, role: 'exclude', phrase: -1, forPhrase: -1 });
    for (const ex of set.notAfter) for (const e of expand(ex)) addOwner(e, { set: index, role: 'not-after', phrase: -1, forPhrase: -1 });
    const alsoNeedsBits = alsoNeeds.map((groups) => groups.map(charGroupBit));
    sets.push(
      Object.freeze({
        index,
        name,
        phrases: Object.freeze(phrases),
        regex: Object.freeze(combineRegex(regexSources)),
        triggered,
        alsoNeeds: Object.freeze(alsoNeeds),
        alsoNeedsBits: Object.freeze(alsoNeedsBits.map((bits) => Object.freeze(bits))),
        alsoNeedsRest: Object.freeze(alsoNeeds.map((groups, r) => Object.freeze(groups.map((group, g) => restOf(group, alsoNeedsBits[r]![g]!))))),
        firstGroup,
        untriggeredRegex: set.regex.length > 0 && !triggered,
        window: set.window,
        suggestion: set.suggestion === undefined ? undefined : fillVariables(set.suggestion, pack.variables),
        hasExclusions,
      }),
    );
    return index;
  };

  const named = new Map<string, number>();
  for (const [name, set] of Object.entries(pack.phraseSets)) named.set(name, addSet(name, set));
  let anonymous = 0;
  const ref = (items: readonly MatchItem[] | undefined): SetRef => {
    const indices = (items ?? []).map((item) => {
      if (typeof item === 'string') {
        const index = named.get(item);
        if (index === undefined) throw new Error(`unknown phrase set "${item}" (validate the pack first)`);
        return index;
      }
      return addSet(`_inline${anonymous++}`, item);
    });
    const mask = new Int32Array(indices.length === 0 ? 0 : Math.floor(Math.max(...indices) / MASK_BITS) + 1);
    for (const set of indices) mask[Math.floor(set / MASK_BITS)]! |= 1 << set % MASK_BITS;
    return Object.freeze({
      sets: Object.freeze(indices),
      label: (items ?? []).map((item) => (typeof item === 'string' ? item : 'inline')).join('+'),
      mask,
      alwaysRuns: indices.some((set) => sets[set]!.untriggeredRegex),
    });
  };
  const each = (items: readonly MatchItem[] | undefined): SetRef[] => (items ?? []).map((item) => ref([item]));

  const rules = pack.rules.map((rule): CompiledRule => {
    const compileWhen = (w: When | undefined): CompiledWhen | undefined =>
      w ? Object.freeze({ speaker: w.speaker, match: ref(w.match), reason: w.reason, reasonEn: w.reasonEn }) : undefined;
    const when = compileWhen(rule.when);
    const unless = compileWhen(rule.unless);
    let match: SetRef[] = [];
    let forbid: SetRef | undefined;
    let second: SetRef[] = [];
    const openers: Partial<Record<Channel, SetRef>> = {};
    switch (rule.kind) {
      case 'phrase':
        match = each(rule.match);
        forbid = rule.forbid ? ref(rule.forbid) : undefined;
        for (const [channel, items] of Object.entries(rule.openers ?? {})) if (items) openers[channel as Channel] = ref(items);
        break;
      case 'hold':
      case 'transfer':
        match = [ref(rule.match)];
        break;
      case 'order':
        match = [ref(rule.first)];
        second = [ref(rule.before)];
        break;
      case 'key-facts':
        match = each(rule.facts);
        second = [ref(rule.confirm), ref(rule.readBack)];
        break;
      case 'timing':
        match = rule.excusedBy ? [ref(rule.excusedBy)] : [];
        break;
      case 'speech-rate':
        second = rule.relaxLowerWhen ? [ref(rule.relaxLowerWhen.match)] : [];
        break;
      case 'interruption':
        match = [ref(rule.backchannel)];
        break;
      case 'hangup':
        match = [ref(rule.closing)];
        break;
      case 'dead-air':
        break;
      default: {
        const never: never = rule;
        throw new Error(`unhandled rule kind ${String(never)}`);
      }
    }
    const points = rule.points ?? pack.severities[rule.severity];
    // The suggested wording names the centre as the pack does (`{centre}` → 杭州热线服务中心).
    const named = rule.suggestion === undefined ? rule : { ...rule, suggestion: fillVariables(rule.suggestion, pack.variables) };
    return Object.freeze({
      rule: Object.freeze(named),
      id: named.id,
      kind: named.kind,
      severity: named.severity,
      title: named.title,
      titleEn: named.titleEn,
      suggestion: named.suggestion,
      channels: named.channels,
      directions: named.directions,
      scope: Object.freeze({
        speaker: named.scope?.speaker,
        segment: named.scope?.segment,
        first: named.scope?.first,
        last: named.scope?.last,
        withinMsOfAnswer: named.scope?.withinMsOfAnswer,
        after: named.scope?.after,
        before: named.scope?.before,
      }),
      whenLonger: named.whenLonger,
      match: Object.freeze(match),
      forbid,
      second: Object.freeze(second),
      when,
      unless,
      openers: Object.freeze(openers),
      points,
    });
  });

  const detect = Object.freeze({
    auto: ref(pack.detect.auto),
    holdRequest: ref(pack.detect.holds.request),
    transferRequest: ref(pack.detect.transfers.request),
    openingFiller: ref(pack.detect.opening.filler),
    opening: pack.detect.opening,
    holds: pack.detect.holds,
    transfers: pack.detect.transfers,
  });

  // After every named set exists (unlessNear names any of them); unlessNear of inline sets too.
  const unlessNear = sources.map((set) => (set.unlessNear.length === 0 ? undefined : ref(set.unlessNear)));

  const automaton = new PhraseAutomaton([...owners.keys(), ...triggerGroups.keys()]);
  const keywordOwners = automaton.keywords.map((k) => owners.get(k));
  const keywordTriggers = automaton.keywords.map((k) => triggerGroups.get(k));
  const groupSet: number[] = [];
  for (const set of sets) for (let g = 0; g < set.alsoNeeds.length; g++) groupSet[set.firstGroup + g] = set.index;
  const maskWords = Math.max(1, Math.ceil(sets.length / MASK_BITS));
  const keywordMasks = new Int32Array(automaton.keywords.length * maskWords);
  const keywordConcerns = new Int32Array(automaton.keywords.length * maskWords);
  automaton.keywords.forEach((_, id) => {
    const owned = keywordOwners[id] ?? [];
    const triggered = (keywordTriggers[id] ?? []).map((g) => groupSet[g]!);
    for (const set of [...owned.map((o) => o.set), ...triggered]) keywordConcerns[id * maskWords + Math.floor(set / MASK_BITS)]! |= 1 << set % MASK_BITS;
    // Exclusions and not-after words are read only once some phrase or trigger of the set is there.
    for (const set of new Set([...owned.filter((o) => o.role === 'match').map((o) => o.set), ...triggered])) {
      keywordMasks[id * maskWords + Math.floor(set / MASK_BITS)]! |= 1 << set % MASK_BITS;
    }
  });
  return Object.freeze({
    pack,
    standard: `${pack.id}@${pack.version}`,
    automaton,
    owners,
    keywordOwners: Object.freeze(keywordOwners),
    keywordTriggers: Object.freeze(keywordTriggers),
    keywordConcerns,
    keywordMasks,
    maskWords,
    charGroupBits,
    charGroupUnits: unitSet(charGroupBits),
    alwaysRuns: Uint8Array.from(sets, (s) => (s.untriggeredRegex ? 1 : 0)),
    sets: Object.freeze(sets),
    rules: Object.freeze(rules),
    detect,
    weights: Object.freeze({ ...pack.severities }),
    unlessNear: Object.freeze(unlessNear),
  });
}

/** The units with a nonzero entry in `table`, as a bit set. */
function unitSet(table: Int32Array): Int32Array {
  const set = new Int32Array(0x10000 / 32);
  for (let c = 0; c < table.length; c++) if (table[c] !== 0) set[c >>> 5]! |= 1 << (c & 31);
  return set;
}

const HAN = /\p{Script=Han}/u;

/**
 * Regexes run on normalized text, where every character is folded (Traditional → Simplified, and
 * a few Simplified characters to the variant both scripts share: 么 → 幺). The pattern's own Han
 * characters are folded the same way, so 怎么 in a pack's regex matches 怎么 and 怎麼 alike.
 * Han characters are never regex syntax; a fold that changes the length is left alone.
 */
export function foldRegexSource(source: string): string {
  let out = '';
  for (const ch of source) {
    if (!HAN.test(ch)) {
      out += ch;
      continue;
    }
    const folded = normalizePhrase(ch);
    out += folded.length === ch.length ? folded : ch;
  }
  return out;
}

// One pass per set instead of one per pattern: regexes dominate inspection time. Patterns with
// back-references keep their own pass (and their groups), since joining them would renumber the
// groups.
function combineRegex(sources: readonly string[]): RegExp[] {
  if (sources.some((r) => /\\[1-9]|\\k</.test(r))) return sources.map((r) => new RegExp(r, 'gu'));
  const plain = sources.map(withoutCaptures);
  if (plain.length <= 1) return plain.map((r) => new RegExp(r, 'gu'));
  return [new RegExp(plain.map((r) => `(?:${r})`).join('|'), 'gu')];
}

/**
 * The pattern with every capturing group made non-capturing (`(a|b)` → `(?:a|b)`, named groups
 * too). Inspection reads only where a match starts and how long it is, and without
 * back-references (the caller's condition) groups do not change what matches: only the captures,
 * which every match would otherwise allocate and fill. Lookarounds and escaped or bracketed
 * parentheses are left as they are.
 */
export function withoutCaptures(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      out += c + (source[i + 1] ?? '');
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      continue;
    }
    if (c !== '(') {
      out += c;
      continue;
    }
    if (source[i + 1] !== '?') {
      out += '(?:';
      continue;
    }
    // `(?<name>`: named capture (not a lookbehind `(?<=` / `(?<!`).
    if (source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!') {
      const close = source.indexOf('>', i + 3);
      if (close > 0) {
        out += '(?:';
        i = close;
        continue;
      }
    }
    out += c;
  }
  return out;
}

/**
 * A copy of a parsed pack with every string replaced by the engine's interned copy of it. Strings
 * read from YAML are two-byte heap strings: `rule.kind === 'phrase'`, `require === 'any'`,
 * `speaker === 'agent'` then compare characters, and the rules make hundreds of such comparisons
 * per transcript. Interned strings (as literals and property keys are in V8) compare by reference.
 * The values are the same, so nothing a rule says changes.
 */
function internStrings<T>(value: T): T {
  if (typeof value === 'string') return internString(value) as T;
  if (Array.isArray(value)) return value.map(internStrings) as T;
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, internStrings(v)])) as T;
  }
  return value;
}

/** The string as a property key holds it: V8 interns every property name. */
function internString(s: string): string {
  return Object.keys({ [s]: 0 })[0] ?? s;
}

/** `{company}客服` with company: [甲, 乙] → [甲客服, 乙客服]. Unknown variables stay literal. */
/**
 * Wording with the pack's names in place of its placeholders, the first value of each
 * (`这里是{centre}` → 这里是杭州热线服务中心); placeholders the pack does not define (`{customerName}`)
 * stay for whoever fills them later.
 */
export function fillVariables(text: string, variables: StandardPack['variables']): string {
  return text.replace(/\{([a-zA-Z][a-zA-Z0-9_]*)\}/g, (whole, name: string) => {
    const value = variables[name];
    const first = (Array.isArray(value) ? value : value === undefined ? [] : [value]).find((v) => v.trim() !== '');
    return first ?? whole;
  });
}

export function expandVariables(text: string, variables: StandardPack['variables']): string[] {
  const match = /\{([a-zA-Z][a-zA-Z0-9_]*)\}/.exec(text);
  if (!match) return [text];
  const value = variables[match[1]!];
  if (value === undefined) return [text];
  const values = (Array.isArray(value) ? value : [value]).filter((v) => v.length > 0);
  const head = text.slice(0, match.index);
  const tail = text.slice(match.index + match[0].length);
  return values.flatMap((v) => expandVariables(head + v + tail, variables));
}
