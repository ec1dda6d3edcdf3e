/**
 * Required literals of a regular expression: strings of which every match contains at least one.
 *
 * A pack's regexes (time limits, amounts, dates…) only match near a few telltale words (分钟, 元,
 * 月…). Those words join the pack's automaton as triggers, and a phrase set's regexes run only
 * on utterances where a trigger occurred: on most utterances they never run at all, and where
 * they do, the result is the same as running them everywhere.
 *
 * The analysis reads JavaScript regex syntax (the `u` flag, no `i`) and is conservative: anything
 * it does not understand (classes it cannot list, `.`, `\p{…}`, back-references) counts as
 * "could be anything", and a pattern with no required literal returns `undefined` (always run).
 */

/** What one piece of a pattern can match. */
interface Info {
  /** Every string it can match, when that is a short list (may contain ''). */
  readonly exact: ReadonlySet<string> | undefined;
  /** Strings one of which every match contains (never contains ''); undefined = unknown. */
  readonly required: ReadonlySet<string> | undefined;
  /** Several such sets that every match satisfies at once (`required` is the best of them). */
  readonly all: ReadonlyArray<ReadonlySet<string>>;
}

const MAX_EXACT = 64;
const MAX_CLASS = 64;
const ANY: Info = { exact: undefined, required: undefined, all: [] };
const EMPTY: Info = { exact: new Set(['']), required: undefined, all: [] };

/** The most selective set of literals one of which every match of `source` contains. */
export function requiredLiterals(source: string): string[] | undefined {
  const info = analyse(source);
  if (!info) return undefined;
  const set = info.exact && !info.exact.has('') ? info.exact : info.required;
  if (!set || set.size === 0) return undefined;
  return minimal(set);
}

/**
 * Every literal set the pattern requires at once: a match contains one string of EACH group
 * (订单 AND 编号, a digit AND 元). Undefined when nothing is required.
 */
export function requiredLiteralGroups(source: string): string[][] | undefined {
  const info = analyse(source);
  if (!info) return undefined;
  const groups = info.exact && !info.exact.has('') ? [info.exact] : info.all;
  const out: string[][] = [];
  const seen = new Set<string>();
  for (const g of groups) {
    if (g.size === 0) continue;
    const m = minimal(g);
    const key = JSON.stringify(m);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(m);
  }
  if (out.length === 0) return undefined;
  // Most selective first: the automaton looks for that one, the others are checked after.
  return out.sort((a, b) => compareSelectivity(new Set(a), new Set(b)));
}

function analyse(source: string): Info | undefined {
  try {
    const parser = new Parser(source);
    const result = parser.alternation();
    return parser.pos === source.length ? result : undefined;
  } catch {
    return undefined;
  }
}

/** Drops strings that contain another string of the set: the shorter one already triggers. */
function minimal(set: ReadonlySet<string>): string[] {
  const list = [...set].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  const out: string[] = [];
  for (const s of list) if (!out.some((t) => s.includes(t))) out.push(s);
  return out;
}

function literal(s: string): Info {
  return { exact: new Set([s]), required: undefined, all: [] };
}

function asRequired(info: Info): ReadonlySet<string> | undefined {
  if (info.exact && !info.exact.has('')) return info.exact;
  return info.required;
}

/**
 * Orders requirement sets most selective first: longer shortest string, then one without bare
 * punctuation (normalized text turns every 。，？ into ASCII, so "." is in most sentences), then
 * fewer strings.
 */
function compareSelectivity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const shortest = (s: ReadonlySet<string>): number => Math.min(...[...s].map((x) => x.length));
  const byLength = shortest(b) - shortest(a);
  if (byLength !== 0) return byLength;
  const byPunctuation = Number(punctuationOnly(a)) - Number(punctuationOnly(b));
  if (byPunctuation !== 0) return byPunctuation;
  return a.size - b.size;
}

/** The more selective of two requirement sets (the first on a tie). */
function better(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): ReadonlySet<string> | undefined {
  if (!a) return b;
  if (!b) return a;
  return compareSelectivity(a, b) <= 0 ? a : b;
}

