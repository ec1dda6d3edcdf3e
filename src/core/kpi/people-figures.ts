import type { MeasureGrouping, TicketMeasureGroup } from '../tickets/measures.js';
import type { KpiTarget } from './kpi-report.js';
import { kpiRequirements, type TicketTargets } from './pack-targets.js';

/**
 * The supervisor's figures per agent and per team for a period (the week's, the month's):
 * KPI-CSAT, KPI-CRESP, KPI-FCR, KPI-TICKET3, KPI-SUMMARY5 and promises kept from the tickets, and
 * the quality figures (average score, fatal calls, the requirements failed most) from the judged
 * calls, each ticket figure judged against the pack's target. The ticket figures are the reports'
 * own (`ticketMeasures`, core/tickets/measures.ts): one rule, one place.
 */
export const peopleGroupings = ['agent', 'team'] as const;
export type PeopleGrouping = (typeof peopleGroupings)[number];

export const peopleFigureNames = ['satisfaction', 'complaintResponseRate', 'firstContactResolution', 'ticketWithin3MinRate', 'summaryWithin5MinRate', 'promisesKeptRate'] as const;
export type PeopleFigure = (typeof peopleFigureNames)[number];

/** How many of the most failed requirements a row lists. */
export const TOP_FAILED = 3;

export interface Person {
  userId: string;
  username: string;
  name: string;
  team: string | null;
  role: string;
}

export interface JudgedCall {
  /** The agent's username. */
  agent: string | null;
  qualityScore: number | null;
  qualityFatal: boolean | null;
  failedRules: readonly string[];
}

export interface FigureJudged {
  /** 0–1 for rates, 0–100 for satisfaction; null: nothing to measure in the period. */
  value: number | null;
  /** Against the pack's target; null when there is no value or no target. */
  pass: boolean | null;
}

export interface QualityFigures {
  /** Calls with a quality result in the period. */
  judged: number;
  averageScore: number | null;
  fatalCalls: number;
  /** The requirements failed most, most first (ties by id). */
  topFailed: Array<{ rule: string; calls: number }>;
}

export interface PeopleRow {
  /** The agent's username, or the team's name; `total` for the whole centre. */
  key: string;
  name: string;
  team: string | null;
  tickets: number;
  figures: Record<PeopleFigure, FigureJudged>;
  quality: QualityFigures;
}

export interface PeopleFiguresReport {
  from: number;
  to: number;
  by: PeopleGrouping;
  /** The pack the targets came from (`default@3`). */
  standard: string | null;
  targets: Record<PeopleFigure, KpiTarget>;
  rows: PeopleRow[];
  total: PeopleRow;
}

export interface PeopleFiguresContext {
  people(): Promise<Person[]>;
  ticketMeasures(q: { from: number; to: number; by: MeasureGrouping }): Promise<TicketMeasureGroup[]>;
  /** Every call started in [from, to), judged or not. */
  eachCall(q: { from: number; to: number }, on: (c: JudgedCall) => void): Promise<void>;
  targets(): Promise<{ tickets: TicketTargets; standard: string | null }>;
}

const valueOf: Record<PeopleFigure, (g: TicketMeasureGroup) => number | null> = {
  satisfaction: (g) => g.satisfactionScore,
  complaintResponseRate: (g) => g.complaintResponseRate,
  firstContactResolution: (g) => g.firstContactResolutionRate,
  ticketWithin3MinRate: (g) => g.ticketWithinLimitRate,
  summaryWithin5MinRate: (g) => g.summaryWithinLimitRate,
  promisesKeptRate: (g) => g.promiseKeptRate,
};

function judge(value: number | null, t: KpiTarget): boolean | null {
  const min = t.min ?? null;
  const max = t.max ?? null;
  if (value === null || (min === null && max === null)) return null;
  return (min === null || value >= min) && (max === null || value <= max);
}

class QualityTally {
  judged = 0;
  private sum = 0;
  fatal = 0;
  private readonly failed = new Map<string, number>();

