import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

export interface IdempotencyClaim {
  scope: string;
  key: string;
}

export type ClaimResult =
  | { kind: 'new' }
  | { kind: 'replay'; status: number; body: string }
  | { kind: 'in_progress' }
  | { kind: 'different_request' };

/** Answers kept per Idempotency-Key (table `idempotency_keys`). */
export class IdempotencyRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * Claims `key` for a request, atomically: the primary key lets exactly one of several parallel
   * requests insert the pending row; the others find it. Rows older than `expiredBefore` are
   * forgotten first, and so is a pending row older than `abandonedBefore` (its process died).
   */
  async claim(c: IdempotencyClaim & { hash: string; now: number; expiredBefore: number; abandonedBefore: number }): Promise<ClaimResult> {
    await this.db
      .deleteFrom('idempotency_keys')
      .where('scope', '=', c.scope)
      .where('key', '=', c.key)
      .where((eb) => eb.or([eb('created_at', '<', c.expiredBefore), eb.and([eb('status', '=', 'pending'), eb('created_at', '<', c.abandonedBefore)])]))
      .execute();
    const inserted = await this.db
      .insertInto('idempotency_keys')
      .values({ scope: c.scope, key: c.key, request_hash: c.hash, status: 'pending', response_status: null, response_body: null, created_at: c.now })
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (inserted) return { kind: 'new' };
    const row = await this.db.selectFrom('idempotency_keys').selectAll().where('scope', '=', c.scope).where('key', '=', c.key).executeTakeFirst();
    // Gone between the insert and the read (its first request failed and released it): claim again.
    if (!row) return this.claim(c);
    if (row.request_hash !== c.hash) return { kind: 'different_request' };
    if (row.status === 'pending' || row.response_status === null || row.response_body === null) return { kind: 'in_progress' };
    return { kind: 'replay', status: row.response_status, body: row.response_body };
  }

  async complete(c: IdempotencyClaim, status: number, body: string): Promise<void> {
    await this.db.updateTable('idempotency_keys').set({ status: 'done', response_status: status, response_body: body }).where('scope', '=', c.scope).where('key', '=', c.key).execute();
  }

  /** The request failed: nothing was created, so a retry with the same key may try again. */
  async release(c: IdempotencyClaim): Promise<void> {
    await this.db.deleteFrom('idempotency_keys').where('scope', '=', c.scope).where('key', '=', c.key).where('status', '=', 'pending').execute();
  }

  async deleteOlderThan(before: number): Promise<void> {
    await this.db.deleteFrom('idempotency_keys').where('created_at', '<', before).execute();
  }
}
