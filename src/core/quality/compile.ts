import { AhoCorasick } from '@monyone/aho-corasick/fast';
import { normalizePhrase } from '../text/normalize.js';
import type { MatchItem, PhraseSet, Rule, StandardPack, When } from '../standard/schema.js';

/**
 * A compiled standard pack: one Aho-Corasick automaton over every phrase and exclusion of the
 * pack, and the rules as immutable nodes that refer to phrase sets by index. Compiling is done
 * once per pack version; inspecting a transcript never rebuilds anything.
 */
export interface CompiledPack {
  readonly pack: StandardPack;
  /** `id@version`, recorded in every result. */
  readonly standard: string;
  readonly automaton: AhoCorasick;
  /** Normalized keyword → who owns it (a set's phrase, or an exclusion of a set/phrase). */
  readonly owners: ReadonlyMap<string, readonly KeywordOwner[]>;
  readonly sets: readonly CompiledSet[];
  readonly rules: readonly CompiledRule[];
  readonly detect: {
    readonly auto: SetRef;
    readonly holdRequest: SetRef;
    readonly transferRequest: SetRef;
    readonly holds: StandardPack['detect']['holds'];
    readonly transfers: StandardPack['detect']['transfers'];
  };
  readonly weights: Readonly<Record<Rule['severity'], number>>;
}

export interface KeywordOwner {
  readonly set: number;
  /** `match`: the keyword is phrase `phrase` of the set; `exclude`: it voids hits of the set. */
  readonly role: 'match' | 'exclude';
  readonly phrase: number;
  /** For a phrase-level exclusion: the phrase it belongs to; -1 = the whole set. */
  readonly forPhrase: number;
}

export interface CompiledSet {
  readonly index: number;
  readonly name: string;
  readonly phrases: readonly string[];
  readonly regex: readonly RegExp[];
  readonly window: number;
  readonly suggestion: string | undefined;
  readonly hasExclusions: boolean;
}

/** A union of phrase sets: a hit of any member is a hit of the reference. */
export interface SetRef {
  readonly sets: readonly number[];
  readonly label: string;
}

export interface CompiledWhen {
  readonly speaker: When['speaker'];
  readonly match: SetRef;
  readonly reason: string | undefined;
  readonly reasonEn: string | undefined;
}

export interface CompiledRule {
  readonly rule: Rule;
  /** Each entry of `match` (phrase/hold/transfer rules), `first`/`facts` etc. as set references. */
  readonly match: readonly SetRef[];
  readonly forbid: SetRef | undefined;
  readonly second: readonly SetRef[];
  readonly when: CompiledWhen | undefined;
}

export function compilePack(pack: StandardPack): CompiledPack {
  const sets: CompiledSet[] = [];
  const owners = new Map<string, KeywordOwner[]>();
  const addOwner = (keyword: string, owner: KeywordOwner): void => {
    if (keyword.length === 0) return;
    const list = owners.get(keyword);
    if (list) list.push(owner);
    else owners.set(keyword, [owner]);
  };
  const expand = (text: string): string[] => expandVariables(text, pack.variables).map(normalizePhrase);

  const addSet = (name: string, set: PhraseSet): number => {
    const index = sets.length;
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
    sets.push(
      Object.freeze({
        index,
        name,
        phrases: Object.freeze(phrases),
        regex: Object.freeze(combineRegex(set.regex)),
        window: set.window,
        suggestion: set.suggestion,
        hasExclusions,
      }),
    );
    return index;
  };

  const named = new Map<string, number>();
  for (const [name, set] of Object.entries(pack.phraseSets)) named.set(name, addSet(name, set));
  let anonymous = 0;
  const ref = (items: readonly MatchItem[] | undefined): SetRef =>
    Object.freeze({
      sets: Object.freeze(
        (items ?? []).map((item) => {
          if (typeof item === 'string') {
            const index = named.get(item);
            if (index === undefined) throw new Error(`unknown phrase set "${item}" (validate the pack first)`);
            return index;
          }
          return addSet(`_inline${anonymous++}`, item);
        }),
      ),
      label: (items ?? []).map((item) => (typeof item === 'string' ? item : 'inline')).join('+'),
    });
  const each = (items: readonly MatchItem[] | undefined): SetRef[] => (items ?? []).map((item) => ref([item]));

  const rules = pack.rules.map((rule): CompiledRule => {
    const when: CompiledWhen | undefined = rule.when
      ? Object.freeze({ speaker: rule.when.speaker, match: ref(rule.when.match), reason: rule.when.reason, reasonEn: rule.when.reasonEn })
      : undefined;
    let match: SetRef[] = [];
    let forbid: SetRef | undefined;
    let second: SetRef[] = [];
    switch (rule.kind) {
      case 'phrase':
        match = each(rule.match);
        forbid = rule.forbid ? ref(rule.forbid) : undefined;
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
        second = [ref(rule.confirm)];
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
      default: {
        const never: never = rule;
        throw new Error(`unhandled rule kind ${String(never)}`);
      }
    }
    return Object.freeze({ rule: Object.freeze(rule), match: Object.freeze(match), forbid, second: Object.freeze(second), when });
  });

  const detect = Object.freeze({
    auto: ref(pack.detect.auto),
    holdRequest: ref(pack.detect.holds.request),
    transferRequest: ref(pack.detect.transfers.request),
    holds: pack.detect.holds,
    transfers: pack.detect.transfers,
  });

  return Object.freeze({
    pack,
    standard: `${pack.id}@${pack.version}`,
    automaton: new AhoCorasick([...owners.keys()]),
    owners,
    sets: Object.freeze(sets),
    rules: Object.freeze(rules),
    detect,
    weights: Object.freeze({ ...pack.severities }),
  });
}

// One pass per set instead of one per pattern: regexes dominate inspection time. Patterns with
// back-references keep their own pass, since joining them would renumber the groups.
function combineRegex(sources: readonly string[]): RegExp[] {
  if (sources.length <= 1 || sources.some((r) => /\\[1-9]|\\k</.test(r))) return sources.map((r) => new RegExp(r, 'gu'));
  return [new RegExp(sources.map((r) => `(?:${r})`).join('|'), 'gu')];
}

/** `{company}客服` with company: [甲, 乙] → [甲客服, 乙客服]. Unknown variables stay literal. */
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
