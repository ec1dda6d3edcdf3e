import { z } from 'zod';
import { promiseKinds, promiseStatuses, ticketChannels, ticketPriorities, ticketStatuses } from '../core/tickets/ticket.js';
import { escalationLevels, ticketSettingsSchema } from '../core/tickets/ticket-settings.js';
import { measureGroupings } from '../core/tickets/measures.js';
import { instantSchema } from './instant.js';
import { pageOf } from './common.js';

/**
 * Tickets (工单): the request and response shapes of /api/tickets and /api/ticket-settings. The routes
 * validate and serialize with these; the web reads the types (`import type … from '@contract/tickets'`).
 */

export { ticketStatuses, ticketChannels, ticketPriorities, promiseKinds, promiseStatuses, escalationLevels, measureGroupings };
export type { TicketStatus, TicketChannel, TicketPriority, PromiseKind, TicketActions } from '../core/tickets/ticket.js';
export type { EscalationLevel } from '../core/tickets/ticket-settings.js';

const callSummarySchema = z.object({ problemType: z.string(), solution: z.string(), satisfaction: z.number().nullable(), writtenAt: z.number() });
export type CallSummary = z.output<typeof callSummarySchema>;

export const ticketSchema = z.object({
  id: z.string(),
  /** What people read and say: GD20251009-0042 (null only on a ticket from before numbers, until the next start). */
  number: z.string().nullable(),
  type: z.string(),
  complaintClass: z.string().nullable(),
  complaintGrade: z.string().nullable(),
  problemType: z.string().nullable(),
  title: z.string().nullable(),
  description: z.string(),
  customerId: z.string().nullable(),
  customerName: z.string(),
  contactPhone: z.string().nullable(),
  callId: z.string().nullable(),
  visitId: z.string().nullable(),
  channel: z.enum(ticketChannels),
  status: z.enum(ticketStatuses),
  priority: z.enum(ticketPriorities),
  assigneeId: z.string().nullable(),
  team: z.string().nullable(),
  escalationLevel: z.enum(escalationLevels),
  createdBy: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  callEndedAt: z.number().nullable(),
  summary: callSummarySchema.nullable(),
  resolvedAt: z.number().nullable(),
  closedAt: z.number().nullable(),
  reopenCount: z.number(),
  pausedSince: z.number().nullable(),
});
export type Ticket = z.output<typeof ticketSchema>;

export const ticketPromiseSchema = z.object({
  id: z.string(),
  ticketId: z.string(),
  kind: z.enum(promiseKinds),
  duration: z.string().nullable(),
  startedAt: z.number(),
  dueAt: z.number(),
  remindAt: z.number().nullable(),
  status: z.enum(promiseStatuses),
  keptAt: z.number().nullable(),
  brokenAt: z.number().nullable(),
  escalationStep: z.number(),
  createdAt: z.number(),
  createdBy: z.string().nullable(),
  note: z.string().nullable(),
  /** CP-PROMISE: the promise this agreed time replaces, and the one that replaced this. */
  replacesId: z.string().nullable(),
  replacedById: z.string().nullable(),
});
export type TicketPromise = z.output<typeof ticketPromiseSchema>;

export const ticketHistoryEntrySchema = z.object({
  id: z.string(),
  at: z.number(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).nullable(),
  note: z.string().nullable(),
});
export type TicketHistoryEntry = z.output<typeof ticketHistoryEntrySchema>;

/** A ticket with its history, its promises and what can be done to it now (the server's status flow). */
export const ticketDetailSchema = z.object({
  ticket: ticketSchema,
  history: z.array(ticketHistoryEntrySchema),
  promises: z.array(ticketPromiseSchema),
  actions: z.object({
    escalate: z.boolean(),
    resolve: z.boolean(),
    reopen: z.boolean(),
    close: z.boolean(),
    /** Ids of the promises that may be renegotiated now (broken, or at risk), CP-PROMISE. */
    renegotiate: z.array(z.string()),
  }),
  /** Display names of the users the detail mentions (assignee, creator, history), by id. */
  people: z.record(z.string(), z.string()),
});
export type TicketDetail = z.output<typeof ticketDetailSchema>;

// ── Knowledge articles cited by tickets (issue #17) ────────────────────────────────────────────

