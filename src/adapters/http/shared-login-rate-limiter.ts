import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Dialect } from '../db/database.js';
import { newId } from '../../core/shared/ids.js';
import { systemRandom } from '../system-random.js';
import type { LoginAttempt } from './login-rate-limiter.js';

/**
 * The sign-in rate limit kept in the database (`login_attempts`, issue #20), so every server
 * process behind the proxy counts against one allowance per client address: 20 a minute means 20
 * for the cluster, not 20 per process.
 *
 * As the in-memory limiter did, an attempt takes its place when it starts (before the password
 * hash) and gives it back only on success. Check and take happen in one transaction holding a
 * lock on the address (PostgreSQL: a transaction-scoped advisory lock on its hash; SQLite: the one
 * writer), so parallel guesses through several processes cannot all take the last place.
 */
export class SharedLoginRateLimiter {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: Dialect,
    private readonly maxPerMinute: number,
    private readonly now: () => number,
  ) {}

  /** Takes a place for one attempt, or answers undefined when the address has used them all. */
  async begin(address: string): Promise<LoginAttempt | undefined> {
    const at = this.now();
    const cutoff = at - 60_000;
    const id = newId(systemRandom, at, 'la_');
    const taken = await this.db.transaction().execute(async (trx) => {
      if (this.dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${`kefu_login:${address}`}))`.execute(trx);
      await trx.deleteFrom('login_attempts').where('address', '=', address).where('at', '<=', cutoff).execute();
      const r = await trx.selectFrom('login_attempts').select((eb) => eb.fn.countAll<number>().as('n')).where('address', '=', address).executeTakeFirst();
      if (Number(r?.n ?? 0) >= this.maxPerMinute) return false;
      await trx.insertInto('login_attempts').values({ id, address, at }).execute();
      return true;
    });
    if (!taken) return undefined;
    return {
      succeeded: () => {
        // Fire and forget: the sign-in answer does not wait for its place to be given back.
        void this.db.deleteFrom('login_attempts').where('id', '=', id).execute().catch(() => undefined);
      },
    };
  }

  /** Seconds until the oldest attempt of the address leaves the window. */
  async retryAfterSeconds(address: string): Promise<number> {
    const now = this.now();
    const r = await this.db.selectFrom('login_attempts').select((eb) => eb.fn.min('at').as('oldest')).where('address', '=', address).where('at', '>', now - 60_000).executeTakeFirst();
    const oldest = r?.oldest == null ? undefined : Number(r.oldest);
    return oldest === undefined ? 1 : Math.max(1, Math.ceil((oldest + 60_000 - now) / 1000));
  }

  /** Deletes attempts older than the window (the hourly sweep). */
  async sweep(): Promise<void> {
    await this.db.deleteFrom('login_attempts').where('at', '<=', this.now() - 60_000).execute();
  }
}
