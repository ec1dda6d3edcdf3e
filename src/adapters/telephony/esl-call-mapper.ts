import type { CtiEvent } from '../../core/calls/cti-call.js';
import type { HangupParty } from '../../core/interactions/call.js';
import { eslTimestampMs } from './esl-protocol.js';
import type { MappedEvents, PbxCallMapper, PbxMessage } from './pbx-connector-types.js';
import { freeswitchRecordingsDir, recordingReferenceOfPath } from './recording-path.js';

interface EslCall {
  id: string;
  answered: boolean;
  onHold: boolean;
  /** Agent offered (ringing) and when, by agent name. */
  rings: Map<string, number>;
  /** The agent's leg once bridged. */
  agentLeg: string | null;
  /** The file a RECORD_START named (record_session, mod_callcenter's record-template), under the recordings directory; goes with `ended`. */
  recording: string | undefined;
}

const empty = (): MappedEvents => ({ store: [], preview: [] });

/**
 * FreeSWITCH mod_callcenter (`CUSTOM callcenter::info`, CC-Action member-queue-start,
 * agent-offering, bridge-agent-start, bridge-agent-fail, bridge-agent-end, member-queue-end) and
 * channel events (CHANNEL_HOLD/UNHOLD, CHANNEL_HANGUP_COMPLETE with `variable_sip_hangup_disposition`)
 * into CTI events. The call id is the member's session UUID; times are the event's own
 * `Event-Date-Timestamp`; who hung up comes from the SIP disposition of the leg that got the BYE.
 */
export class EslCallMapper implements PbxCallMapper {
  private readonly calls = new Map<string, EslCall>();
  private readonly legToCall = new Map<string, string>();
  private readonly unknownTypes = new Map<string, number>();
  private latest = 0;
  private endedSinceSnapshot: Set<string> | null = null;
  private readonly recordingsDir: string;

  constructor(
    private readonly onFirstUnknown: (type: string) => void = () => undefined,
    /** The directory FreeSWITCH records to, the one KEFU_RECORDINGS_URL serves (default the packaged $${recordings_dir}). */
    options: { recordingsDir?: string | undefined } = {},
  ) {
    this.recordingsDir = options.recordingsDir ?? freeswitchRecordingsDir;
  }

  get unknown(): ReadonlyMap<string, number> {
    return this.unknownTypes;
  }

  openIds(): string[] {
    this.endedSinceSnapshot = new Set();
    return [...this.calls.keys()];
  }

  reconcile(alive: ReadonlySet<string>, candidates: readonly string[], now: number): CtiEvent[] {
    const at = Math.max(now, this.latest);
    const endedSince = this.endedSinceSnapshot ?? new Set<string>();
    this.endedSinceSnapshot = null;
    const out: CtiEvent[] = [];
    for (const id of new Set(candidates)) {
      if (endedSince.has(id)) continue;
      const call = this.calls.get(id);
      if (alive.has(id)) {
        if (call === undefined) this.calls.set(id, { id, answered: true, onHold: false, rings: new Map(), agentLeg: null, recording: undefined });
        continue;
      }
      out.push({ type: 'ended', callId: id, at, by: 'system' });
      if (call !== undefined) this.forget(call);
    }
    return out;
  }

  map(h: PbxMessage, arrivalMs: number): MappedEvents {
    const name = h['Event-Name'];
    if (name === undefined) return empty();
    const at = eslTimestampMs(h) ?? arrivalMs;
    if (at > this.latest) this.latest = at;
    switch (name) {
      case 'CUSTOM':
        if (h['Event-Subclass'] === 'callcenter::info') return this.callcenter(h, at);
        break;
      case 'CHANNEL_HOLD':
      case 'CHANNEL_UNHOLD':
        return this.hold(h['Unique-ID'], at, name === 'CHANNEL_HOLD');
      case 'CHANNEL_HANGUP_COMPLETE':
        return this.hangup(h, at);
      case 'RECORD_START': {
        // record_session on either leg (mod_callcenter's record-template records the member's).
        const call = this.callOf(h['Unique-ID']);
        const reference = recordingReferenceOfPath(h['Record-File-Path'] ?? '', this.recordingsDir);
        if (call !== undefined && reference !== undefined) call.recording = reference;
        return empty();
      }
      case 'CHANNEL_ANSWER':
        // The caller's leg is answered by the IVR before the queue; the agent's answer is
        // bridge-agent-start, which carries the queue's own times.
        return empty();
      default:
        break;
    }
    const type = name === 'CUSTOM' ? `CUSTOM ${h['Event-Subclass'] ?? ''}` : name;
    const n = this.unknownTypes.get(type) ?? 0;
    this.unknownTypes.set(type, n + 1);
    if (n === 0) this.onFirstUnknown(type);
    return empty();
  }

