import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeTestDatabase, openTestDatabase } from './test-databases.js';
import type { Database } from './database.js';
import { groupCommit } from './group-commit.js';

describe('SQLite group commit', () => {
  let database: Database;
  beforeEach(async () => {
    database = await openTestDatabase('sqlite');
  });
  afterEach(async () => closeTestDatabase(database));

  const keys = async () => (await database.db.selectFrom('settings').select('key').orderBy('key').execute()).map((r) => r.key);

  it('commands queued together commit together, and one that fails writes nothing and fails alone', async () => {
    const transaction = groupCommit(database.db);
    const put = (key: string, fail = false) =>
      transaction(async (trx) => {
        await trx.insertInto('settings').values({ key, value: '1', updated_at: 0 }).execute();
        if (fail) throw new Error(`${key} refused`);
        return key;
      });
    const results = await Promise.allSettled([put('a'), put('b', true), put('c')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[1]).toMatchObject({ reason: new Error('b refused') });
    expect(await keys()).toEqual(['a', 'c']);
  });

  it('a command sees what the commands before it wrote, and a constraint error is its own', async () => {
    const transaction = groupCommit(database.db);
    const first = transaction((trx) => trx.insertInto('settings').values({ key: 'k', value: '1', updated_at: 0 }).execute());
    const duplicate = transaction((trx) => trx.insertInto('settings').values({ key: 'k', value: '2', updated_at: 0 }).execute());
    const reader = transaction(async (trx) => (await trx.selectFrom('settings').select('value').where('key', '=', 'k').executeTakeFirst())?.value);
    const [a, b, c] = await Promise.allSettled([first, duplicate, reader]);
    expect([a.status, b.status]).toEqual(['fulfilled', 'rejected']);
    expect(c).toEqual({ status: 'fulfilled', value: '1' });
    expect(await keys()).toEqual(['k']);
  });
});
