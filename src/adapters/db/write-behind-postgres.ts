import { CompiledQuery, PostgresDialect, type DatabaseConnection, type Driver, type QueryCompiler, type QueryResult, type TransactionSettings } from 'kysely';

/**
 * PostgreSQL inside a transaction, with its plain INSERTs written behind: an INSERT with no
 * RETURNING is held until the transaction's next other statement or its COMMIT, and the held ones
 * then go to the server as one statement (data-modifying WITH). A ticket create is a phone lookup
 * and four inserts (ticket, history, promise, timers): 7 round trips became 4, and on a 2-core box
 * the round trips were the cost (~40% of the server's time in socket writes, measured).
 *
 * What the transaction sees does not change: every other statement (a read, an UPDATE, a
 * savepoint) first sends what is held, and inserts into a table that already has a held insert
 * go in a later statement (siblings in one WITH do not see each other's rows, so an upsert there
 * would miss its conflict). A failing insert fails at that later statement or at the COMMIT, in the
 * same transaction, which then rolls back as before; the reported row count is the rows given.
 * Outside a transaction nothing is held.
 */
export class WriteBehindPostgresDialect extends PostgresDialect {
  override createDriver(): Driver {
    return new WriteBehindDriver(super.createDriver());
  }
}

class WriteBehindDriver implements Driver {
  constructor(private readonly inner: Driver) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new WriteBehindConnection(await this.inner.acquireConnection());
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const c = connection as WriteBehindConnection;
    await this.inner.beginTransaction(c.inner, settings);
    c.holding = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as WriteBehindConnection;
    try {
      await c.flush();
    } finally {
      c.holding = false;
    }
    await this.inner.commitTransaction(c.inner);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as WriteBehindConnection;
    c.discard();
    c.holding = false;
    await this.inner.rollbackTransaction(c.inner);
  }

  async savepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    const c = connection as WriteBehindConnection;
    await c.flush();
    await this.inner.savepoint?.(c.inner, name, compileQuery);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    const c = connection as WriteBehindConnection;
    // What is held was written after the savepoint (anything before it was sent when it was taken).
    c.discard();
    await this.inner.rollbackToSavepoint?.(c.inner, name, compileQuery);
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    const c = connection as WriteBehindConnection;
    await c.flush();
    await this.inner.releaseSavepoint?.(c.inner, name, compileQuery);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const c = connection as WriteBehindConnection;
    c.discard();
    c.holding = false;
    await this.inner.releaseConnection(c.inner);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

interface HeldInsert {
  query: CompiledQuery;
  table: string;
}

class WriteBehindConnection implements DatabaseConnection {
  holding = false;
  private held: HeldInsert[] = [];

  constructor(readonly inner: DatabaseConnection) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const node = compiled.query as { kind?: string; returning?: unknown; into?: { table?: { identifier?: { name?: string } } }; values?: { kind?: string; values?: readonly unknown[] } };
    const table = node.into?.table?.identifier?.name;
    if (this.holding && node.kind === 'InsertQueryNode' && node.returning === undefined && table !== undefined && node.values?.kind === 'ValuesNode') {
      if (this.held.some((h) => h.table === table)) await this.flush();
      this.held.push({ query: compiled, table });
      return { rows: [], numAffectedRows: BigInt(node.values.values?.length ?? 0) };
    }
    await this.flush();
    return this.inner.executeQuery<R>(compiled);
  }

  async *streamQuery<R>(compiled: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    await this.flush();
    yield* this.inner.streamQuery<R>(compiled, chunkSize);
  }

  /** Sends what is held, as one statement. */
  async flush(): Promise<void> {
    const held = this.held;
    if (held.length === 0) return;
    this.held = [];
    if (held.length === 1) {
      await this.inner.executeQuery((held[0] as HeldInsert).query);
      return;
    }
    await this.inner.executeQuery(combineInserts(held.map((h) => h.query)));
  }

  discard(): void {
    this.held = [];
  }
}

/**
 * `WITH w0 AS (insert…), w1 AS (insert…) insert…`: the statements' `$n` placeholders renumbered
 * after one another. Kysely passes every value as a parameter, so `$n` in the text of its
 * INSERTs is always a placeholder.
 */
export function combineInserts(queries: readonly CompiledQuery[]): CompiledQuery {
  const parameters: unknown[] = [];
  const parts = queries.map((q) => {
    const offset = parameters.length;
    parameters.push(...q.parameters);
    return offset === 0 ? q.sql : q.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
  });
  const last = parts.pop() ?? '';
  return CompiledQuery.raw(`with ${parts.map((p, i) => `w${i} as (${p})`).join(', ')} ${last}`, parameters);
}
