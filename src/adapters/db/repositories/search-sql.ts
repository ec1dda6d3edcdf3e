import { sql, type RawBuilder } from 'kysely';
import { AppError } from '../../../core/shared/app-error.js';
import { fts5Query, searchTerms, tsQuery, type NumberMatching, type SearchTerm } from '../../../core/search/search-text.js';

/** Opaque list cursors: the last id for time-ordered lists, an offset for ranked search results. */
export type Cursor = { id: string } | { offset: number };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
}

export function decodeCursor(text: string | undefined): Cursor | undefined {
  if (!text) return undefined;
  try {
    const v = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (typeof v === 'object' && v !== null) {
      if ('id' in v && typeof v.id === 'string') return { id: v.id };
      if ('offset' in v && typeof v.offset === 'number' && Number.isInteger(v.offset) && v.offset >= 0) return { offset: v.offset };
    }
  } catch {
    // fall through
  }
  throw AppError.validation('Invalid cursor', [{ path: 'cursor', message: 'use the nextCursor of the previous page' }]);
}

export interface SearchClause {
  terms: SearchTerm[];
  /** FTS5 MATCH text or tsquery text. */
  text: string;
}

/** The query's terms for the dialect, or undefined when nothing searchable is left (punctuation only). */
export function searchClause(q: string | undefined, dialect: 'sqlite' | 'postgres', numbers: NumberMatching = 'whole'): SearchClause | undefined {
  if (!q?.trim()) return undefined;
  const terms = searchTerms(q, numbers);
  if (terms.length === 0) return undefined;
  return { terms, text: dialect === 'sqlite' ? fts5Query(terms) : tsQuery(terms) };
}

/**
 * Whether PostgreSQL's ts_rank can tell the matches apart. The vectors hold lexemes without
 * positions (array_to_tsvector), so every record matching exact words scores the same: ordering
 * by the rank would compute it for every match (a common word matches one ticket in eight) and
 * sort them all for nothing, where the newest first (the tie-break) can stop at the page.
 * Prefix terms (one character, Latin words) and longer phrases do score differently.
 */
export function pgRankMatters(search: SearchClause): boolean {
  return search.terms.some((t) => t.kind !== 'word');
}

export function tsqueryOf(text: string): RawBuilder<unknown> {
  return sql`cast(${text} as tsquery)`;
}
