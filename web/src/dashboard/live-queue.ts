import type { CallSummary } from '@contract/calls';
import type { LiveCall } from '../desk/live-call';

/** A call on the live queue: waiting for an agent (等待中), talking, on hold, being transferred. */
export type QueuePhase = 'waiting' | 'talking' | 'on_hold' | 'transferring';

export interface QueueRow {
  callId: string;
  queue: string;
  agent: string | null;
  caller: string | null;
  vip: boolean;
  phase: QueuePhase;
  /** When the phase's clock started: the queue entry (waiting), the answer, the hold. */
  since: number | null;
}

/** Whether a stored call is on hold now: its last hold has no unhold after it (times on the call's own clock). */
function holdSince(c: Pick<CallSummary, 'events' | 'offeredAt'>): number | null {
  let since: number | null = null;
  for (const e of c.events) {
    if (e.type === 'hold' && since === null) since = e.at;
    else if (e.type === 'unhold' || e.type === 'transfer' || e.type === 'hangup') since = null;
  }
  return since === null || c.offeredAt === null ? null : c.offeredAt + since;
}

/**
 * The live queue: the open calls of the last load, updated by the stream's events since. A call no
 * agent has answered is waiting (the caller is in the queue, whoever's phone rings); an answered
 * call shows its agent, on hold too.
 */
export function liveQueueRows(stored: readonly CallSummary[], live: Iterable<LiveCall>): QueueRow[] {
  const rows = new Map<string, QueueRow>();
  for (const c of stored) {
    const held = c.answeredAt === null ? null : holdSince(c);
    rows.set(c.externalId, {
      callId: c.externalId,
      queue: c.queue,
      agent: c.answeredAt === null ? null : c.agent,
      caller: c.caller,
      vip: c.vip,
      phase: c.answeredAt === null ? 'waiting' : held !== null ? 'on_hold' : 'talking',
      since: held ?? c.answeredAt ?? c.startedAt,
    });
  }
  for (const c of live) {
    if (c.phase === 'ended') {
      rows.delete(c.callId);
      continue;
    }
    const known = rows.get(c.callId);
    const phase: QueuePhase = c.phase === 'ringing' ? 'waiting' : c.phase;
    rows.set(c.callId, {
      callId: c.callId,
      queue: c.queue ?? known?.queue ?? '',
      agent: phase === 'waiting' ? null : (c.agent ?? known?.agent ?? null),
      caller: known?.caller ?? c.caller ?? null,
      vip: known?.vip ?? c.vip,
      phase,
      since: phase === 'on_hold' ? c.holdSince : phase === 'waiting' ? (known?.since ?? c.ringingAt) : (c.answeredAt ?? known?.since ?? null),
    });
  }
  return [...rows.values()].sort((a, b) => (a.since ?? 0) - (b.since ?? 0));
}