function punctuationOnly(set: ReadonlySet<string>): boolean {
  for (const s of set) if (/^[\p{P}\p{S}\s]+$/u.test(s)) return true;
  return false;
}

class Parser {
  pos = 0;
  constructor(private readonly src: string) {}

  private peek(): string | undefined {
    return this.src[this.pos];
  }

  alternation(): Info {
    const alternatives = [this.sequence()];
    while (this.peek() === '|') {
      this.pos++;
      alternatives.push(this.sequence());
    }
    if (alternatives.length === 1) return alternatives[0]!;
    let exact: Set<string> | undefined = new Set();
    let required: Set<string> | undefined = new Set();
    for (const a of alternatives) {
      if (exact && a.exact) for (const s of a.exact) exact.add(s);
      else exact = undefined;
      const r = asRequired(a);
      if (required && r) for (const s of r) required.add(s);
      else required = undefined;
    }
    if (exact && exact.size > MAX_EXACT) exact = undefined;
    return { exact, required, all: required ? [required] : [] };
  }

  private sequence(): Info {
    let product: Set<string> | undefined = new Set(['']);
    let allExact = true;
    let best: ReadonlySet<string> | undefined;
    const all: Array<ReadonlySet<string>> = [];
    const flush = (): void => {
      if (product && !product.has('')) {
        best = better(best, product);
        all.push(product);
      }
    };
    while (this.pos < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      const item = this.quantified();
      if (item.exact && product) {
        const next = new Set<string>();
        for (const a of product) for (const b of item.exact) next.add(a + b);
        if (next.size <= MAX_EXACT) {
          product = next;
          continue;
        }
        allExact = false;
        flush();
        product = new Set(item.exact);
        continue;
      }
      allExact = false;
      flush();
      best = better(best, item.required);
      all.push(...item.all);
      product = item.exact ? new Set(item.exact) : new Set(['']);
    }
    flush();
    return { exact: allExact ? product : undefined, required: best, all };
  }

  private quantified(): Info {
    const atom = this.atom();
    const q = this.quantifier();
    if (!q) return atom;
    const [min, max] = q;
    if (this.peek() === '?') this.pos++; // lazy
    if (min === 0) {
      if (max === 1 && atom.exact) return { exact: new Set([...atom.exact, '']), required: undefined, all: [] };
      return ANY;
    }
    if (min === 1 && max === 1) return atom;
    const required = asRequired(atom);
    return { exact: undefined, required, all: atom.exact && !atom.exact.has('') ? [atom.exact] : atom.all };
  }

