import { afterEach, describe, expect, it } from 'vitest';
import type { CtiEvent } from '../../core/calls/cti-call.js';
import { AmiCallMapper } from './ami-call-mapper.js';
import { EslCallMapper } from './esl-call-mapper.js';
import { ctiSink } from './cti-sink.js';
import { recordingReferenceOfPath } from './recording-path.js';
import type { PbxMessage } from './pbx-connector-types.js';
import { createTestApp, type TestApp } from '../http/test-app.js';
import { callRowId } from '../db/repositories/call-repository.js';

const t0 = 1772413210;

/** The stored events of a run of messages, in order. */
function run(mapper: { map(m: PbxMessage, arrival: number): { store: CtiEvent[] } }, messages: PbxMessage[]): CtiEvent[] {
  return messages.flatMap((m) => mapper.map(m, 0).store);
}

const ami = (event: string, s: number, fields: Record<string, string>): PbxMessage => ({ Event: event, Privilege: 'call,all', Timestamp: `${t0 + s}.000000`, ...fields });
const esl = (name: string, s: number, fields: Record<string, string>): PbxMessage => ({ 'Event-Name': name, 'Event-Date-Timestamp': String((t0 + s) * 1_000_000), ...fields });

describe("a PBX's recording file as the call's recording reference", () => {
  it('keeps a path inside the recordings directory relative to it, a URL or a relative name as it is, nothing else', () => {
    expect(recordingReferenceOfPath('/var/spool/asterisk/monitor/2026/03/02/q-1772413210.100.wav', '/var/spool/asterisk/monitor')).toBe('2026/03/02/q-1772413210.100.wav');
    expect(recordingReferenceOfPath('q-1772413210.100.wav', '/var/spool/asterisk/monitor/')).toBe('q-1772413210.100.wav');
    expect(recordingReferenceOfPath('https://rec.example.cn/a.wav', '/x/')).toBe('https://rec.example.cn/a.wav');
    expect(recordingReferenceOfPath('/tmp/other/a.wav', '/var/spool/asterisk/monitor/')).toBeUndefined();
    expect(recordingReferenceOfPath('', '/x/')).toBeUndefined();
  });

  it("Asterisk: MixMonitor's MIXMONITOR_FILENAME (VarSet on the caller's or the agent's channel, before or after the queue) goes with the hang-up", () => {
    const mapper = new AmiCallMapper();
    const events = run(mapper, [
      // MixMonitor started in the dialplan before Queue(): the channel is not a queued call yet.
      ami('VarSet', 0, { Uniqueid: '1772413210.100', Variable: 'MIXMONITOR_FILENAME', Value: '/var/spool/asterisk/monitor/2026/03/02/in-1772413210.100.wav' }),
      ami('QueueCallerJoin', 1, { Uniqueid: '1772413210.100', Queue: 'hotline', CallerIDNum: '13810000000' }),
      ami('AgentCalled', 2, { Uniqueid: '1772413210.100', DestUniqueid: '1772413212.101', Queue: 'hotline', MemberName: 'ana' }),
      ami('AgentConnect', 5, { Uniqueid: '1772413210.100', DestUniqueid: '1772413212.101', Queue: 'hotline', MemberName: 'ana', RingTime: '3' }),
      ami('VarSet', 5, { Uniqueid: '1772413210.100', Variable: 'QUEUESTATUS', Value: 'CONTINUE' }),
      ami('AgentComplete', 65, { Uniqueid: '1772413210.100', Queue: 'hotline', MemberName: 'ana', Reason: 'caller' }),
      // queues.conf monitor-type=MixMonitor: set on the agent's channel once bridged.
      ami('QueueCallerJoin', 100, { Uniqueid: '1772413310.200', Queue: 'hotline' }),
      ami('AgentConnect', 104, { Uniqueid: '1772413310.200', DestUniqueid: '1772413310.201', Queue: 'hotline', MemberName: 'bo', RingTime: '2' }),
      ami('VarSet', 104, { Uniqueid: '1772413310.201', Variable: 'MIXMONITOR_FILENAME', Value: 'hotline-1772413310.200.wav' }),
      ami('Hangup', 130, { Uniqueid: '1772413310.200' }),
      // A file outside the served directory cannot be played from KEFU_RECORDINGS_URL: left out.
      ami('QueueCallerJoin', 200, { Uniqueid: '1772413410.300', Queue: 'hotline' }),
      ami('AgentConnect', 203, { Uniqueid: '1772413410.300', DestUniqueid: '1772413410.301', Queue: 'hotline', MemberName: 'bo', RingTime: '2' }),
      ami('VarSet', 203, { Uniqueid: '1772413410.300', Variable: 'MIXMONITOR_FILENAME', Value: '/tmp/elsewhere.wav' }),
      ami('Hangup', 240, { Uniqueid: '1772413410.300' }),
    ]);
    const ended = events.filter((e) => e.type === 'ended');
    expect(ended).toEqual([
      { type: 'ended', callId: '1772413210.100', at: (t0 + 65) * 1000, by: 'customer', recording: '2026/03/02/in-1772413210.100.wav' },
      { type: 'ended', callId: '1772413310.200', at: (t0 + 130) * 1000, by: 'system', recording: 'hotline-1772413310.200.wav' },
      { type: 'ended', callId: '1772413410.300', at: (t0 + 240) * 1000, by: 'system' },
    ]);
    // Other variables are still counted as events that mean nothing to calls.
    expect(mapper.unknown.get('VarSet')).toBe(1);
  });

  it("FreeSWITCH: RECORD_START's Record-File-Path on either leg goes with the hang-up", () => {
    const mapper = new EslCallMapper(undefined, { recordingsDir: '/usr/local/freeswitch/recordings' });
    const cc = (s: number, fields: Record<string, string>) => esl('CUSTOM', s, { 'Event-Subclass': 'callcenter::info', 'CC-Queue': 'hotline@default', 'CC-Member-Session-UUID': 'm-1', ...fields });
    const events = run(mapper, [
      cc(0, { 'CC-Action': 'member-queue-start', 'CC-Member-CID-Number': '13810000000' }),
      cc(1, { 'CC-Action': 'agent-offering', 'CC-Agent': 'ana' }),
      cc(4, { 'CC-Action': 'bridge-agent-start', 'CC-Agent': 'ana', 'CC-Agent-UUID': 'a-1' }),
      esl('RECORD_START', 4, { 'Unique-ID': 'a-1', 'Record-File-Path': '/usr/local/freeswitch/recordings/2026-03-02/m-1.wav' }),
      esl('CHANNEL_HANGUP_COMPLETE', 60, { 'Unique-ID': 'm-1', variable_sip_hangup_disposition: 'recv_bye' }),
    ]);
    expect(events.at(-1)).toEqual({ type: 'ended', callId: 'm-1', at: (t0 + 60) * 1000, by: 'customer', recording: '2026-03-02/m-1.wav' });
  });
});