  add(c: JudgedCall): void {
    if (c.qualityScore === null) return;
    this.judged++;
    this.sum += c.qualityScore;
    if (c.qualityFatal === true) this.fatal++;
    for (const rule of new Set(c.failedRules)) this.failed.set(rule, (this.failed.get(rule) ?? 0) + 1);
  }

  figures(): QualityFigures {
    const topFailed = [...this.failed]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, TOP_FAILED)
      .map(([rule, calls]) => ({ rule, calls }));
    return { judged: this.judged, averageScore: this.judged === 0 ? null : Math.round((this.sum / this.judged) * 10) / 10, fatalCalls: this.fatal, topFailed };
  }
}

/**
 * The figures by agent (every active agent, and anyone else with tickets or judged calls) or by
 * team, with the whole centre's row. Tickets count for their assignee and their team; calls for
 * the agent who answered and that agent's team.
 */
export async function peopleFigures(ctx: PeopleFiguresContext, q: { from: number; to: number; by: PeopleGrouping }): Promise<PeopleFiguresReport> {
  const [people, groups, totals, packTargets] = await Promise.all([
    ctx.people(),
    ctx.ticketMeasures({ from: q.from, to: q.to, by: q.by }),
    ctx.ticketMeasures({ from: q.from, to: q.to, by: 'total' }),
    ctx.targets(),
  ]);
  const byId = new Map(people.map((p) => [p.userId, p]));
  const byUsername = new Map(people.map((p) => [p.username, p]));
  const targets = Object.fromEntries(peopleFigureNames.map((f) => [f, packTargets.tickets[f] ?? { requirement: kpiRequirements[f], min: null }])) as Record<PeopleFigure, KpiTarget>;

  // Ticket groups come keyed by assignee id (by agent) or team; rows are keyed by username or team.
  const keyOfTicketGroup = (key: string): string => (q.by === 'agent' ? (byId.get(key)?.username ?? key) : key);
  const ticketGroups = new Map(groups.map((g) => [keyOfTicketGroup(g.key), g]));
  const tallies = new Map<string, QualityTally>();
  const total = new QualityTally();
  await ctx.eachCall({ from: q.from, to: q.to }, (c) => {
    if (c.qualityScore === null) return;
    total.add(c);
    const person = c.agent === null ? undefined : byUsername.get(c.agent);
    const key = q.by === 'agent' ? (c.agent ?? '(no agent)') : (person?.team ?? '(no team)');
    const tally = tallies.get(key) ?? new QualityTally();
    tally.add(c);
    tallies.set(key, tally);
  });

  const keys = new Set<string>([...ticketGroups.keys(), ...tallies.keys()]);
  for (const p of people) {
    if (p.role !== 'agent') continue;
    if (q.by === 'agent') keys.add(p.username);
    else if (p.team !== null) keys.add(p.team);
  }
  const row = (key: string, g: TicketMeasureGroup | undefined, tally: QualityTally | undefined, name: string, team: string | null): PeopleRow => ({
    key,
    name,
    team,
    tickets: g?.tickets ?? 0,
    figures: Object.fromEntries(
      peopleFigureNames.map((f) => {
        const value = g ? valueOf[f](g) : null;
        return [f, { value, pass: judge(value, targets[f]) }];
      }),
    ) as Record<PeopleFigure, FigureJudged>,
    quality: (tally ?? new QualityTally()).figures(),
  });
  const rows = [...keys]
    .map((key) => {
      const person = q.by === 'agent' ? byUsername.get(key) : undefined;
      return row(key, ticketGroups.get(key), tallies.get(key), person?.name || key, q.by === 'agent' ? (person?.team ?? null) : key);
    })
    .sort((a, b) => (a.team ?? '').localeCompare(b.team ?? '') || a.key.localeCompare(b.key));
  return { from: q.from, to: q.to, by: q.by, standard: packTargets.standard, targets, rows, total: row('total', totals[0], total, 'total', null) };
}
