import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { PgNotifications } from './pg-notifications.js';

/**
 * "Something cached changed": how a settings change made through one server process is in force
 * on the others within a second (issue #20). A cache owner subscribes to its topic and forgets
 * what it holds; whoever changes the data signals the topic after the change committed.
 *
 * Why LISTEN/NOTIFY rather than a version check: a version check costs a database round trip on
 * every read of every cache (the reads these caches exist to avoid); a notification costs nothing
 * until something changes and arrives in milliseconds. Its weakness, notifications lost while the
 * listening connection is down, is covered by treating every reconnect as "everything changed".
 *
 * On SQLite (one process) a signal only reaches the subscribers of this process. The payload is a
 * topic and an optional id (`users:usr_…`), never data: NOTIFY payloads are capped at 8 kB and the
 * receiver reads the database anyway.
 */
export type ChangeTopic = 'ticket-settings' | 'calendars' | 'standard' | 'users' | 'retention' | 'settings';

/** Every topic: a resync (or a `*` signal from the CLI) reaches all of them. */
export const changeTopics: readonly ChangeTopic[] = ['ticket-settings', 'calendars', 'standard', 'users', 'retention', 'settings'];

export type ChangeHandler = (detail: string | undefined) => void;

export class ChangeSignals {
  private readonly handlers = new Map<ChangeTopic, Set<ChangeHandler>>();
  /** Tells this process's own notifications from the others'. */
  private readonly origin = randomBytes(6).toString('hex');

  constructor(
    private readonly db: Kysely<DB>,
    private readonly channel: string | undefined,
    notifications: PgNotifications | undefined,
  ) {
    if (notifications && channel) {
      notifications.on(channel, (payload) => this.received(payload));
      notifications.onResync(() => this.deliverAll(undefined));
    }
  }

  /** Subscribes a cache owner to a topic; returns the unsubscribe function. */
  on(topic: ChangeTopic, handler: ChangeHandler): () => void {
    const set = this.handlers.get(topic) ?? new Set();
    set.add(handler);
    this.handlers.set(topic, set);
    return () => set.delete(handler);
  }

  /**
   * Announces a committed change: this process's subscribers at once, the other processes through
   * NOTIFY. `topic` `*` means "anything may have changed" (the CLI, a restore).
   */
  async signal(topic: ChangeTopic | '*', detail?: string): Promise<void> {
    if (topic === '*') this.deliverAll(detail);
    else this.deliver(topic, detail);
    if (!this.channel) return;
    const payload = `${this.origin}|${topic}|${detail ?? ''}`;
    await sql`select pg_notify(${this.channel}, ${payload})`.execute(this.db);
  }

  private received(payload: string): void {
    const [origin, topic, detail] = payload.split('|');
    if (origin === this.origin || !topic) return;
    if (topic === '*') this.deliverAll(detail || undefined);
    else if ((changeTopics as readonly string[]).includes(topic)) this.deliver(topic as ChangeTopic, detail || undefined);
  }

  private deliverAll(detail: string | undefined): void {
    for (const t of changeTopics) this.deliver(t, detail);
  }

  private deliver(topic: ChangeTopic, detail: string | undefined): void {
    for (const h of this.handlers.get(topic) ?? []) {
      try {
        h(detail);
      } catch {
        // A failing cache owner must not stop the others forgetting.
      }
    }
  }
}
