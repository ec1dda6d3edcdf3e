import type { ArticleContent } from './model.js';

export type DiffLine = { op: 'same' | 'add' | 'remove'; text: string };

export interface FieldDiff {
  field: keyof ArticleContent;
  from: string | null;
  to: string | null;
  /** Line by line, for the text fields. */
  lines?: DiffLine[];
}

/** Above this many lines a side, the diff shows the whole old text removed and the new added (no quadratic table). */
const MAX_LINES = 2000;

/** Line diff by longest common subsequence: articles are short, and the table is at most MAX_LINES². */
export function diffLines(a: string, b: string): DiffLine[] {
  const x = a === '' ? [] : a.split('\n');
  const y = b === '' ? [] : b.split('\n');
  if (x.length > MAX_LINES || y.length > MAX_LINES) return [...x.map((text) => ({ op: 'remove' as const, text })), ...y.map((text) => ({ op: 'add' as const, text }))];
  const n = x.length;
  const m = y.length;
  const len = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) len[i]![j] = x[i] === y[j] ? len[i + 1]![j + 1]! + 1 : Math.max(len[i + 1]![j]!, len[i]![j + 1]!);
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      out.push({ op: 'same', text: x[i]! });
      i++;
      j++;
    } else if (len[i + 1]![j]! >= len[i]![j + 1]!) out.push({ op: 'remove', text: x[i++]! });
    else out.push({ op: 'add', text: y[j++]! });
  }
  while (i < n) out.push({ op: 'remove', text: x[i++]! });
  while (j < m) out.push({ op: 'add', text: y[j++]! });
  return out;
}

const textFields = ['title', 'answer', 'details'] as const;
const scalarFields = ['category', 'visibility', 'ownerId', 'reviewDate'] as const;

/** What changed between two versions of an article, field by field (unchanged fields left out). */
export function diffArticles(from: ArticleContent, to: ArticleContent): FieldDiff[] {
  const out: FieldDiff[] = [];
  for (const field of textFields) {
    const a = from[field] ?? '';
    const b = to[field] ?? '';
    if (a !== b) out.push({ field, from: from[field], to: to[field], lines: diffLines(a, b) });
  }
  for (const field of scalarFields) {
    if (from[field] !== to[field]) out.push({ field, from: from[field], to: to[field] });
  }
  return out;
}