describe('the connectors’ sink', () => {
  let t: TestApp;
  afterEach(async () => t.close());

  it('keeps a call whose recording the API would refuse (a path with no KEFU_RECORDINGS_URL), without the recording, and says why', async () => {
    t = await createTestApp();
    const warnings: string[] = [];
    const sink = ctiSink(t.ctx.callRepository, t.ctx.events, t.ctx.clock, { base: null, warn: (m) => warnings.push(m) });
    await sink.ingest([
      { type: 'offered', callId: 'c-1', at: t0 * 1000, queue: 'hotline' },
      { type: 'answered', callId: 'c-1', at: (t0 + 5) * 1000, agent: 'ana' },
      { type: 'ended', callId: 'c-1', at: (t0 + 60) * 1000, by: 'customer', recording: 'q/c-1.wav' },
    ]);
    const call = await t.ctx.callRepository.get(callRowId('cti', 'c-1', ''));
    expect(call).toMatchObject({ outcome: 'answered', recording: null });
    expect(warnings).toEqual([expect.stringContaining('KEFU_RECORDINGS_URL')]);

    const withBase = ctiSink(t.ctx.callRepository, t.ctx.events, t.ctx.clock, { base: 'https://pbx.example.cn/monitor/' });
    await withBase.ingest([{ type: 'ended', callId: 'c-1', at: (t0 + 60) * 1000, by: 'customer', recording: 'q/c-1.wav' }]);
    expect((await t.ctx.callRepository.get(callRowId('cti', 'c-1', '')))?.recording).toBe('q/c-1.wav');
  });
});
