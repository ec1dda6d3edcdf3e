import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Small named JSON documents (e.g. the first-start marker). */
export class SettingsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async get<T>(key: string): Promise<T | undefined> {
    const r = await this.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return r ? (JSON.parse(r.value) as T) : undefined;
  }

  async put(key: string, value: unknown, at: number): Promise<void> {
    const v = JSON.stringify(value);
    await this.db
      .insertInto('settings')
      .values({ key, value: v, updated_at: at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: v, updated_at: at }))
      .execute();
  }
}
