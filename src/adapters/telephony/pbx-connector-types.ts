import type { CtiEvent } from '../../core/calls/cti-call.js';

/** A PBX message as header → value (an AMI message, an ESL event's headers). */
export type PbxMessage = Record<string, string>;

/** What one PBX message means for Kefu's calls. */
export interface MappedEvents {
  /** Events to store (the same CTI ingestion path as `POST /api/cti/events`). */
  store: CtiEvent[];
  /**
   * Events shown live but not stored: a ring the PBX has just started. Whether it was missed or
   * answered is known only later, and a ring the caller hung up on is not a missed ring (queue_log
   * writes RINGCANCELED, not RINGNOANSWER), so the ring is stored when its fate is known.
   */
  preview: CtiEvent[];
}

/** Turns one PBX's event stream into CTI events; keeps what it needs of each call in progress. */
export interface PbxCallMapper {
  map(message: PbxMessage, arrivalMs: number): MappedEvents;
  /** Ids of the calls in progress the mapper follows. */
  openIds(): string[];
  /**
   * After a (re)connect: each candidate (a call the mapper or the store held open before the PBX
   * was asked for its channels) that the PBX no longer has ended while nobody listened; it is
   * closed as ended by the system at `at`. A candidate the PBX still has is followed again.
   */
  reconcile(alive: ReadonlySet<string>, candidates: readonly string[], at: number): CtiEvent[];
  /** Message types seen that mean nothing to calls, with how often. */
  readonly unknown: ReadonlyMap<string, number>;
}

/** Where the connector puts what it maps: storage and the live desk. */
export interface CallEventSink {
  ingest(events: readonly CtiEvent[]): Promise<void>;
  preview(event: CtiEvent): Promise<void>;
  /** Call ids of calls from live events still stored open. */
  openCalls(): Promise<string[]>;
}

/** One connection to a PBX: opens, logs in, delivers messages, answers "which calls are live". */
export interface PbxLink {
  /** Connects and logs in. Rejects with `PbxLoginRefused` when the PBX refuses the credentials. */
  open(onMessage: (m: PbxMessage) => void, onClose: (reason: string) => void): Promise<void>;
  /** Unique ids of the channels the PBX has now. */
  liveChannels(): Promise<Set<string>>;
  close(): void;
}

/** The PBX said no to the user and secret (or password): retrying the same ones will not help. */
export class PbxLoginRefused extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
    readonly user: string,
    readonly detail: string,
  ) {
    super(`${host}:${port} 拒绝了用户 ${user} 的登录 (login refused for user ${user} at ${host}:${port}): ${detail}`);
    this.name = 'PbxLoginRefused';
  }
}
