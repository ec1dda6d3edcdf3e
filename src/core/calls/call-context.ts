import type { CompiledPack } from '../quality/compile.js';
import type { Clock } from '../shared/clock.js';
import type { DomainEvent } from '../shared/event-bus.js';
import type { ActiveStandard } from '../standard/standard-service.js';
import type { ZoneCalendar } from '../kpi/time-zone.js';
import type { TicketMeasuresProvider } from '../kpi/ticket-measures-provider.js';
import type { AuditLog } from '../users/ports.js';
import type { CallStore } from './ports.js';

/**
 * What the call use cases get, wired once in `src/app.ts` (`ctx.calls`). Each use case asks only for
 * the parts it uses (`Pick<CallContext, 'store' | 'clock'>`), so a test builds no more than that.
 */
export interface CallContext {
  clock: Clock;
  store: CallStore;
  /** Domain events for the live desk and dashboard (`call.offered` … `call.quality`). */
  publish(event: DomainEvent): Promise<void>;
  /** The standard pack in force: it judges transcripts and sets the KPI targets. */
  standard(): Promise<Pick<ActiveStandard, 'compiled' | 'label' | 'pack'>>;
  /** The compiled pack a stored result names (`default@3`), to word it again in a reader's language. */
  standardByLabel?(label: string): Promise<CompiledPack | undefined>;
  /** The centre's zone: KPI days and hours are its local ones. */
  zone: ZoneCalendar;
  /** The ticket and survey figures reported beside the call figures (KPI-CRESP, KPI-FCR, …). */
  ticketMeasures?: TicketMeasuresProvider | undefined;
  /** The callbacks' side of outbound calls (wired in `app.ts`); absent, calls are only calls. */
  outbound?: OutboundCallPort | undefined;
  /**
   * Where the PBX's recordings are served (`KEFU_RECORDINGS_URL`): a recording given as a relative
   * path is found under it. Null or absent: only full http(s) URLs are accepted.
   */
  recordingsBase?: string | null | undefined;
  /** Records who set and who was handed a call's recording (`call.recording_set`, `call.recording_read`). */
  audit?: AuditLog | undefined;
}

/** An outbound call as a CTI request told it: the number dialled and, when the dialler passed it on, our reference. */
export interface OutboundCall {
  /** The call's row id. */
  id: string;
  externalId: string;
  agent: string | null;
  number: string | null;
  reference: string | null;
  at: number;
}

export interface OutboundCallPort {
  /** Links the outbound calls of a CTI request to the callback task they were placed for. */
  linkOutbound(calls: readonly OutboundCall[]): Promise<void>;
  /** Whether a call was placed for a callback task: its transcript is then judged as an outbound callback (CB-* rules). */
  isCallback(callId: string): Promise<boolean>;
}
