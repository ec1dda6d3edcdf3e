import type { Ticket, TicketPromise } from './ticket.js';
import type { TicketSettings } from './ticket-settings.js';
import { approximateMs } from './ticket-rules.js';

export const measureGroupings = ['total', 'agent', 'team', 'day'] as const;
export type MeasureGrouping = (typeof measureGroupings)[number];

export interface TicketMeasureGroup {
  key: string;
  tickets: number;
  /** PH-TICKET3: tickets that came from a call with a known end time. */
  ticketsFromCalls: number;
  ticketsWithinLimit: number;
  ticketWithinLimitRate: number | null;
  /** PH-SUMMARY5. */
  summariesWithinLimit: number;
  summaryWithinLimitRate: number | null;
  /** KPI-CRESP: complaints whose reply time has been decided (answered, or past due). */
  complaints: number;
  complaintsAnsweredInTime: number;
  complaintResponseRate: number | null;
  /** KPI-FCR: tickets resolved at least once. */
  resolved: number;
  resolvedFirstContact: number;
  firstContactResolutionRate: number | null;
  /** Promises whose outcome is known (kept or broken). */
  promisesDecided: number;
  promisesKept: number;
  promiseKeptRate: number | null;
  /** KPI-CSAT: satisfaction answers given in call summaries (1–5), and their mean as a 0–100 score. */
  satisfactionAnswers: number;
  satisfactionScore: number | null;
}

export interface MeasureInput {
  /** Tickets created in the period (the ones measured). */
  tickets: readonly Ticket[];
  /** Tickets created from the period's start to its end plus the repeat window: later contacts on the same problem. */
  laterTickets: readonly Ticket[];
  promises: readonly TicketPromise[];
  now: number;
  settings: TicketSettings;
  by: MeasureGrouping;
  /** Local calendar day of an instant, YYYY-MM-DD, for `by: day`. */
  dayOf: (at: number) => string;
}

const rate = (n: number, d: number): number | null => (d === 0 ? null : n / d);

/** What one promise to the customer came to: decided (kept or broken) and kept. */
interface PromiseOutcome {
  first: TicketPromise;
  decided: boolean;
  kept: boolean;
}

/**
 * CP-PROMISE: a renegotiated promise and the times agreed after it are one promise to the
 * customer, counted once: broken if any of its times was broken, kept if none was and the last
 * was kept; undecided while the last is still running. A promise with no renegotiation is its own chain.
 */
export function promiseOutcomes(promises: readonly TicketPromise[], now: number): PromiseOutcome[] {
  const byId = new Map(promises.map((p) => [p.id, p]));
  const out: PromiseOutcome[] = [];
  for (const first of promises) {
    if (first.replacesId !== null && byId.has(first.replacesId)) continue; // counted with its chain's first
    const links = [first];
    for (let p = first; p.replacedById !== null; ) {
      const next = byId.get(p.replacedById);
      if (!next || links.includes(next)) break;
      links.push(next);
      p = next;
    }
    const last = links[links.length - 1]!;
    const broken = links.some((p) => p.status === 'broken');
    out.push({ first, decided: broken || last.status === 'kept' || (last.status === 'open' && last.dueAt < now), kept: !broken && last.status === 'kept' });
  }
  return out;
}

/**
 * The ticket figures of the reports (PH-TICKET3, PH-SUMMARY5, KPI-CRESP, KPI-FCR, promises kept)
 * per agent, team or day. Pure: the KPI API fetches the rows and calls this.
 *
 * First-contact resolution: a ticket resolved at least once counts as resolved at first contact
 * when it was never reopened (CB-REOPEN) and the same customer did not come back about the same
 * problem within the pack's repeat window.
 */
