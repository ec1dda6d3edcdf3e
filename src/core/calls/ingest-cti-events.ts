import { AppError, type FieldError } from '../shared/app-error.js';
import { instantHint, parseInstant } from '../shared/instant.js';
import type { CallOutcomeName } from './call-record.js';
import type { CallContext } from './call-context.js';
import { callFromCtiEvents, ctiOrderProblems, type CtiEvent } from './cti-call.js';
import { recordingReferenceFieldError } from './recording.js';

/** A CTI event as a connector sends it: `at` as epoch ms or ISO-8601 with an offset. */
export type CtiEventInput = Omit<CtiEvent, 'at'> & { at: number | string };

export interface CtiIngestResult {
  accepted: number;
  duplicates: number;
  calls: { id: string; callId: string; outcome: CallOutcomeName }[];
}

/**
 * Live CTI events into calls: each event is stored once (a connector that retries posts the same
 * event again: it is recognised and not counted twice), then every call touched is rebuilt from
 * all of its stored events, so late and out-of-order events land where they belong. An order no
 * call can have is refused before anything is kept, naming the event. Each new event is published
 * as `call.<type>` for the live desk and dashboard.
 *
 * `pathOf(i, field)` names field `field` of event `i` as the request had it (`events.3.at`).
 */
export async function ingestCtiEvents(
  ctx: Pick<CallContext, 'store' | 'clock' | 'publish'> & Partial<Pick<CallContext, 'outbound' | 'recordingsBase'>>,
  input: readonly CtiEventInput[],
  pathOf: (index: number, field: string) => string = (i, field) => `events.${i}.${field}`,
): Promise<CtiIngestResult> {
  const errors: FieldError[] = [];
  const events: CtiEvent[] = input.map((e, i) => {
    const at = parseInstant(e.at);
    if (at === undefined) errors.push({ path: pathOf(i, 'at'), message: instantHint, code: 'invalid_format', params: { format: 'instant' } });
    if (e.type === 'ended' && e.by === undefined) errors.push({ path: pathOf(i, 'by'), message: 'an ended event says who hung up: agent, customer or system', code: 'required' });
    const recordingProblem = e.recording === undefined ? undefined : recordingReferenceFieldError(e.recording, ctx.recordingsBase ?? null, pathOf(i, 'recording'));
    if (recordingProblem !== undefined) errors.push(recordingProblem);
    return { ...e, at: at ?? Number.NaN };
  });
  if (errors.length > 0) throw AppError.validation('Invalid CTI event(s)', errors);

  const now = ctx.clock.now();
  const { added, calls } = await ctx.store.ctiWrites(async (st) => {
    const added = await st.addEvents(events);
    const byCall = new Map<string, CtiEvent[]>();
    for (const e of await st.eventsOf([...new Set(events.map((e) => e.callId))])) {
      const list = byCall.get(e.callId) ?? [];
      list.push(e);
      byCall.set(e.callId, list);
    }
    // An impossible order is refused before anything is kept (the transaction rolls back), naming
    // the event of this request that makes it impossible.
    const problems: FieldError[] = [];
    for (const list of byCall.values()) {
      for (const p of ctiOrderProblems(list)) {
        const indexOf = (x: CtiEvent) => events.findIndex((e) => x.callId === e.callId && x.type === e.type && x.at === e.at);
        // Blame the event at the impossible time when this request brought it, else its partner.
        const index = indexOf(p.event) >= 0 ? indexOf(p.event) : indexOf(p.other);
        if (index >= 0 && !problems.some((f) => f.path === pathOf(index, 'at'))) problems.push({ path: pathOf(index, 'at'), message: p.message, code: 'out_of_order', params: { event: p.event.type, other: p.other.type } });
      }
    }
    if (problems.length > 0) throw AppError.validation('通话事件的先后顺序不可能 (call events in an impossible order)', problems);
    // The recording is what this request's events name (the latest): a call rebuilt for a later
    // event that names none keeps the stored one, also one a supervisor set by hand meanwhile.
    const recordingOf = (callId: string) => events.filter((e) => e.callId === callId && e.recording !== undefined).sort((a, b) => a.at - b.at).at(-1)?.recording;
    const built = [...byCall].map(([callId, list]) => {
      const record = callFromCtiEvents(callId, list);
      const recording = recordingOf(callId);
      return recording === undefined ? record : { ...record, recording };
    });
    const saved = await st.saveCalls(built, now);
    // The customer found by the caller's number goes with the events: the desk pops the customer
    // card from it while the phone rings (the number itself reaches agents masked).
    const calls = built.map((r, i) => ({ id: saved[i]?.id ?? null, record: { ...r, customerId: r.customerId ?? saved[i]?.customerId ?? null } }));
    return { added, calls };
  });

  for (const e of events) {
    const call = calls.find((c) => c.record.externalId === e.callId);
    // The caller's number travels with every event so the desk can pop the customer card while
    // the phone is still ringing (the agent may not read the stored call before answering).
    await ctx.publish({
      type: `call.${e.type}`,
      at: e.at,
      callId: e.callId,
      id: call?.id ?? null,
      agent: call?.record.agent ?? e.agent ?? null,
      queue: call?.record.queue ?? e.queue ?? null,
      caller: call?.record.caller ?? e.caller ?? null,
      customerId: call?.record.customerId ?? null,
      vip: call?.record.vip ?? e.vip ?? false,
      outcome: call?.record.outcome ?? null,
      ...(e.by !== undefined && { by: e.by }),
      ...(e.missed === true && { missed: true }),
    });
  }
  // A call the agent placed (outbound, or naming our reference) belongs to the callback task it was
  // placed for: the callbacks link it after the commit (idempotent: a retried event finds the link).
  if (ctx.outbound) {
    const outbound = calls.flatMap((c) => {
      const own = events.filter((e) => e.callId === c.record.externalId && (e.direction === 'outbound' || e.reference !== undefined));
      if (c.id === null || own.length === 0) return [];
      const reference = own.find((e) => e.reference !== undefined)?.reference ?? null;
      return [{ id: c.id, externalId: c.record.externalId, agent: c.record.agent ?? own.find((e) => e.agent)?.agent ?? null, number: c.record.caller, reference, at: own[0]?.at ?? now }];
    });
    if (outbound.length > 0) await ctx.outbound.linkOutbound(outbound);
  }
  return {
    accepted: added,
    duplicates: events.length - added,
    calls: calls.flatMap((c) => (c.id === null ? [] : [{ id: c.id, callId: c.record.externalId, outcome: c.record.outcome }])),
  };
}