  private callcenter(h: PbxMessage, at: number): MappedEvents {
    const id = h['CC-Member-Session-UUID'];
    const action = h['CC-Action'] ?? '';
    if (id === undefined || id === '') return this.note(`callcenter::info ${action}`);
    const queue = h['CC-Queue'] ? { queue: h['CC-Queue'] } : {};
    const agent = h['CC-Agent'] ?? '';
    const call = this.calls.get(id);
    const seconds = (k: string) => {
      const v = Number(h[k]);
      return Number.isFinite(v) && v > 0 ? v * 1000 : undefined;
    };
    switch (action) {
      case 'member-queue-start': {
        if (call === undefined) this.calls.set(id, { id, answered: false, onHold: false, rings: new Map(), agentLeg: null, recording: undefined });
        const caller = h['CC-Member-CID-Number'];
        return { store: [{ type: 'offered', callId: id, at, ...queue, ...(caller && { caller }) }], preview: [] };
      }
      case 'agent-offering':
        if (call === undefined || agent === '') return empty();
        call.rings.set(agent, at);
        return { store: [], preview: [{ type: 'ringing', callId: id, at, agent, ...queue }] };
      case 'bridge-agent-fail': {
        if (call === undefined || agent === '') return empty();
        const ringAt = call.rings.get(agent) ?? seconds('CC-Agent-Called-Time') ?? at;
        call.rings.delete(agent);
        return { store: [{ type: 'ringing', callId: id, at: ringAt, agent, missed: true, ...queue }], preview: [] };
      }
      case 'bridge-agent-start': {
        if (call === undefined || agent === '') return empty();
        const ringAt = call.rings.get(agent) ?? seconds('CC-Agent-Called-Time') ?? at;
        call.rings.clear();
        call.answered = true;
        const leg = h['CC-Agent-UUID'];
        if (leg) {
          call.agentLeg = leg;
          this.legToCall.set(leg, id);
        }
        return {
          store: [
            { type: 'ringing', callId: id, at: ringAt, agent, ...queue },
            { type: 'answered', callId: id, at, agent, ...queue },
          ],
          preview: [],
        };
      }
      case 'member-queue-end': {
        if (call === undefined || call.answered) return empty();
        // Cancel with reason NONE: the caller hung up in the queue. TIMEOUT, NO_AGENT_TIMEOUT,
        // BREAK_OUT (a key), EXIT_WITH_KEY: the queue let the caller go.
        const reason = h['CC-Cancel-Reason'] ?? 'NONE';
        return this.end(call, at, reason === 'NONE' ? 'customer' : 'system');
      }
      case 'bridge-agent-end':
        // Who hung up is in the legs' CHANNEL_HANGUP_COMPLETE; this only closes a call whose legs
        // we will not hear of (both gone while disconnected).
        return empty();
      default:
        return this.note(`callcenter::info ${action}`);
    }
  }

  private note(type: string): MappedEvents {
    const n = this.unknownTypes.get(type) ?? 0;
    this.unknownTypes.set(type, n + 1);
    if (n === 0) this.onFirstUnknown(type);
    return empty();
  }

  private callOf(uuid: string | undefined): EslCall | undefined {
    if (uuid === undefined) return undefined;
    const direct = this.calls.get(uuid);
    if (direct !== undefined) return direct;
    const owner = this.legToCall.get(uuid);
    return owner === undefined ? undefined : this.calls.get(owner);
  }

  private hold(uuid: string | undefined, at: number, on: boolean): MappedEvents {
    const call = this.callOf(uuid);
    if (call === undefined || !call.answered || call.onHold === on) return empty();
    call.onHold = on;
    return { store: [{ type: on ? 'hold' : 'unhold', callId: call.id, at }], preview: [] };
  }

  private hangup(h: PbxMessage, at: number): MappedEvents {
    const uuid = h['Unique-ID'];
    const call = this.callOf(uuid);
    if (call === undefined) return empty();
    const isAgentLeg = uuid !== call.id;
    if (!call.answered) {
      // An agent leg that rang and ended: bridge-agent-fail says it. The caller's leg ending
      // before the queue said anything: the caller hung up.
      if (isAgentLeg) return empty();
      return this.end(call, at, 'customer');
    }
    // recv_bye: this leg's far end hung up; send_bye: FreeSWITCH hung this leg up because the
    // other leg ended. The first leg to end after the answer tells who hung up.
    const disposition = h.variable_sip_hangup_disposition ?? '';
    let by: HangupParty = 'system';
    if (disposition === 'recv_bye' || disposition === 'recv_cancel') by = isAgentLeg ? 'agent' : 'customer';
    else if (disposition === 'send_bye') by = isAgentLeg ? 'customer' : 'agent';
    return this.end(call, at, by);
  }

  private end(call: EslCall, at: number, by: HangupParty): MappedEvents {
    this.forget(call);
    return { store: [{ type: 'ended', callId: call.id, at, by, ...(call.recording !== undefined && { recording: call.recording }) }], preview: [] };
  }

  private forget(call: EslCall): void {
    this.calls.delete(call.id);
    this.endedSinceSnapshot?.add(call.id);
    if (call.agentLeg !== null) this.legToCall.delete(call.agentLeg);
  }
}