export const linkedArticleSchema = z.object({
  articleId: z.string(),
  title: z.string(),
  category: z.string(),
  visibility: z.string().describe('internal: agents only; public: may be given to customers'),
  version: z.number().describe("The article's current version"),
  reviewDate: z.string().nullable(),
  linkedAt: z.number(),
  linkedBy: z.string().nullable(),
  linkedByName: z.string().nullable(),
});
export type LinkedArticle = z.output<typeof linkedArticleSchema>;
export const ticketArticlesSchema = z.object({ items: z.array(linkedArticleSchema) });
export type TicketArticles = z.output<typeof ticketArticlesSchema>;
export const linkArticleBody = z.object({ articleId: z.string().min(1).max(100) });
export const linkArticleResultSchema = ticketArticlesSchema.extend({ linked: z.boolean().describe('false: the ticket already cited it (nothing changed)') });
export type LinkArticleResult = z.output<typeof linkArticleResultSchema>;

/** A listed ticket; with `dueWithin`, when its open promise in that period falls due. */
export const ticketListItemSchema = ticketSchema.extend({ promiseDueAt: z.number().optional(), assigneeName: z.string().nullable() });
export type TicketListItem = z.output<typeof ticketListItemSchema>;
export const ticketPageSchema = pageOf(ticketListItemSchema);
/** The tickets citing an article that the reader may see (team privacy), newest first, with how many there are. */
export const citingTicketsSchema = ticketPageSchema.extend({ total: z.number() });
export type CitingTickets = z.output<typeof citingTicketsSchema>;

// ── Requests ─────────────────────────────────────────────────────────────────────────────────────

export const promiseBody = z.object({
  within: z.string().max(20).optional().describe('typed duration on the working calendar: 24h, 2wd, 8bh'),
  dueAt: instantSchema.optional().describe('or an explicit time: epoch ms, or ISO-8601 with an offset'),
  kind: z.enum(promiseKinds).optional(),
  note: z.string().max(2000).nullable().optional(),
});
export type PromiseRequest = z.input<typeof promiseBody>;

const summaryBody = z.object({ problemType: z.string().min(1).max(200), solution: z.string().min(1).max(5000), satisfaction: z.number().int().min(1).max(5).nullable().optional() });

const ticketFields = {
  complaintClass: z.string().max(40).nullable().optional(),
  complaintGrade: z.string().max(40).nullable().optional(),
  problemType: z.string().max(200).nullable().optional(),
  title: z.string().max(200).nullable().optional(),
  description: z.string().max(20_000).optional(),
  customerId: z.string().max(100).nullable().optional(),
  customerName: z.string().max(100).nullable().optional(),
  contactPhone: z.string().max(40).nullable().optional(),
  callId: z.string().max(200).nullable().optional(),
  visitId: z.string().max(200).nullable().optional(),
  channel: z.enum(ticketChannels).optional(),
  priority: z.enum(ticketPriorities).optional(),
  assigneeId: z.string().max(100).nullable().optional(),
  team: z.string().max(100).nullable().optional(),
  callEndedAt: instantSchema.nullable().optional().describe('when the call behind the ticket ended: epoch ms or ISO-8601 (PH-TICKET3 / PH-SUMMARY5)'),
  summary: summaryBody.nullable().optional(),
};

export const createTicketBody = z.object({ type: z.string().min(1).max(40), ...ticketFields, promise: promiseBody.optional() });
export type NewTicket = z.input<typeof createTicketBody>;

/** PATCH: fields, assignee, team, summary; of the statuses only the two working ones (the rest are actions). */
export const updateTicketBody = z.object({ type: z.string().min(1).max(40).optional(), ...ticketFields, status: z.enum(['in_progress', 'waiting_customer']).optional() });
export type TicketPatch = z.input<typeof updateTicketBody>;

export const assignTicketBody = z.object({
  assigneeId: z.string().max(100).nullable().describe('user id; null leaves it unassigned (leads only)'),
  note: z.string().max(2000).nullable().optional(),
});
export type AssignTicketRequest = z.input<typeof assignTicketBody>;

/** CP-PROMISE: the reply time agreed with the customer, replacing a broken or at-risk promise. */
export const renegotiatePromiseBody = z.object({
  dueAt: instantSchema.optional().describe('the agreed time: epoch ms, or ISO-8601 with an offset'),
  within: z.string().max(20).optional().describe('or a typed duration from now: 24h, 2wd, 8bh'),
  note: z.string().max(2000).nullable().optional().describe('what was agreed with the customer'),
});
export type RenegotiatePromiseRequest = z.input<typeof renegotiatePromiseBody>;