export function ticketMeasures(input: MeasureInput): TicketMeasureGroup[] {
  const { settings: s, now } = input;
  const windowMs = approximateMs(s.fcrRepeatWindow);
  const ticketLimit = s.ticketWithinMinutes * 60_000;
  const summaryLimit = s.summaryWithinMinutes * 60_000;
  const promisesByTicket = new Map<string, TicketPromise[]>();
  for (const p of input.promises) {
    const list = promisesByTicket.get(p.ticketId) ?? [];
    list.push(p);
    promisesByTicket.set(p.ticketId, list);
  }
  const contactKey = (t: Ticket) => t.customerId ?? (t.contactPhone ? `phone:${t.contactPhone}` : null);
  const problemKey = (t: Ticket) => t.problemType ?? t.summary?.problemType ?? `${t.type}:${t.complaintClass ?? ''}`;
  const laterByContact = new Map<string, Ticket[]>();
  for (const t of input.laterTickets) {
    const k = contactKey(t);
    if (!k) continue;
    const list = laterByContact.get(k) ?? [];
    list.push(t);
    laterByContact.set(k, list);
  }

  const groups = new Map<string, TicketMeasureGroup>();
  const satisfactionSums = new Map<string, number>();
  const groupOf = (key: string): TicketMeasureGroup => {
    let g = groups.get(key);
    if (!g) {
      g = {
        key,
        tickets: 0,
        ticketsFromCalls: 0,
        ticketsWithinLimit: 0,
        ticketWithinLimitRate: null,
        summariesWithinLimit: 0,
        summaryWithinLimitRate: null,
        complaints: 0,
        complaintsAnsweredInTime: 0,
        complaintResponseRate: null,
        resolved: 0,
        resolvedFirstContact: 0,
        firstContactResolutionRate: null,
        promisesDecided: 0,
        promisesKept: 0,
        promiseKeptRate: null,
        satisfactionAnswers: 0,
        satisfactionScore: null,
      };
      groups.set(key, g);
    }
    return g;
  };

  for (const t of input.tickets) {
    const key = input.by === 'total' ? 'total' : input.by === 'agent' ? t.assigneeId ?? '(unassigned)' : input.by === 'team' ? t.team ?? '(no team)' : input.dayOf(t.createdAt);
    const g = groupOf(key);
    g.tickets++;
    if (t.callEndedAt !== null) {
      g.ticketsFromCalls++;
      if (t.createdAt - t.callEndedAt <= ticketLimit) g.ticketsWithinLimit++;
      if (t.summary && t.summary.writtenAt - t.callEndedAt <= summaryLimit) g.summariesWithinLimit++;
    }
    const sat = t.summary?.satisfaction;
    if (sat !== undefined && sat !== null) {
      g.satisfactionAnswers++;
      satisfactionSums.set(g.key, (satisfactionSums.get(g.key) ?? 0) + sat);
    }
    const outcomes = promiseOutcomes(promisesByTicket.get(t.id) ?? [], now);
    for (const o of outcomes) {
      if (!o.decided) continue;
      g.promisesDecided++;
      if (o.kept) g.promisesKept++;
    }
    if (t.type === 'complaint') {
      const reply = outcomes.filter((o) => o.first.kind === 'reply').sort((a, b) => a.first.createdAt - b.first.createdAt)[0];
      // A complaint without a reply promise yet, or whose reply time has not come, is not decided.
      if (reply?.decided) {
        g.complaints++;
        if (reply.kept) g.complaintsAnsweredInTime++;
      }
    }
    if (t.resolvedAt !== null || t.reopenCount > 0) {
      g.resolved++;
      const k = contactKey(t);
      const repeat =
        k !== null &&
        (laterByContact.get(k) ?? []).some((o) => o.id !== t.id && o.createdAt > t.createdAt && o.createdAt <= (t.resolvedAt ?? t.createdAt) + windowMs && problemKey(o) === problemKey(t));
      if (t.reopenCount === 0 && !repeat) g.resolvedFirstContact++;
    }
  }
  for (const g of groups.values()) {
    g.ticketWithinLimitRate = rate(g.ticketsWithinLimit, g.ticketsFromCalls);
    g.summaryWithinLimitRate = rate(g.summariesWithinLimit, g.ticketsFromCalls);
    g.complaintResponseRate = rate(g.complaintsAnsweredInTime, g.complaints);
    // 5 points = 100: the hotline's satisfaction score (KPI-CSAT, target 85) is on a 0–100 scale.
    const satMean = rate(satisfactionSums.get(g.key) ?? 0, g.satisfactionAnswers);
    g.satisfactionScore = satMean === null ? null : Math.round(satMean * 20 * 10) / 10;
    g.firstContactResolutionRate = rate(g.resolvedFirstContact, g.resolved);
    g.promiseKeptRate = rate(g.promisesKept, g.promisesDecided);
  }
  return [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));
}
