import type { Call, CallEvent, CallOutcome, HangupParty, TransferKind } from '../interactions/call.js';
import { recordFromCall, type CallRecord } from './call-record.js';

/**
 * Live CTI events (what a PBX connector posts: Asterisk AMI, FreeSWITCH ESL, a cloud PBX
 * webhook) and how they make a call of the shared call model. Events may arrive in any order and
 * more than once; the call is always rebuilt from all of its events sorted by time.
 */
export const ctiEventTypes = ['offered', 'ringing', 'answered', 'hold', 'unhold', 'transfer', 'transfer_answered', 'ended'] as const;
export type CtiEventType = (typeof ctiEventTypes)[number];

export interface CtiEvent {
  type: CtiEventType;
  callId: string;
  /** Epoch ms. */
  at: number;
  queue?: string | undefined;
  /** The agent's username. */
  agent?: string | undefined;
  /** The caller's phone number. */
  caller?: string | undefined;
  vip?: boolean | undefined;
  /** `ended`: who hung up. */
  by?: HangupParty | undefined;
  /** `transfer`: where to. */
  to?: string | undefined;
  /** `outbound`: the agent placed the call (a callback); `caller` is then the number dialled. Default inbound. */
  direction?: 'inbound' | 'outbound' | undefined;
  /** Our reference the call was placed for (a callback task id, `cb_…`), when the dialler passes it on. */
  reference?: string | undefined;
  /** The PBX's recording of the call (`answered` or `ended`): an http(s) URL or a path under the recordings base. */
  recording?: string | undefined;
  /**
   * `ringing` reported once the ring is over, unanswered (AMI's RINGNOANSWER, ESL's bridge-agent-fail;
   * `at` is when it began): a ring that happened, not one ringing now (the agent board skips it).
   */
  missed?: boolean | undefined;
}

const order: Record<CtiEventType, number> = { offered: 0, ringing: 1, answered: 2, hold: 3, unhold: 4, transfer: 5, transfer_answered: 6, ended: 7 };

/** The call the events describe, as the call model's `Call` plus what only CTI knows. */
export function callFromCtiEvents(callId: string, input: readonly CtiEvent[]): CallRecord {
  // Same-ms events keep their logical order (a connector may stamp ring and answer alike).
  const events = [...input].sort((a, b) => a.at - b.at || order[a.type] - order[b.type]);
  const first = <T extends CtiEventType>(t: T) => events.find((e) => e.type === t);
  const last = (pick: (e: CtiEvent) => string | undefined): string | undefined => {
    let v: string | undefined;
    for (const e of events) if (pick(e) !== undefined && pick(e) !== '') v = pick(e);
    return v;
  };
  const offered = first('offered');
  const answered = first('answered');
  const ended = first('ended');
  const answeringAgent = answered?.agent;
  // The ring that was answered: the last ring before the answer (by the answering agent when known).
  const rings = events.filter((e) => e.type === 'ringing' && (answered === undefined || e.at <= answered.at));
  const answeredRing = answered === undefined ? undefined : [...rings].reverse().find((r) => answeringAgent === undefined || r.agent === undefined || r.agent === answeringAgent);
  const missed = rings.filter((r) => r !== answeredRing);
  const entered = offered?.at ?? events[0]?.at ?? null;
  const origin = answeredRing?.at ?? (answered !== undefined ? (offered?.at ?? answered.at) : (offered?.at ?? rings[0]?.at ?? events[0]?.at ?? null));
  const transfer = first('transfer');
  const transferAnswered = first('transfer_answered');

  let outcome: CallOutcome = 'open';
  if (ended !== undefined) {
    if (answered !== undefined) outcome = transfer !== undefined ? 'transferred' : 'completed';
    else outcome = ended.by === 'system' ? 'timedOut' : ended.by === 'agent' ? 'agentDumped' : 'abandoned';
  }
  const endedBy: HangupParty | null = ended === undefined ? null : (ended.by ?? (transfer !== undefined ? 'agent' : 'system'));

  const rel = (at: number): number => (origin === null ? 0 : Math.max(0, at - origin));
  const timeline: CallEvent[] = [];
  if (origin !== null && answered !== undefined) timeline.push({ type: 'ring', at: 0 }, { type: 'answer', at: rel(answered.at) });
  for (const e of events) {
    switch (e.type) {
      case 'hold':
      case 'unhold':
      case 'transfer_answered':
        timeline.push({ type: e.type, at: rel(e.at) });
        break;
      case 'transfer':
        timeline.push(e.to === undefined ? { type: 'transfer', at: rel(e.at) } : { type: 'transfer', at: rel(e.at), to: e.to });
        break;
      case 'ended':
        if (e === ended) timeline.push({ type: 'hangup', at: rel(e.at), by: endedBy ?? 'system' });
        break;
      case 'offered':
      case 'ringing':
      case 'answered':
        break;
      default: {
        const never: never = e.type;
        throw new Error(`unexpected CTI event ${String(never)}`);
      }
    }
  }

  const seconds = (ms: number | null): number | null => (ms === null ? null : ms / 1000);
  const call: Call = {
    callId,
    queue: last((e) => e.queue) ?? '',
    agent: answeringAgent ?? null,
    callerId: last((e) => e.caller) ?? null,
    enteredQueueAt: entered,
    offeredAt: origin,
    answeredAt: answered?.at ?? null,
    endedAt: ended?.at ?? null,
    outcome,
    endedBy,
    waitSeconds: answered !== undefined && entered !== null ? seconds(answered.at - entered) : null,
    ringSeconds: answered !== undefined && answeredRing !== undefined ? seconds(answered.at - answeredRing.at) : null,
    // Talk runs from the answer to the end (or to the transfer, which hands the caller on).
    talkSeconds: answered !== undefined && ended !== undefined ? seconds(Math.max(0, (transfer?.at ?? ended.at) - answered.at)) : null,
    missedRings: missed.length,
    missedRingMs: 0,
    transfer: transfer === undefined ? null : { kind: (transferAnswered !== undefined ? 'attended' : 'blind') as TransferKind, to: transfer.to ?? null },
    events: timeline,
  };
  const missedAgents = missed.map((r) => r.agent ?? '').filter((a) => a !== '');
  return recordFromCall(call, 'cti', { missedRingAgents: missedAgents, vip: events.some((e) => e.vip === true) });
}