/** The people the signed-in user may give a ticket to (themselves and their team; a lead: everyone). */
export const assigneeSchema = z.object({ id: z.string(), displayName: z.string(), team: z.string().nullable(), role: z.string() });
export type Assignee = z.output<typeof assigneeSchema>;
export const assigneeListSchema = z.object({ items: z.array(assigneeSchema), mayUnassign: z.boolean() });
export type AssigneeList = z.output<typeof assigneeListSchema>;

export const escalateTicketBody = z.object({ reason: z.string().max(2000).nullable().optional() });
export const resolveTicketBody = z.object({ solution: z.string().max(5000).nullable().optional() });
export const reopenTicketBody = z.object({ reason: z.string().max(2000).nullable().optional(), promise: promiseBody.optional() });
export const closeTicketBody = z.object({ note: z.string().max(2000).nullable().optional() });

const periodUnits = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
/** A clock period ahead of now: `30m`, `4h`, `2d` (at most 31 days). */
const period = z
  .string()
  .max(20)
  .transform((s, c) => {
    const m = /^(\d{1,4})(m|h|d)$/.exec(s.trim());
    const ms = m ? Number(m[1]) * periodUnits[m[2] as keyof typeof periodUnits] : Number.NaN;
    if (!(ms > 0 && ms <= 31 * periodUnits.d)) {
      c.addIssue({ code: 'custom', message: 'a period such as 30m, 4h or 2d (at most 31d)' });
      return z.NEVER;
    }
    return ms;
  });

export const ticketListQuery = z.object({
  q: z.string().max(200).optional(),
  status: z.string().max(200).optional().describe(`comma-separated: ${ticketStatuses.join(', ')}`),
  type: z.string().max(40).optional(),
  assignee: z.string().max(100).optional().describe('user id, or "me"'),
  team: z.string().max(100).optional(),
  customerId: z.string().max(100).optional(),
  callId: z.string().max(200).optional(),
  overdue: z.enum(['true', 'false']).optional().describe('only tickets with a promise past due and not kept'),
  dueWithin: period.optional().describe('only unresolved tickets with an open promise due from now to now + this (30m, 4h, 2d), soonest first, each with `promiseDueAt`'),
  from: instantSchema.optional().describe('created at or after'),
  to: instantSchema.optional().describe('created before'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type TicketListQuery = z.input<typeof ticketListQuery>;

// ── Figures ──────────────────────────────────────────────────────────────────────────────────────

export const ticketMeasuresQuery = z.object({ from: instantSchema, to: instantSchema, by: z.enum(measureGroupings).default('total') });

const rate = z.number().nullable();
export const ticketMeasureGroupSchema = z.object({
  key: z.string(),
  tickets: z.number(),
  ticketsFromCalls: z.number(),
  ticketsWithinLimit: z.number(),
  ticketWithinLimitRate: rate,
  summariesWithinLimit: z.number(),
  summaryWithinLimitRate: rate,
  complaints: z.number(),
  complaintsAnsweredInTime: z.number(),
  complaintResponseRate: rate,
  resolved: z.number(),
  resolvedFirstContact: z.number(),
  firstContactResolutionRate: rate,
  promisesDecided: z.number(),
  promisesKept: z.number(),
  promiseKeptRate: rate,
  satisfactionAnswers: z.number(),
  satisfactionScore: rate,
});
export const ticketMeasuresSchema = z.object({ from: z.number(), to: z.number(), by: z.enum(measureGroupings), groups: z.array(ticketMeasureGroupSchema) });
export type TicketMeasures = z.output<typeof ticketMeasuresSchema>;

// ── Settings ─────────────────────────────────────────────────────────────────────────────────────

/**
 * GET /api/ticket-settings: the settings document plus what the screens derive from it, worked out on
 * the server so no screen restates a rule: `atRiskWithinMs`, the window before a promise's due time in
 * which it shows as at risk (the reminder lead time, FU-REMIND).
 */
export const ticketSettingsViewSchema = ticketSettingsSchema.extend({ atRiskWithinMs: z.number(), timeZone: z.string().describe("the centre's zone: history and due times are shown in it") });
export type TicketSettings = z.output<typeof ticketSettingsViewSchema>;

/** PUT /api/ticket-settings: the whole document; the derived `atRiskWithinMs` of a GET is accepted and dropped. */
export const ticketSettingsBody = z.preprocess((v) => {
  if (typeof v !== 'object' || v === null || !('atRiskWithinMs' in v || 'timeZone' in v)) return v;
  const { atRiskWithinMs: _derived, timeZone: _zone, ...rest } = v as Record<string, unknown>;
  return rest;
}, ticketSettingsSchema);