  private quantifier(): [number, number] | undefined {
    const c = this.peek();
    if (c === '*') return (this.pos++, [0, Infinity]);
    if (c === '+') return (this.pos++, [1, Infinity]);
    if (c === '?') return (this.pos++, [0, 1]);
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
      if (!m) throw new Error('bad quantifier');
      this.pos += m[0].length;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      return [min, max];
    }
    return undefined;
  }

  private atom(): Info {
    const c = this.src[this.pos++];
    switch (c) {
      case undefined:
        throw new Error('unexpected end');
      case '(':
        return this.group();
      case '[':
        return this.charClass();
      case '.':
        return ANY;
      case '^':
      case '$':
        return EMPTY;
      case '\\':
        return this.escape(false);
      default: {
        const code = c.charCodeAt(0);
        if (code >= 0xd800 && code <= 0xdbff && this.pos < this.src.length) return literal(c + this.src[this.pos++]!);
        return literal(c);
      }
    }
  }

  private group(): Info {
    let lookaround = false;
    if (this.src.startsWith('?:', this.pos)) this.pos += 2;
    else if (this.src.startsWith('?=', this.pos) || this.src.startsWith('?!', this.pos)) {
      this.pos += 2;
      lookaround = true;
    } else if (this.src.startsWith('?<=', this.pos) || this.src.startsWith('?<!', this.pos)) {
      this.pos += 3;
      lookaround = true;
    } else if (this.src.startsWith('?<', this.pos)) {
      const close = this.src.indexOf('>', this.pos);
      if (close < 0) throw new Error('bad group name');
      this.pos = close + 1;
    } else if (this.peek() === '?') throw new Error('unknown group');
    const inner = this.alternation();
    if (this.src[this.pos++] !== ')') throw new Error('unclosed group');
    return lookaround ? EMPTY : inner;
  }

  /** After a backslash. Inside a class only single characters are meaningful. */
  private escape(inClass: boolean): Info {
    const c = this.src[this.pos++];
    switch (c) {
      case undefined:
        throw new Error('trailing backslash');
      case 'd':
        return { exact: new Set('0123456789'), required: undefined, all: [] };
      case 'b':
      case 'B':
        if (inClass) return literal('\b');
        return EMPTY;
      case 'p':
      case 'P': {
        if (this.peek() === '{') {
          const close = this.src.indexOf('}', this.pos);
          if (close < 0) throw new Error('bad property');
          this.pos = close + 1;
        }
        return ANY;
      }
      case 'n':
        return literal('\n');
      case 'r':
        return literal('\r');
      case 't':
        return literal('\t');
      case 'f':
        return literal('\f');
      case 'v':
        return literal('\v');
      case 'u': {
        const m = /^(\{([0-9a-fA-F]+)\}|[0-9a-fA-F]{4})/.exec(this.src.slice(this.pos));
        if (!m) throw new Error('bad \\u');
        this.pos += m[0].length;
        return literal(String.fromCodePoint(parseInt(m[2] ?? m[1]!, 16)));
      }
      case 'x': {
        const m = /^[0-9a-fA-F]{2}/.exec(this.src.slice(this.pos));
        if (!m) throw new Error('bad \\x');
        this.pos += 2;
        return literal(String.fromCharCode(parseInt(m[0], 16)));
      }
      case 'k': {
        // A named back-reference: could be anything its group matched.
        if (this.peek() === '<') {
          const close = this.src.indexOf('>', this.pos);
          if (close < 0) throw new Error('bad \\k');
          this.pos = close + 1;
        }
        return ANY;
      }
      case 'c':
        this.pos++;
        return ANY;
      default:
        if (/[0-9]/.test(c)) {
          // A back-reference (\1, \12) or \0: skip all its digits.
          while (this.pos < this.src.length && /[0-9]/.test(this.src[this.pos]!)) this.pos++;
          return ANY;
        }
        // \D \w \W \s \S and anything else with a letter: not worth listing.
        if (/[A-Za-z]/.test(c)) return ANY;
        return literal(c);
    }
  }

  private charClass(): Info {
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.pos++;
    }
    const chars = new Set<string>();
    let listable = true;
    while (this.pos < this.src.length && this.peek() !== ']') {
      const lo = this.classAtom();
      if (this.peek() === '-' && this.src[this.pos + 1] !== ']' && this.pos + 1 < this.src.length) {
        this.pos++;
        const hi = this.classAtom();
        if (lo === undefined || hi === undefined) {
          listable = false;
          continue;
        }
        const a = lo.codePointAt(0)!;
        const b = hi.codePointAt(0)!;
        if (b - a + 1 > MAX_CLASS) listable = false;
        else for (let cp = a; cp <= b; cp++) chars.add(String.fromCodePoint(cp));
        continue;
      }
      if (lo === undefined) listable = false;
      else chars.add(lo);
    }
    if (this.src[this.pos++] !== ']') throw new Error('unclosed class');
    if (negated || !listable || chars.size === 0 || chars.size > MAX_CLASS) return ANY;
    return { exact: chars, required: undefined, all: [] };
  }

  /** One member of a class: a character, or undefined for a class escape (\d \w \p{…}). */
  private classAtom(): string | undefined {
    const c = this.src[this.pos++];
    if (c === undefined) throw new Error('unclosed class');
    if (c === '\\') {
      if (this.peek() === 'd') {
        this.pos++;
        return undefined;
      }
      const info = this.escape(true);
      const only = info.exact && info.exact.size === 1 ? [...info.exact][0] : undefined;
      return only !== undefined && only.length > 0 ? only : undefined;
    }
    const code = c.charCodeAt(0);
    if (code >= 0xd800 && code <= 0xdbff && this.pos < this.src.length) return c + this.src[this.pos++]!;
    return c;
  }
}
