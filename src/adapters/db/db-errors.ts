import { AppError } from '../../core/shared/app-error.js';

/**
 * Database errors that mean something to the client, translated in one place. A unique index is
 * the last word on "this already exists": the check a use case makes before inserting (username
 * taken? phone already a customer's?) cannot see a parallel request that inserts between the
 * check and the insert, so the index's violation must say what the check would have said — a
 * 409 naming the field — and not a 500.
 */
export function translateDbError(e: unknown): AppError | undefined {
  // PostgreSQL numeric_value_out_of_range: a number the client sent does not fit the column
  // (a version of 3000000000 in an integer). Bad input, not a server fault. SQLite has no such limit.
  if ((e as { code?: unknown } | null)?.code === '22003') return AppError.validation('数值超出范围 / A number in the request is out of range');
  const column = uniqueViolationColumn(e);
  if (column === undefined) return undefined;
  const path = column ? fieldOf(column) : '(body)';
  return AppError.conflict(`已存在相同的记录（${path}），请刷新后再试 / Already exists: ${path}`, [{ path, message: 'already exists' }]);
}

/** The violated column for a unique/primary-key violation ('' when unknown); undefined when it is none. */
export function uniqueViolationColumn(e: unknown): string | undefined {
  const err = e as { code?: unknown; message?: unknown; detail?: unknown; constraint?: unknown } | null | undefined;
  if (!err || typeof err !== 'object') return undefined;
  const code = typeof err.code === 'string' ? err.code : '';
  const message = typeof err.message === 'string' ? err.message : '';
  // PostgreSQL: unique_violation; the detail names the key: Key (username)=(ana) already exists.
  if (code === '23505') {
    const detail = typeof err.detail === 'string' ? err.detail : '';
    const m = /^Key \(([^)]+)\)=/.exec(detail);
    if (m?.[1]) return m[1].split(',')[0]!.trim();
    return typeof err.constraint === 'string' ? err.constraint : '';
  }
  // SQLite: UNIQUE constraint failed: users.username (better-sqlite3 codes include the kind).
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || (code.startsWith('SQLITE_CONSTRAINT') && /UNIQUE constraint failed/.test(message))) {
    const m = /constraint failed: ([\w.]+)/.exec(message);
    return m?.[1]?.split('.').pop() ?? '';
  }
  return undefined;
}

/** A column (or `table_column_key` constraint) as the API's field name: customer_phones.phone → phones, pack_id → packId. */
function fieldOf(column: string): string {
  const known: Record<string, string> = { phone: 'phones', standard_versions_pkey: 'version', version: 'version' };
  if (known[column]) return known[column];
  return column.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
}
