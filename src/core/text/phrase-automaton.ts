/**
 * Aho-Corasick over UTF-16 units, compiled to flat typed arrays.
 *
 * Inspection runs every phrase of a pack over every transcript, so this is the innermost loop of
 * the quality engine: one table read maps a character to its column, one more gives the next
 * state (a full transition table, no failure-link walking), and a state's matches are a slice of
 * one array. Packs too large for a full table (states × alphabet) fall back to sparse rows with
 * failure links; both give the same matches.
 */

/** Largest full transition table built (entries); beyond it the sparse form is used. */
const MAX_DENSE_ENTRIES = 4_000_000;

export interface PhraseMatch {
  readonly begin: number;
  readonly end: number;
  readonly keyword: string;
}

export class PhraseAutomaton {
  /** The keywords, deduplicated, in first-seen order: a match reports an index into this list. */
  readonly keywords: readonly string[];
  /** `keywords[i].length`, as a flat array: matches are turned into spans in hot loops. */
  readonly keywordLengths: Int32Array;
  /** UTF-16 unit → alphabet column (1-based); 0 for a character no keyword contains. */
  private readonly column: Uint16Array;
  private readonly width: number;
  private readonly dense: Uint16Array | Int32Array | undefined;
  // Sparse form: per state, its goto edges (column, target) sorted by column, and its failure link.
  private readonly edgeStart: Int32Array;
  private readonly edgeColumn: Uint16Array;
  private readonly edgeTarget: Int32Array;
  private readonly failure: Int32Array;
  /** Per state, the keywords that end there, longest first: `outIds[outStart[s] .. outStart[s + 1])`. */
  private readonly outStart: Int32Array;
  private readonly outIds: Int32Array;
  private found: Int32Array = new Int32Array(256);

  constructor(keywords: Iterable<string>) {
    const unique = [...new Set(keywords)].filter((k) => k.length > 0);
    this.keywords = Object.freeze(unique);
    this.keywordLengths = Int32Array.from(unique, (k) => k.length);
    this.column = new Uint16Array(0x10000);
    let width = 1;
    for (const k of unique) {
      for (let i = 0; i < k.length; i++) {
        const c = k.charCodeAt(i);
        if (this.column[c] === 0) this.column[c] = width++;
      }
    }
    this.width = width;

    // Trie, breadth-first so that failure links and outputs can be filled in one pass.
    const children: Array<Map<number, number>> = [new Map()];
    const terminal: number[] = [-1];
    unique.forEach((k, id) => {
      let s = 0;
      for (let i = 0; i < k.length; i++) {
        const col = this.column[k.charCodeAt(i)]!;
        let next = children[s]!.get(col);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          terminal.push(-1);
          children[s]!.set(col, next);
        }
        s = next;
      }
      terminal[s] = id;
    });
    const states = children.length;
    const failure = new Int32Array(states);
    const order: number[] = [0];
    const outputs: number[][] = [[]];
    for (let head = 0; head < order.length; head++) {
      const s = order[head]!;
      for (const [col, t] of children[s]!) {
        let f = failure[s]!;
        let target = 0;
        if (s !== 0) {
          for (;;) {
            const g = children[f]!.get(col);
            if (g !== undefined) {
              target = g;
              break;
            }
            if (f === 0) break;
            f = failure[f]!;
          }
        }
        failure[t] = target;
        const own = terminal[t]!;
        outputs[t] = own >= 0 ? [own, ...outputs[target]!] : outputs[target]!;
        order.push(t);
      }
    }
    this.failure = failure;
    this.outStart = new Int32Array(states + 1);
    let total = 0;
    for (let s = 0; s < states; s++) {
      this.outStart[s] = total;
      total += outputs[s]?.length ?? 0;
    }
    this.outStart[states] = total;
    this.outIds = new Int32Array(total);
    for (let s = 0; s < states; s++) this.outIds.set(outputs[s] ?? [], this.outStart[s]!);

    this.edgeStart = new Int32Array(states + 1);
    let edges = 0;
    for (let s = 0; s < states; s++) {
      this.edgeStart[s] = edges;
      edges += children[s]!.size;
    }
    this.edgeStart[states] = edges;
    this.edgeColumn = new Uint16Array(edges);
    this.edgeTarget = new Int32Array(edges);
    for (let s = 0; s < states; s++) {
      let e = this.edgeStart[s]!;
      for (const [col, t] of [...children[s]!].sort((a, b) => a[0] - b[0])) {
        this.edgeColumn[e] = col;
        this.edgeTarget[e++] = t;
      }
    }

    if (states * width <= MAX_DENSE_ENTRIES) {
      const dense = states < 0x10000 ? new Uint16Array(states * width) : new Int32Array(states * width);
      // In breadth-first order a state's failure target is complete before the state itself.
      for (const s of order) {
        const row = s * width;
        const fail = failure[s]! * width;
        if (s !== 0) dense.copyWithin(row, fail, fail + width);
        for (const [col, t] of children[s]!) dense[row + col] = t;
      }
      this.dense = dense;
    }
  }

  /**
   * Finds every keyword occurrence in `text[from, to)`. Results are written to a buffer owned by
   * the automaton and valid until the next call: pairs `(keyword index, end)` at `2i`, `2i + 1`,
   * ordered by end, longest keyword first at the same end. Returns the number of matches.
   */
  scan(text: string, from = 0, to = text.length): number {
    const column = this.column;
    const outStart = this.outStart;
    const outIds = this.outIds;
    let found = this.found;
    let n = 0;
    let s = 0;
    const dense = this.dense;
    const width = this.width;
    for (let i = from; i < to; i++) {
      const col = column[text.charCodeAt(i)]!;
      if (col === 0) {
        s = 0;
        continue;
      }
      s = dense !== undefined ? dense[s * width + col]! : this.step(s, col);
      const o1 = outStart[s + 1]!;
      for (let o = outStart[s]!; o < o1; o++) {
        if (n + 2 > found.length) {
          const bigger = new Int32Array(found.length * 2);
          bigger.set(found);
          this.found = found = bigger;
        }
        found[n++] = outIds[o]!;
        found[n++] = i + 1;
      }
    }
    return n >> 1;
  }

  /** The match buffer filled by the last `scan`. */
  get matches(): Int32Array {
    return this.found;
  }

  /**
   * Hands over the buffer the last `scan` filled, for the caller to keep, and makes `spare` (a
   * buffer handed over earlier and no longer used, or a new one) the buffer of the next scans.
   */
  takeMatches(spare: Int32Array | undefined): Int32Array {
    const filled = this.found;
    this.found = spare !== undefined && spare.length >= 256 ? spare : new Int32Array(256);
    return filled;
  }

  /** Every occurrence as objects (convenient, slower than `scan`). */
  matchInText(text: string): PhraseMatch[] {
    const count = this.scan(text);
    const out: PhraseMatch[] = [];
    for (let m = 0; m < count; m++) {
      const keyword = this.keywords[this.found[2 * m]!]!;
      const end = this.found[2 * m + 1]!;
      out.push({ begin: end - keyword.length, end, keyword });
    }
    return out;
  }

  private step(state: number, col: number): number {
    let s = state;
    for (;;) {
      let lo = this.edgeStart[s]!;
      let hi = this.edgeStart[s + 1]! - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const c = this.edgeColumn[mid]!;
        if (c === col) return this.edgeTarget[mid]!;
        if (c < col) lo = mid + 1;
        else hi = mid - 1;
      }
      if (s === 0) return 0;
      s = this.failure[s]!;
    }
  }
}
