import { z } from 'zod';
import { connectionFigures, kpiGroupings, kpiTargetFigures } from '../core/kpi/kpi-report.js';
import { ticketKpiFigures } from '../core/kpi/ticket-measures-provider.js';
import { peopleFigureNames, peopleGroupings } from '../core/kpi/people-figures.js';
import { instantSchema } from './instant.js';

/**
 * The hotline KPI report over the database (`GET /api/kpi`): the figures of CONTRACT.md "KPI report
 * (JSON)" per group, the pack's targets beside them, KPI-SYS/KPI-VIP, and the ticket and survey
 * figures with the reason when they have no value.
 */

export { kpiGroupings, kpiTargetFigures, ticketKpiFigures, connectionFigures, peopleFigureNames, peopleGroupings };
export type { PeopleFigure, PeopleGrouping } from '../core/kpi/people-figures.js';
export type { KpiGrouping, KpiTargetFigure, ConnectionFigure } from '../core/kpi/kpi-report.js';
export type { TicketKpiFigure } from '../core/kpi/ticket-measures-provider.js';

export const kpiQuery = z.object({
  from: instantSchema.optional(),
  to: instantSchema.optional(),
  by: z.enum(kpiGroupings).default('total'),
  threshold: z.coerce.number().min(0).max(3600).default(15),
  ringLimit: z.coerce.number().min(0).max(3600).default(15),
});

const rate = z.number().nullable();

export const kpiGroupSchema = z.object({
  key: z.string(),
  offered: z.number(),
  answered: z.number(),
  abandoned: z.number(),
  timedOut: z.number(),
  exitEmpty: z.number(),
  exitWithKey: z.number(),
  transferred: z.number(),
  ringNoAnswer: z.number(),
  answerRate: rate,
  abandonRate: rate,
  serviceLevel: rate,
  avgAnswerWaitSeconds: rate,
  avgTalkSeconds: rate,
  avgRingSeconds: rate,
  ringWithinLimitRate: rate,
  callerHungUpFirst: z.number(),
  agentHungUpFirst: z.number(),
  customerHangupFirstRate: rate,
});
export type KpiGroup = z.output<typeof kpiGroupSchema>;

/** A target of the pack: the requirement it measures, and the number to pass (null: the standard names none). */
export const kpiTargetSchema = z.object({ requirement: z.string(), min: z.number().nullable().optional(), max: z.number().nullable().optional() });
export type KpiTarget = z.output<typeof kpiTargetSchema>;

export const kpiTargetResultSchema = z.object({ requirement: z.string(), value: rate, min: rate, max: rate, pass: z.boolean().nullable() });
export type KpiTargetResult = z.output<typeof kpiTargetResultSchema>;

export const connectionFigureSchema = kpiTargetResultSchema.extend({
  offered: z.number(),
  counted: z.number(),
  /** How it was measured, or why it is null. */
  reason: z.string(),
});
export type ConnectionFigureResult = z.output<typeof connectionFigureSchema>;

export const connectionGroupSchema = z.object({
  key: z.string(),
  systemConnectionRate: connectionFigureSchema,
  /** KPI-MAN as STANDARD.md means it: ordinary (non-VIP) calls; absent from reports made before it existed. */
  manualConnectionRate: connectionFigureSchema.optional(),
  vipConnectionRate: connectionFigureSchema,
});
export type ConnectionGroup = z.output<typeof connectionGroupSchema>;

/** A ticket or survey figure: `value` null with the `reason` while there is nothing to measure. */
export const figureWithReasonSchema = z.object({ value: rate, reason: z.string().nullable() });
export type FigureWithReason = z.output<typeof figureWithReasonSchema>;

export const kpiReportSchema = z.object({
  threshold: z.number(),
  ringLimit: z.number(),
  /** First and last call time, ISO-8601 in the report's zone; null when there were no calls. */
  from: z.string().nullable(),
  to: z.string().nullable(),
  groups: z.array(kpiGroupSchema),
  skipped: z.object({ lines: z.number(), reasons: z.record(z.string(), z.number()) }),
  timeZone: z.string(),
  by: z.enum(kpiGroupings),
  open: z.object({ calls: z.number(), withoutEntry: z.number(), groups: z.record(z.string(), z.number()) }),
  targets: z.object({
    figures: z.partialRecord(z.enum(kpiTargetFigures), kpiTargetSchema),
    groups: z.array(z.object({ key: z.string(), results: z.partialRecord(z.enum(kpiTargetFigures), kpiTargetResultSchema) })),
  }),
  /** KPI-SYS and KPI-VIP per group, judged against the pack's targets. */
  connection: z.object({ targets: z.partialRecord(z.enum(connectionFigures), kpiTargetSchema), groups: z.array(connectionGroupSchema) }),
  ...(Object.fromEntries(ticketKpiFigures.map((f) => [f, figureWithReasonSchema])) as Record<(typeof ticketKpiFigures)[number], typeof figureWithReasonSchema>),
  /** Where the calls came from (CDR calls are the PBX's billing view of the same calls, not counted). */
  calls: z.object({ sources: z.array(z.string()) }),
  /** The ticket and survey figures judged against the pack's targets. */
  ticketTargets: z.partialRecord(z.enum(ticketKpiFigures), kpiTargetResultSchema),
  /** The standard pack the targets came from: `default@3`. */
  standard: z.string().nullable(),
  /** by=agent: the display name of each agent a group names (username → 安娜), so reports show people, not logins. */
  people: z.record(z.string(), z.string()).optional(),
  /** by=queue: each queue's name from the standard pack in force (`queues:`), where it gives one. */
  queueNames: z.record(z.string(), z.string()).optional(),
});
export type KpiReport = z.output<typeof kpiReportSchema>;

// ── The week's and month's figures per agent and team (`GET /api/kpi/people`, issue #21) ─────────

export const peopleFiguresQuery = z.object({
  from: instantSchema,
  to: instantSchema,
  by: z.enum(peopleGroupings).default('agent'),
});

const judgedFigure = z.object({ value: rate, pass: z.boolean().nullable() });

export const peopleRowSchema = z.object({
  key: z.string().describe("The agent's username, the team's name, or `total`"),
  name: z.string(),
  team: z.string().nullable(),
  tickets: z.number(),
  figures: z.object(Object.fromEntries(peopleFigureNames.map((f) => [f, judgedFigure])) as Record<(typeof peopleFigureNames)[number], typeof judgedFigure>),
  quality: z.object({
    judged: z.number().describe('Calls with a quality result'),
    averageScore: rate,
    fatalCalls: z.number(),
    topFailed: z.array(z.object({ rule: z.string(), calls: z.number() })).describe('The requirements failed most, most first'),
  }),
});
export type PeopleRow = z.output<typeof peopleRowSchema>;

export const peopleFiguresSchema = z.object({
  from: z.number(),
  to: z.number(),
  by: z.enum(peopleGroupings),
  standard: z.string().nullable(),
  targets: z.object(Object.fromEntries(peopleFigureNames.map((f) => [f, kpiTargetSchema])) as Record<(typeof peopleFigureNames)[number], typeof kpiTargetSchema>),
  rows: z.array(peopleRowSchema),
  total: peopleRowSchema,
});
export type PeopleFigures = z.output<typeof peopleFiguresSchema>;
