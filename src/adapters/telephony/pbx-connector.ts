import type { CtiEvent } from '../../core/calls/cti-call.js';
import type { Clock } from '../../core/shared/clock.js';
import { PbxLoginRefused, type CallEventSink, type PbxCallMapper, type PbxLink, type PbxMessage } from './pbx-connector-types.js';

export interface PbxConnectorLog {
  info(msg: string): void;
  warn(msg: string): void;
}

export interface PbxConnectorOptions {
  /** A fresh link for each connection attempt. */
  link: () => PbxLink;
  mapper: PbxCallMapper;
  sink: CallEventSink;
  clock: Clock;
  log: PbxConnectorLog;
  /** First wait before reconnecting (default 1 s), doubled on each failure up to `maxBackoffMs` (default 60 s). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /**
   * A refused login: the CLI stops at once (exit 2); a server setting keeps trying with backoff,
   * since the PBX's manager.conf may be fixed while Kefu runs.
   */
  retryRefusedLogin: boolean;
  /** Most events stored in one transaction (default 500). */
  batchSize?: number;
  /** Waits between attempts; tests pass one that does not sleep. */
  sleep?: (ms: number) => Promise<void>;
}

export interface PbxConnectorStats {
  connects: number;
  messages: number;
  stored: number;
  /** Events the store refused (an impossible order), with the first reason. */
  refused: number;
  reconciled: number;
  unknown: Record<string, number>;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Keeps one PBX connected and its calls stored: connects and logs in, reconciles calls left open
 * (ended while nobody listened), maps each message in arrival order and stores the events in
 * batches, one batch at a time, through the same ingestion as `POST /api/cti/events`. When the
 * line drops it reconnects with exponential backoff and reconciles again.
 */
export class PbxConnector {
  private link: PbxLink | null = null;
  private stopped = false;
  private queue: CtiEvent[] = [];
  private flushing: Promise<void> | null = null;
  private connectedOnce: (() => void) | null = null;
  private readonly s: PbxConnectorStats = { connects: 0, messages: 0, stored: 0, refused: 0, reconciled: 0, unknown: {} };
  /** Resolves when the connector has stopped for good. */
  readonly finished: Promise<void>;
  private finish!: () => void;

  constructor(private readonly o: PbxConnectorOptions) {
    this.finished = new Promise((r) => (this.finish = r));
  }

  get stats(): PbxConnectorStats {
    return { ...this.s, unknown: Object.fromEntries(this.o.mapper.unknown) };
  }

  /**
   * Connects; resolves once the first login succeeded. Rejects with PbxLoginRefused when the login
   * is refused and `retryRefusedLogin` is off; other failures are retried with backoff.
   */
  start(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.connectedOnce = resolve;
      void this.run().catch((e: unknown) => {
        this.stopped = true;
        this.finish();
        reject(e instanceof Error ? e : new Error(String(e)));
      });
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.link?.close();
    await this.idle();
    this.finish();
  }

  /** Resolves when every event received so far is stored. */
  async idle(): Promise<void> {
    while (this.flushing !== null) await this.flushing;
  }

  private async run(): Promise<void> {
    let wait = this.o.backoffMs ?? 1000;
    const sleep = this.o.sleep ?? defaultSleep;
    while (!this.stopped) {
      const link = this.o.link();
      this.link = link;
      let dropped!: () => void;
      const closed = new Promise<void>((r) => (dropped = r));
      try {
        await link.open(
          (m) => this.onMessage(m),
          (reason) => {
            this.o.log.warn(`PBX connection lost (${reason}); reconnecting`);
            dropped();
          },
        );
      } catch (e) {
        if (e instanceof PbxLoginRefused && !this.o.retryRefusedLogin) throw e;
        this.o.log.warn(`${e instanceof Error ? e.message : String(e)}; retrying in ${wait} ms`);
        await sleep(wait);
        wait = Math.min(wait * 2, this.o.maxBackoffMs ?? 60_000);
        continue;
      }
      wait = this.o.backoffMs ?? 1000;
      this.s.connects++;
      try {
        await this.reconcile(link);
      } catch (e) {
        this.o.log.warn(`reconcile after connect failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      this.connectedOnce?.();
      this.connectedOnce = null;
      await closed;
      if (!this.stopped) await sleep(wait);
    }
  }

  private async reconcile(link: PbxLink): Promise<void> {
    // Candidates are taken before the PBX is asked: a call that begins after the question is not
    // in its answer, and must not be taken for one that ended.
    await this.idle();
    const candidates = [...(await this.o.sink.openCalls()), ...this.o.mapper.openIds()];
    const alive = await link.liveChannels();
    const ended = this.o.mapper.reconcile(alive, candidates, this.o.clock.now());
    if (ended.length > 0) {
      this.s.reconciled += ended.length;
      this.o.log.info(`reconciled ${ended.length} call(s) that ended while disconnected`);
      this.enqueue(ended);
    }
  }

  private onMessage(m: PbxMessage): void {
    this.s.messages++;
    const { store, preview } = this.o.mapper.map(m, this.o.clock.now());
    for (const p of preview) {
      void this.o.sink.preview(p).catch((e: unknown) => this.o.log.warn(`live event not shown: ${String(e)}`));
    }
    if (store.length > 0) this.enqueue(store);
  }

  private enqueue(events: CtiEvent[]): void {
    for (const e of events) this.queue.push(e);
    this.flushing ??= this.flush();
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.o.batchSize ?? 500);
        await this.store(batch);
      }
    } finally {
      this.flushing = null;
    }
  }

  /** Stores a batch; if the store refuses it, stores call by call so one bad call keeps no other out. */
  private async store(batch: CtiEvent[]): Promise<void> {
    try {
      await this.o.sink.ingest(batch);
      this.s.stored += batch.length;
      return;
    } catch (e) {
      if (batch.length === 1) {
        this.s.refused++;
        this.o.log.warn(`event ${batch[0]?.type} of call ${batch[0]?.callId} not stored: ${e instanceof Error ? e.message : String(e)}`);
        return;
      }
    }
    const byCall = new Map<string, CtiEvent[]>();
    for (const e of batch) byCall.set(e.callId, [...(byCall.get(e.callId) ?? []), e]);
    for (const events of byCall.values()) {
      try {
        await this.o.sink.ingest(events);
        this.s.stored += events.length;
      } catch (e) {
        this.s.refused += events.length;
        this.o.log.warn(`events of call ${events[0]?.callId} not stored: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
}
