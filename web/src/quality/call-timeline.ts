import type { TranscriptEvent } from './quality-types';

export const phaseKinds = ['ringing', 'talking', 'hold', 'transfer'] as const;
export type PhaseKind = (typeof phaseKinds)[number];

export interface TimelinePhase {
  kind: PhaseKind;
  from: number;
  to: number;
}

export interface TimelineMarker {
  type: string;
  at: number;
  by?: string;
  to?: string;
}

export interface CallTimeline {
  phases: TimelinePhase[];
  markers: TimelineMarker[];
  /** ms from the first event to the last; 0 when there are no events. */
  span: number;
  start: number;
  hungUpBy?: string;
}

/**
 * The call's events as a bar: ringing until answer, talking, holds (hold → unhold, or to the end if
 * never resumed), the transfer leg (transfer → transfer_answered), and markers for each event.
 */
export function buildTimeline(events: readonly TranscriptEvent[]): CallTimeline {
  const sorted = [...events].filter((e) => Number.isFinite(e.at)).sort((a, b) => a.at - b.at);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) return { phases: [], markers: [], span: 0, start: 0 };
  const start = first.at;
  const end = last.at;
  const phases: TimelinePhase[] = [];
  const ring = sorted.find((e) => e.type === 'ring');
  const answer = sorted.find((e) => e.type === 'answer');
  const hangup = sorted.find((e) => e.type === 'hangup');
  const callEnd = hangup?.at ?? end;
  if (ring) phases.push({ kind: 'ringing', from: ring.at, to: answer?.at ?? callEnd });
  if (answer) phases.push({ kind: 'talking', from: answer.at, to: callEnd });
  let holdStart: number | undefined;
  let transferStart: number | undefined;
  for (const e of sorted) {
    if (e.type === 'hold' && holdStart === undefined) holdStart = e.at;
    else if (e.type === 'unhold' && holdStart !== undefined) {
      phases.push({ kind: 'hold', from: holdStart, to: e.at });
      holdStart = undefined;
    } else if (e.type === 'transfer') transferStart = e.at;
    else if (e.type === 'transfer_answered' && transferStart !== undefined) {
      phases.push({ kind: 'transfer', from: transferStart, to: e.at });
      transferStart = undefined;
    }
  }
  if (holdStart !== undefined) phases.push({ kind: 'hold', from: holdStart, to: callEnd });
  if (transferStart !== undefined) phases.push({ kind: 'transfer', from: transferStart, to: callEnd });
  return {
    phases,
    markers: sorted.map((e) => ({ type: e.type, at: e.at, ...(e.by !== undefined && { by: e.by }), ...(e.to !== undefined && { to: e.to }) })),
    span: end - start,
    start,
    ...(hangup?.by !== undefined && { hungUpBy: hangup.by }),
  };
}

/** "1:05" for 65 000 ms; the timeline and the transcript use the same clock. */
export function formatOffset(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}
