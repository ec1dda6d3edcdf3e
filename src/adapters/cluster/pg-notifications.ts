import pg from 'pg';

export type NotificationHandler = (payload: string) => void;

/**
 * The one dedicated PostgreSQL connection of a server process that LISTENs (issue #20). LISTEN
 * holds a session: it needs a direct connection or a PgBouncer pool in *session* mode (transaction
 * pooling would hand the session to someone else between statements and drop the notifications).
 * Sending is plain `pg_notify` on any pooled connection.
 *
 * The connection comes back by itself after a database restart (backoff 250 ms → 5 s). While it
 * was away notifications were lost, so every `onResync` handler runs after each reconnect:
 * caches forget everything and the event stream re-reads the log from its last sequence id.
 */
export class PgNotifications {
  private client: pg.Client | undefined;
  private readonly handlers = new Map<string, Set<NotificationHandler>>();
  private readonly resyncHandlers = new Set<() => void>();
  private closed = false;
  private retryMs = 250;
  private retryTimer: NodeJS.Timeout | undefined;
  private connecting: Promise<void> | undefined;
  /** True while LISTEN is in force (readiness reports it). */
  connected = false;

  constructor(
    private readonly url: string,
    private readonly onError: (e: unknown) => void = () => undefined,
  ) {}

  /** Channels are known before start; each gets a LISTEN on every (re)connect. */
  on(channel: string, handler: NotificationHandler): () => void {
    const set = this.handlers.get(channel) ?? new Set();
    set.add(handler);
    this.handlers.set(channel, set);
    if (this.client && this.connected) void this.client.query(`LISTEN ${quoteIdent(channel)}`).catch(this.onError);
    return () => set.delete(handler);
  }

  onResync(handler: () => void): () => void {
    this.resyncHandlers.add(handler);
    return () => this.resyncHandlers.delete(handler);
  }

  /** Connects and LISTENs; resolves once listening (or after the first failure, retrying behind). */
  start(): Promise<void> {
    this.connecting ??= this.connect();
    return this.connecting;
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.url, keepAlive: true });
    client.on('notification', (n) => {
      for (const h of this.handlers.get(n.channel) ?? []) {
        try {
          h(n.payload ?? '');
        } catch (e) {
          this.onError(e);
        }
      }
    });
    const lost = (e?: unknown) => {
      if (e) this.onError(e);
      if (this.client !== client) return;
      this.client = undefined;
      this.connected = false;
      client.removeAllListeners('end');
      void client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    this.client = client;
    try {
      await client.connect();
      for (const channel of this.handlers.keys()) await client.query(`LISTEN ${quoteIdent(channel)}`);
      this.connected = true;
      this.retryMs = 250;
      for (const h of this.resyncHandlers) h();
    } catch (e) {
      lost(e);
    }
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retryTimer) return;
    const wait = this.retryMs;
    this.retryMs = Math.min(5000, this.retryMs * 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.connecting = this.connect();
    }, wait);
    this.retryTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const c = this.client;
    this.client = undefined;
    this.connected = false;
    if (c) {
      c.removeAllListeners('end');
      await c.end().catch(() => undefined);
    }
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
