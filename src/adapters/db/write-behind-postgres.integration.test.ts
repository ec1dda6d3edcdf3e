import { CompiledQuery } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from './test-databases.js';
import { combineInserts } from './write-behind-postgres.js';

// On PostgreSQL, plain INSERTs inside a transaction are held and sent together; what a
// transaction sees, and what a failure undoes, must be exactly as if each was sent at once.
describeEachDatabase('inserts inside a transaction', (getDb) => {
  const row = (key: string, value = 'v') => ({ key, value, updated_at: 1 });

  it('are seen by the transaction’s next read, and kept by its commit', async () => {
    const { db } = getDb();
    const seen = await db.transaction().execute(async (trx) => {
      await trx.insertInto('settings').values(row('a')).execute();
      await trx.insertInto('users').values({ id: 'u1', username: 'ana', password_hash: 'x', role: 'agent', team: null, display_name: 'A', active: 1, created_at: 1, updated_at: 1 }).execute();
      await trx.insertInto('settings').values([row('b'), row('c')]).execute();
      return trx.selectFrom('settings').select('key').orderBy('key').execute();
    });
    expect(seen.map((r) => r.key)).toEqual(['a', 'b', 'c']);
    expect(await db.selectFrom('users').select('username').execute()).toEqual([{ username: 'ana' }]);
  });

  it('fail the transaction when one of them fails, and nothing of it is written', async () => {
    const { db } = getDb();
    await db.insertInto('settings').values(row('taken')).execute();
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('settings').values(row('new')).execute();
        await trx.insertInto('users').values({ id: 'u2', username: 'bo', password_hash: 'x', role: 'agent', team: null, display_name: 'A', active: 1, created_at: 1, updated_at: 1 }).execute();
        await trx.insertInto('settings').values(row('taken')).execute();
      }),
    ).rejects.toThrow();
    expect(await db.selectFrom('settings').select('key').execute()).toEqual([{ key: 'taken' }]);
    expect(await db.selectFrom('users').select('id').execute()).toEqual([]);
  });

  it('upsert the same key twice in one transaction as two statements would', async () => {
    const { db } = getDb();
    await db.transaction().execute(async (trx) => {
      for (const value of ['first', 'second']) {
        await trx
          .insertInto('settings')
          .values(row('k', value))
          .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
          .execute();
      }
    });
    expect(await db.selectFrom('settings').select(['key', 'value']).execute()).toEqual([{ key: 'k', value: 'second' }]);
  });

  it('are undone by a rollback to a savepoint', async () => {
    const { db } = getDb();
    const trx = await db.startTransaction().execute();
    await trx.insertInto('settings').values(row('kept')).execute();
    const sp = await trx.savepoint('s').execute();
    await sp.insertInto('settings').values(row('undone')).execute();
    await sp.rollbackToSavepoint('s').execute();
    await trx.commit().execute();
    expect(await db.selectFrom('settings').select('key').execute()).toEqual([{ key: 'kept' }]);
  });
});

describe('combineInserts', () => {
  it('numbers the placeholders of each statement after the ones before it', () => {
    const q = combineInserts([
      CompiledQuery.raw('insert into "a" ("x", "y") values ($1, $2)', [1, 2]),
      CompiledQuery.raw('insert into "b" ("x") values ($1), ($2)', [3, 4]),
      CompiledQuery.raw('insert into "c" ("x") values ($1) on conflict ("x") do update set "x" = $2', [5, 6]),
    ]);
    expect(q.sql).toBe('with w0 as (insert into "a" ("x", "y") values ($1, $2)), w1 as (insert into "b" ("x") values ($3), ($4)) insert into "c" ("x") values ($5) on conflict ("x") do update set "x" = $6');
    expect(q.parameters).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
