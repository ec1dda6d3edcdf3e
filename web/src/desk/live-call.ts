/**
 * The agent's live call, rebuilt from the `call.*` server-sent events (event-stream.ts publishes
 * what `POST /api/cti/events` received). Events may repeat or arrive late; the reducer keeps the
 * earliest time of each step, so a retried event changes nothing.
 */
export const liveCallEventTypes = ['offered', 'ringing', 'answered', 'hold', 'unhold', 'transfer', 'transfer_answered', 'ended'] as const;
export type LiveCallEventType = (typeof liveCallEventTypes)[number];

export interface CallStreamEvent {
  type: `call.${string}`;
  at: number;
  callId: string;
  /** The stored call's id (for GET /api/calls/:id); null when it could not be stored. */
  id: string | null;
  agent: string | null;
  queue: string | null;
  outcome: string | null;
  /** The caller's number (masked) and VIP flag, when the PBX gave them. */
  caller?: string | null;
  /** The customer the caller's number belongs to, when known. */
  customerId?: string | null;
  vip?: boolean;
  by?: 'agent' | 'customer' | 'system';
  /** `call.ringing` reported once the ring was over, unanswered: not ringing now. */
  missed?: boolean;
}

export type LivePhase = 'ringing' | 'talking' | 'on_hold' | 'transferring' | 'ended';

export interface LiveCall {
  callId: string;
  id: string | null;
  queue: string | null;
  caller: string | null;
  customerId?: string | null;
  vip: boolean;
  phase: LivePhase;
  ringingAt: number | null;
  answeredAt: number | null;
  endedAt: number | null;
  endedBy: 'agent' | 'customer' | 'system' | null;
  /** When the current hold began; null when not on hold. */
  holdSince: number | null;
  holds: number;
  /** Whether the call was answered at all (a missed call ends without a wrap-up). */
  answered: boolean;
  /** The agent who answered (a ring names an agent that may never pick up: not counted). */
  agent?: string | null;
  /** Whose phone the latest ring is at, and since when (cleared when that ring is reported missed). */
  ringAgent?: string | null;
  ringAgentAt?: number | null;
}

export function isLiveCallEvent(type: string): type is `call.${LiveCallEventType}` {
  return type.startsWith('call.') && (liveCallEventTypes as readonly string[]).includes(type.slice(5));
}

function phaseOf(call: LiveCall): LivePhase {
  if (call.endedAt !== null) return 'ended';
  if (call.holdSince !== null) return 'on_hold';
  if (call.answeredAt !== null) return call.phase === 'transferring' ? 'transferring' : 'talking';
  return 'ringing';
}

const earliest = (a: number | null, b: number): number => (a === null ? b : Math.min(a, b));

/**
 * The desk's current call after one more event. A new call id replaces an ended call, but never
 * a call still in progress (a second ring while talking is the PBX's business, not a new screen).
 */
export function applyCallEvent(current: LiveCall | null, e: CallStreamEvent): LiveCall | null {
  const kind = e.type.slice(5) as LiveCallEventType;
  if (!(liveCallEventTypes as readonly string[]).includes(kind)) return current;
  let call = current;
  if (!call || call.callId !== e.callId) {
    if (call && call.phase !== 'ended') return call;
    call = { callId: e.callId, id: e.id, queue: e.queue, caller: null, vip: false, phase: 'ringing', ringingAt: null, answeredAt: null, endedAt: null, endedBy: null, holdSince: null, holds: 0, answered: false };
  }
  const next: LiveCall = { ...call, id: call.id ?? e.id, queue: e.queue ?? call.queue, caller: call.caller ?? e.caller ?? null, customerId: call.customerId ?? e.customerId ?? null, vip: call.vip || e.vip === true };
  switch (kind) {
    case 'offered':
    case 'ringing':
      next.ringingAt = earliest(next.ringingAt, e.at);
      if (kind === 'ringing' && e.agent) {
        if (e.missed) {
          if (next.ringAgent === e.agent) next.ringAgent = null;
        } else if (next.ringAgentAt == null || e.at >= next.ringAgentAt) {
          next.ringAgent = e.agent;
          next.ringAgentAt = e.at;
        }
      }
      break;
    case 'answered':
      next.answeredAt = earliest(next.answeredAt, e.at);
      next.answered = true;
      next.agent = e.agent ?? next.agent ?? null;
      break;
    case 'hold':
      if (next.holdSince === null && next.endedAt === null) {
        next.holdSince = e.at;
        next.holds += 1;
      }
      break;
    case 'unhold':
      next.holdSince = null;
      break;
    case 'transfer':
      next.phase = 'transferring';
      break;
    case 'transfer_answered':
      break;
    case 'ended':
      next.endedAt = earliest(next.endedAt, e.at);
      next.endedBy = e.by ?? next.endedBy;
      next.holdSince = null;
      break;
  }
  next.phase = phaseOf(next);
  return next;
}