const ctiEventNames: Record<CtiEventType, string> = {
  offered: '来电',
  ringing: '振铃',
  answered: '接听',
  hold: '保持',
  unhold: '恢复通话',
  transfer: '转接',
  transfer_answered: '转接接通',
  ended: '挂断',
};

/** Two events of one call in an order no call can have: `event` at its time cannot come before `other`. */
export interface CtiOrderProblem {
  event: CtiEvent;
  other: CtiEvent;
  message: string;
}

/**
 * Orders a call cannot have, whatever order the events arrived in: answered or ended before it was
 * offered, ended before it was answered, a ring, hold or transfer after the hang-up, a hold or
 * transfer before the answer. Equal times are fine (a connector may stamp two events alike). Such a
 * call would show a negative talk time (通话时长 -0:01) and false figures, so the events are refused.
 */
export function ctiOrderProblems(events: readonly CtiEvent[]): CtiOrderProblem[] {
  const first = (t: CtiEventType) => events.reduce<CtiEvent | undefined>((m, e) => (e.type === t && (m === undefined || e.at < m.at) ? e : m), undefined);
  const offered = first('offered');
  const answered = first('answered');
  const ended = first('ended');
  const problems: CtiOrderProblem[] = [];
  const before = (event: CtiEvent, other: CtiEvent) =>
    problems.push({ event, other, message: `${ctiEventNames[event.type]}（${event.type}）早于${ctiEventNames[other.type]}（${other.type}）：同一通电话不可能如此，请检查事件时间` });
  if (offered && answered && answered.at < offered.at) before(answered, offered);
  if (offered && ended && ended.at < offered.at) before(ended, offered);
  if (answered && ended && ended.at < answered.at) before(ended, answered);
  for (const e of events) {
    switch (e.type) {
      case 'ringing':
        if (ended && e.at > ended.at) before(ended, e);
        break;
      case 'hold':
      case 'unhold':
      case 'transfer':
      case 'transfer_answered':
        if (ended && e.at > ended.at) before(ended, e);
        if (answered && e.at < answered.at) before(e, answered);
        break;
      case 'offered':
      case 'answered':
      case 'ended':
        break;
      default: {
        const never: never = e.type;
        throw new Error(`unexpected CTI event ${String(never)}`);
      }
    }
  }
  return problems;
}
