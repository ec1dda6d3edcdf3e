import type { EventBus } from '../../core/shared/event-bus.js';
import type { Clock } from '../../core/shared/clock.js';
import { callFromCtiEvents, ctiOrderProblems, type CtiEvent, type CtiEventType } from '../../core/calls/cti-call.js';
import { AppError, type FieldError } from '../../core/shared/app-error.js';
import type { CallRepository} from '../db/repositories/call-repository.js';
import { callRowId, lineHash, type SourceEventRow } from '../db/repositories/call-repository.js';

export interface CtiIngestResult {
  accepted: number;
  duplicates: number;
  calls: { id: string; callId: string; outcome: string }[];
}

interface StoredCti {
  type: CtiEventType;
  queue?: string;
  agent?: string;
  caller?: string;
  vip?: boolean;
  by?: CtiEvent['by'];
  to?: string;
}

/**
 * Live CTI events into calls: each event is stored once (a connector that retries posts the same
 * event again: it is recognised and not counted twice), then every call touched is rebuilt from
 * all of its stored events, so late and out-of-order events land where they belong. Each new
 * event is published on the bus as `call.<type>` for the live desk and dashboard.
 */
export async function ingestCtiEvents(
  repo: CallRepository,
  bus: EventBus,
  clock: Clock,
  events: readonly CtiEvent[],
  /** Where event i was in the request, for errors (`events.3.at`). */
  pathOf: (index: number) => string = (i) => `events.${i}.at`,
): Promise<CtiIngestResult> {
  const rows: SourceEventRow[] = events.map((e) => {
    const stored: StoredCti = { type: e.type, ...(e.queue !== undefined && { queue: e.queue }), ...(e.agent !== undefined && { agent: e.agent }), ...(e.caller !== undefined && { caller: e.caller }), ...(e.vip !== undefined && { vip: e.vip }), ...(e.by !== undefined && { by: e.by }), ...(e.to !== undefined && { to: e.to }) };
    const data = JSON.stringify(stored);
    return { externalId: e.callId, queue: '', time: e.at, event: e.type, agent: e.agent ?? '', data, line: 0, lineHash: lineHash(data) };
  });
  const now = clock.now();
  const { added, records } = await repo.transaction(async (trx) => {
    const added = await repo.insertSourceEvents('cti', rows, trx);
    const ids = [...new Set(events.map((e) => e.callId))];
    const stored = await repo.sourceEventsOf('cti', ids, trx);
    const byCall = new Map<string, CtiEvent[]>();
    for (const s of stored) {
      const d = JSON.parse(s.data) as StoredCti;
      const list = byCall.get(s.external_id) ?? [];
      list.push({ ...d, callId: s.external_id, at: s.time });
      byCall.set(s.external_id, list);
    }
    // An impossible order is refused before anything is kept (the transaction rolls back), naming
    // the event of this request that makes it impossible.
    const problems: FieldError[] = [];
    for (const list of byCall.values()) {
      for (const p of ctiOrderProblems(list)) {
        const indexOf = (x: CtiEvent) => events.findIndex((e) => x.callId === e.callId && x.type === e.type && x.at === e.at);
        // Blame the event at the impossible time when this request brought it, else its partner.
        const index = indexOf(p.event) >= 0 ? indexOf(p.event) : indexOf(p.other);
        if (index >= 0 && !problems.some((f) => f.path === pathOf(index))) problems.push({ path: pathOf(index), message: p.message });
      }
    }
    if (problems.length > 0) throw AppError.validation('通话事件的先后顺序不可能 (call events in an impossible order)', problems);
    const built = [...byCall].map(([callId, list]) => callFromCtiEvents(callId, list));
    const customers = await repo.upsertCalls(built, now, trx);
    // The customer found by the caller's number goes with the events: the desk pops the customer
    // card from it while the phone rings (the number itself reaches agents masked).
    const records = built.map((r, i) => ({ ...r, customerId: r.customerId ?? customers[i] ?? null }));
    return { added, records };
  });
  const calls = records.map((r) => ({ id: callRowId('cti', r.externalId, r.queue), callId: r.externalId, outcome: r.outcome, record: r }));
  for (const e of events) {
    const call = calls.find((c) => c.callId === e.callId);
    // The caller's number travels with every event so the desk can pop the customer card while
    // the phone is still ringing (the agent may not read the stored call before answering).
    await bus.publish({
      type: `call.${e.type}`,
      at: e.at,
      callId: e.callId,
      id: call?.id ?? null,
      agent: call?.record.agent ?? e.agent ?? null,
      queue: call?.record.queue ?? e.queue ?? null,
      caller: call?.record.caller ?? e.caller ?? null,
      customerId: call?.record.customerId ?? null,
      vip: call?.record.vip ?? e.vip ?? false,
      outcome: call?.outcome ?? null,
      ...(e.by !== undefined && { by: e.by }),
    });
  }
  return { accepted: added, duplicates: rows.length - added, calls: calls.map(({ id, callId, outcome }) => ({ id, callId, outcome })) };
}
