import { isNode, LineCounter, parseDocument, type Node } from 'yaml';
import type { FieldError } from '../shared/app-error.js';

/**
 * A pack error as its author needs it: where (the line, and the rule by its id in `place`) and what
 * is wrong (the field error's `code` and `params`, which the editor words in the author's language;
 * `message` stays the server's sentence for the CLI).
 */
export interface LineError extends FieldError {
  /** 1-based line in the pack source; 1 when the path names no place in the document. */
  line: number;
  /** The path as a pack author reads it: `rules[PH-OPEN].severity` rather than `rules.9.severity`. */
  place: string;
}

function segmentsOf(path: string): (string | number)[] {
  return path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts each validation error of the pack (`rules.3.kind`) at its line in the source the user is
 * editing (the web editor and `kefu standard check` alike), and names a rule by its id. A path whose last part is missing (a required key left out) points at the nearest node
 * that exists, its parent: that is where the key has to be added.
 */
export function linesOfErrors(source: string, errors: readonly FieldError[]): LineError[] {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, keepSourceTokens: false });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  const located = errors.map((error) => {
    const segments = error.path === '(root)' || error.path === '' ? [] : segmentsOf(error.path);
    for (let length = segments.length; length > 0; length--) {
      const node: unknown = document.getIn(segments.slice(0, length), true);
      if (isNode(node) && (node as Node).range) {
        const keyLine = keyLineOf(document, segments.slice(0, length), lineAt);
        return { ...error, line: keyLine ?? lineAt((node as Node).range![0]), place: placeOf(document, segments) };
      }
    }
    return { ...error, line: 1, place: placeOf(document, segments) };
  });
  // A source that does not parse: the parser knows the line better than the server's '(root)'.
  const parseErrors = document.errors.map(
    (error): LineError => ({
      line: error.linePos?.[0].line ?? 1,
      path: '(root)',
      place: '(root)',
      message: error.message.split('\n')[0] ?? error.message,
      code: 'invalid_yaml',
    }),
  );
  return [...located, ...parseErrors].sort((a, b) => a.line - b.line);
}

/** The line of the key of a map entry (`kind: bogus` rather than the value's own line, which may differ). */
function keyLineOf(
  document: ReturnType<typeof parseDocument>,
  segments: (string | number)[],
  lineAt: (offset: number) => number,
): number | undefined {
  const last = segments[segments.length - 1];
  if (typeof last !== 'string') return undefined;
  const parent: unknown = segments.length === 1 ? document.contents : document.getIn(segments.slice(0, -1), true);
  const items = (parent as { items?: unknown[] } | null)?.items;
  if (!Array.isArray(items)) return undefined;
  for (const item of items) {
    const key = (item as { key?: unknown }).key;
    if (isNode(key) && (key as Node & { value?: unknown }).value === last && (key as Node).range) {
      return lineAt((key as Node).range![0]);
    }
  }
  return undefined;
}

/** `rules.9.severity` → `rules[PH-OPEN].severity`: a rule is known by its id, not its position. */
function placeOf(document: ReturnType<typeof parseDocument>, segments: (string | number)[]): string {
  if (segments.length === 0) return '(root)';
  return segments
    .map((segment, i) => {
      if (typeof segment !== 'number') return i === 0 ? segment : `.${segment}`;
      const id: unknown = segments[0] === 'rules' && i === 1 ? document.getIn(['rules', segment, 'id']) : undefined;
      return typeof id === 'string' && id !== '' ? `[${id}]` : `.${segment}`;
    })
    .join('');
}
