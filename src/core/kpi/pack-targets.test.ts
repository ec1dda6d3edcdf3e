import { describe, expect, it } from 'vitest';
import { KpiAggregator } from './kpi-report.js';
import { judgeTicketFigures, kpiTargetsFromSettings } from './pack-targets.js';
import { ZoneCalendar } from './time-zone.js';
import { EndCode, type QueueCallState } from '../interactions/call.js';

function call(over: Partial<QueueCallState>): QueueCallState {
  return {
    callId: 'c', queue: 'hotline', enteredAt: 1000, callerId: '', connectedAt: 1005, agent: 'ana', waitSeconds: 5, ringSeconds: 3,
    end: EndCode.completeCaller, endedAt: 1060, talkSeconds: 55, transferTo: '', missedRings: 0, missedRingMs: 0, missedRingAgents: null, lastSeen: 1060, next: null,
    ...over,
  };
}

describe('KPI targets from the pack and the connection figures', () => {
  it('reads kpiTargets.* settings, keeping STANDARD.md numbers for what the pack leaves out', () => {
    const t = kpiTargetsFromSettings({ 'kpiTargets.answerRate': 0.8, 'kpiTargets.serviceLevel': 0.75, ringLimitMs: 15000 });
    expect(t.calls.answerRate).toEqual({ requirement: 'KPI-MAN', min: 0.8 });
    expect(t.calls.serviceLevel).toEqual({ requirement: 'KPI-MAN', min: 0.75 });
    expect(t.connection.systemConnectionRate).toEqual({ requirement: 'KPI-SYS', min: 0.99 });
    expect(t.tickets.satisfaction).toEqual({ requirement: 'KPI-CSAT', min: 85 });
    expect(t.tickets.promisesKeptRate).toEqual({ requirement: 'CP-PROMISE', min: null });
    expect(t.tickets.summaryWithin5MinRate).toEqual({ requirement: 'KPI-SUMMARY5', min: null });
    expect(kpiTargetsFromSettings({ 'kpiTargets.summaryWithin5MinRate': 0.95 }).tickets.summaryWithin5MinRate).toEqual({ requirement: 'KPI-SUMMARY5', min: 0.95 });
    const judged = judgeTicketFigures(
      { satisfaction: { value: 90, reason: null }, complaintResponseRate: { value: 0.5, reason: null }, firstContactResolution: { value: null, reason: 'no tickets' }, ticketWithin3MinRate: { value: 1, reason: null }, summaryWithin5MinRate: { value: 0.5, reason: null }, promisesKeptRate: { value: 1, reason: null }, callbackWithinWindowRate: { value: 0.8, reason: null } },
      t.tickets,
    );
    expect([judged.satisfaction?.pass, judged.complaintResponseRate?.pass, judged.firstContactResolution?.pass, judged.promisesKeptRate?.pass]).toEqual([true, false, null, null]);
  });

  it('counts system failures and VIP calls without changing the contract figures', () => {
    const options = { by: 'total' as const, thresholdSeconds: 15, ringLimitSeconds: 15, zone: new ZoneCalendar('Asia/Shanghai') };
    const calls = [
      call({}),
      call({ connectedAt: Number.NaN, end: EndCode.exitEmpty, waitSeconds: Number.NaN }),
      call({ end: EndCode.sysCompat }),
      call({ connectedAt: Number.NaN, end: EndCode.abandon }),
    ];
    const plain = new KpiAggregator(options);
    const withConnection = new KpiAggregator({ ...options, connectionFigures: { targets: kpiTargetsFromSettings({}).connection } });
    calls.forEach((c, i) => {
      plain.addCall(c);
      withConnection.addCall(c, i < 2);
    });
    const a = plain.report({ lines: 0, reasons: {} });
    const b = withConnection.report({ lines: 0, reasons: {} });
    expect(a.connection).toBeUndefined();
    expect(b.groups).toEqual(a.groups);
    const total = b.connection?.groups[0];
    // Abandons are the caller's (KPI-MAN); the queue with no member and the dropped call are the system's.
    expect(total?.systemConnectionRate).toMatchObject({ value: 0.5, offered: 4, counted: 2, pass: false });
    expect(total?.vipConnectionRate).toMatchObject({ value: 0.5, offered: 2, counted: 1, min: 0.9, pass: false });
    // KPI-MAN over the two ordinary calls: one answered (then dropped by the system), one abandoned.
    expect(total?.manualConnectionRate).toMatchObject({ requirement: 'KPI-MAN', value: 0.5, offered: 2, counted: 1, min: 0.85, pass: false });
  });

  it('calls to a VIP queue count in KPI-VIP only; the pack\'s answerRate target judges KPI-MAN', () => {
    const options = { by: 'total' as const, thresholdSeconds: 15, ringLimitSeconds: 15, zone: new ZoneCalendar('Asia/Shanghai') };
    const targets = kpiTargetsFromSettings({ 'kpiTargets.answerRate': 0.8 }).connection;
    expect(targets.manualConnectionRate).toEqual({ requirement: 'KPI-MAN', min: 0.8 });
    const k = new KpiAggregator({ ...options, connectionFigures: { targets }, vipQueues: ['vip'] });
    k.addCall(call({ queue: 'vip' }));
    k.addCall(call({ queue: 'vip', connectedAt: Number.NaN, end: EndCode.abandon }));
    k.addCall(call({}));
    const r = k.report({ lines: 0, reasons: {} });
    expect(r.groups[0]).toMatchObject({ offered: 3, answered: 2 });
    expect(r.connection?.groups[0]?.vipConnectionRate).toMatchObject({ offered: 2, counted: 1, value: 0.5 });
    expect(r.connection?.groups[0]?.manualConnectionRate).toMatchObject({ offered: 1, counted: 1, value: 1, pass: true });
  });
});
