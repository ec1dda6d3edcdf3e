import type { Desk, Visit, VisitMessage } from './model.js';
import type { VisitRules } from './visit-rules.js';

const TITLES = ['先生', '女士', '小姐', '阿姨', '老师', '师傅'];

/**
 * The waiting-room display shows no personal data beyond a masked surname: the first character and
 * a star, with the title kept (王先生 → 王*先生, 欧阳 → 欧*).
 */
export function maskSurname(surname: string): string {
  const s = surname.trim();
  const title = TITLES.find((t) => s.endsWith(t) && s.length > t.length);
  const name = title ? s.slice(0, -title.length) : s;
  return `${[...name][0] ?? ''}*${title ?? ''}`;
}

/** A visit with its waiting clock: seconds waited (until called), and past the limit while still waiting. */
export function withWaitClock(v: Visit, rules: VisitRules, now: number): Visit & { waitedSeconds: number; overdue: boolean } {
  const until = v.calledAt ?? (v.status === 'finished' ? (v.finishedAt ?? now) : now);
  const waited = Math.max(0, until - v.arrivedAt);
  return { ...v, waitedSeconds: Math.floor(waited / 1000), overdue: v.status === 'waiting' && (v.urgent || waited >= rules.waitLimitMs) };
}

export interface DisplayBoard {
  /** Called numbers being served, the newest call first: the big number on the screen. */
  serving: { number: number; surname: string; staff: string | null; staffName: string | null; counter: string | null; calledAt: number }[];
  waiting: { number: number; surname: string }[];
}

/** Where a called visitor goes: the staff member's counter (窗口) and the name they go by, when known. */
export type CounterOf = (staff: string) => { counter: string | null; name: string | null };

/**
 * The waiting-room display (叫号屏): numbers only, surnames masked, no purpose or phone; each number
 * being served with the counter (and colleague) it is called to.
 */
export function displayBoard(visits: readonly Visit[], counterOf: CounterOf = () => ({ counter: null, name: null })): DisplayBoard {
  return {
    serving: visits
      .filter((v) => v.status === 'serving')
      .sort((a, b) => (b.calledAt ?? 0) - (a.calledAt ?? 0))
      .map((v) => {
        const at = v.servedBy ? counterOf(v.servedBy) : { counter: null, name: null };
        return { number: v.number, surname: maskSurname(v.visitor.surname), staff: v.servedBy, staffName: at.name, counter: at.counter, calledAt: v.calledAt ?? v.arrivedAt };
      }),
    waiting: visits.filter((v) => v.status === 'waiting').map((v) => ({ number: v.number, surname: maskSurname(v.visitor.surname) })),
  };
}

export interface VisitFigures {
  visitors: number;
  /** Arrivals by the centre's local hour 0–23. */
  perHour: number[];
  waitP50Seconds: number | null;
  waitP90Seconds: number | null;
  /** Share of called visitors called within the limit (3 minutes), 0–1. */
  servedWithinLimit: number | null;
  handOffs: number;
  messagesOverdue: number;
}

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? null;
}

/** The reception figures: visitors per hour, wait p50/p90, share served within the limit, hand-offs, messages overdue. */
export function visitFigures(visits: readonly Visit[], messages: readonly VisitMessage[], rules: VisitRules, localHour: (at: number) => number, now: number): VisitFigures {
  const perHour = Array.from({ length: 24 }, () => 0);
  const waits: number[] = [];
  let within = 0;
  let handOffs = 0;
  for (const v of visits) {
    perHour[localHour(v.arrivedAt)]! += 1;
    if (v.calledAt !== null) {
      const w = v.calledAt - v.arrivedAt;
      waits.push(Math.floor(w / 1000));
      if (w <= rules.waitLimitMs) within += 1;
    }
    handOffs += v.history.filter((h) => h.action === 'handed_off').length;
  }
  waits.sort((a, b) => a - b);
  return {
    visitors: visits.length,
    perHour,
    waitP50Seconds: percentile(waits, 0.5),
    waitP90Seconds: percentile(waits, 0.9),
    servedWithinLimit: waits.length ? within / waits.length : null,
    handOffs,
    messagesOverdue: messages.filter((m) => m.status === 'open' && now >= m.deadline).length,
  };
}

/** Who is free, serving or on the phone, for the reception screen. */
export function deskBoard(desks: readonly Desk[]): Desk[] {
  return desks.filter((d) => d.onShift).sort((a, b) => a.username.localeCompare(b.username));
}
