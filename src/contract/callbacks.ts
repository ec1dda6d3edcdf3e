import { z } from 'zod';
import { attemptOutcomes, callbackTypes, numberKinds } from '../core/standard/callback-schema.js';
import { closeReasons, selectionKinds, taskStatuses } from '../core/callbacks/model.js';
import { skipReasons } from '../core/callbacks/select-targets.js';
import { unplaceableReasons } from '../core/callbacks/plan-campaign.js';
import { instantSchema } from './instant.js';
import { pageOf } from './common.js';
import { checkSchema } from './quality.js';

/**
 * Callbacks (回访): campaigns, their tasks, attempts and reports (`/api/callbacks…`). The forms an
 * attempt carries (CB-REPORT, CB-ABSENT) and a campaign's rule (CB-SELECT) are checked by the core,
 * whose errors name each field in Chinese and English; here they are typed for the web.
 */

export { attemptOutcomes, callbackTypes, numberKinds, closeReasons, selectionKinds, taskStatuses, skipReasons, unplaceableReasons };
export type { AttemptOutcome, CallbackType, NumberKind } from '../core/standard/callback-schema.js';
export type { CloseReason, SelectionKind, TaskStatus } from '../core/callbacks/model.js';

// ── Answers ──────────────────────────────────────────────────────────────────────────────────────

/** CB-SELECT: the campaign's rule, as stored. */
export const selectionRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('random'), by: z.enum(['code', 'category']), codePrefix: z.string().optional(), categories: z.array(z.string()).optional(), size: z.number(), seed: z.number() }),
  z.object({ kind: z.literal('low-satisfaction'), from: z.number(), to: z.number(), below: z.number().optional() }),
  z.object({ kind: z.literal('further-service'), ticketTypes: z.array(z.string()), recentlySolvedDays: z.number().optional() }),
  z.object({ kind: z.literal('cold'), days: z.number().optional() }),
  z.object({ kind: z.literal('after-solved'), from: z.number(), to: z.number(), ticketTypes: z.array(z.string()).optional() }),
]);
export type SelectionRule = z.output<typeof selectionRuleSchema>;

const countsOf = <E extends readonly [string, ...string[]]>(keys: E) => z.record(z.enum(keys), z.number());

export const planSummarySchema = z.object({
  campaignId: z.string(),
  /** Tasks planned by this run. */
  planned: z.number(),
  /** Targets whose task existed before this run. */
  alreadyPlanned: z.number(),
  /** The same customer and ticket listed twice: one task. */
  duplicates: z.number(),
  unplaceable: countsOf(unplaceableReasons),
  perAgent: z.record(z.string(), z.number()),
  /** Local date → tasks planned that day. */
  perDay: z.record(z.string(), z.number()),
  callsPerAgentPerHour: z.number(),
  slotMinutes: z.number(),
});
export type PlanSummary = z.output<typeof planSummarySchema>;

export const campaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(callbackTypes),
  selection: selectionRuleSchema,
  /** Local dates YYYY-MM-DD. */
  period: z.object({ from: z.string(), to: z.string() }),
  ownerTeam: z.string(),
  /** Notes for the agents beside the type's script from the pack. */
  script: z.string().optional(),
  createdBy: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  lastPlan: planSummarySchema.nullable(),
});
export type Campaign = z.output<typeof campaignSchema>;

/** One customer on a target list (客户回访对象表); the number masked by the server. */
export const callbackTargetSchema = z.object({
  customerId: z.string(),
  customerCode: z.string().nullable().optional(),
  customerName: z.string(),
  number: z.string(),
  numberKind: z.enum(numberKinds),
  timeZone: z.string().nullable().optional(),
  doNotCall: z.array(z.object({ start: z.string(), end: z.string() })).nullable().optional(),
  ticketId: z.string().nullable().optional(),
  ticketNumber: z.string().nullable().optional().describe("the ticket's number as the customer was told it (GD20251009-0042)"),
  solvedAt: z.number().nullable().optional(),
  /** Why the rule selected this customer (满意度 2 分). */
  reason: z.string(),
  reasonEn: z.string().optional().describe('the same reason in English (absent on tasks planned before it was kept)'),
});
export type CallbackTarget = z.output<typeof callbackTargetSchema>;

/** CB-REPORT: 客户回访报告表. */
export const callbackReportSchema = z.object({
  customerName: z.string(),
  contact: z.string(),
  at: z.number(),
  type: z.enum(callbackTypes),
  content: z.string(),
  opinions: z.string(),
  /** 1 (very dissatisfied) – 5 (very satisfied). */
  satisfaction: z.number(),
  solved: z.boolean(),
  followUpNeeded: z.boolean(),
  agent: z.string(),
});
export type CallbackReport = z.output<typeof callbackReportSchema>;

/** CB-ABSENT: the person was not there and someone took a message. */
export const absentMessageSchema = z.object({
  takenBy: z.object({ name: z.string(), relation: z.string() }),
  left: z.string(),
  callAgainAt: z.number().nullable().optional(),
  otherContact: z.string().nullable().optional(),
});
export type AbsentMessage = z.output<typeof absentMessageSchema>;

/** The outbound call an attempt was: its duration and outcome (a call the CTI linked to the task). */
export const attemptCallSchema = z.object({ id: z.string(), answered: z.boolean(), talkSeconds: z.number().nullable(), endedBy: z.enum(['agent', 'customer', 'system']).nullable() });
export type AttemptCall = z.output<typeof attemptCallSchema>;

export const callbackAttemptSchema = z.object({
  at: z.number(),
  agent: z.string(),
  outcome: z.enum(attemptOutcomes),
  note: z.string().optional(),
  message: absentMessageSchema.optional(),
  report: callbackReportSchema.optional(),
  call: attemptCallSchema.optional(),
});
export type CallbackAttempt = z.output<typeof callbackAttemptSchema>;

/** "Callable now, or why not, and when next" (CB-WINDOW). */
export const callableNowSchema = z.object({ callable: z.boolean(), rule: z.string().nullable(), reason: z.string().nullable(), reasonEn: z.string().nullable(), next: z.number().nullable() });
export type CallableNow = z.output<typeof callableNowSchema>;

/** The task's due window: local days `first`..`last` and the same as instants [startsAt, endsAt). */
export const dueWindowSchema = z.object({ first: z.string(), last: z.string(), startsAt: z.number(), endsAt: z.number(), covered: z.boolean(), uncoveredYears: z.array(z.number()) });
export type DueWindow = z.output<typeof dueWindowSchema>;

export const callbackTaskSchema = z.object({
  id: z.string(),
  key: z.string(),
  campaignId: z.string(),
  target: callbackTargetSchema,
  due: dueWindowSchema,
  agent: z.string().nullable(),
  plannedAt: z.number().nullable(),
  attempts: z.array(callbackAttemptSchema),
  status: z.enum(taskStatuses),
  closeReason: z.enum(closeReasons).nullable(),
  closedAt: z.number().nullable(),
  /** FU-REMIND: when the agent was reminded that the window closes soon. */
  remindedAt: z.number().nullable().optional(),
  /** When the task was escalated, its window closed unreached. */
  escalatedAt: z.number().nullable().optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
  callableNow: callableNowSchema,
  /** Open and past its due window (KPI-CB counts it late). */
  late: z.boolean(),
  /** The team the task belongs to (its campaign's owner team; after-solved: the ticket's team). */
  team: z.string().nullable().optional(),
});
export type CallbackTask = z.output<typeof callbackTaskSchema>;
export const callbackTaskPageSchema = pageOf(callbackTaskSchema);

export const selectionPreviewSchema = z.object({
  count: z.number(),
  matched: z.number(),
  skipped: countsOf(skipReasons),
  /** Set when nobody is selected: why, in Chinese and English. */
  empty: z.object({ reason: z.string(), reasonEn: z.string() }).nullable(),
  sample: z.array(callbackTargetSchema),
});
export type SelectionPreview = z.output<typeof selectionPreviewSchema>;

export const agentSummarySchema = z.object({ agent: z.string(), assigned: z.boolean().describe('false: the row of tasks no agent holds (agent is a placeholder)'), tasks: z.number(), reached: z.number(), open: z.number(), overdue: z.number(), satisfaction: z.number().nullable() });
export type AgentSummary = z.output<typeof agentSummarySchema>;

export const callbackSummarySchema = z.object({
  tasks: z.number(),
  open: z.number(),
  reached: z.number(),
  /** reached / closed tasks; null while none is closed. */
  reachedRate: z.number().nullable(),
  closedByReason: z.record(z.string(), z.number()),
  /** Open tasks whose due window has ended. */
  overdue: z.number(),
  satisfaction: z.number().nullable(),
  notSolved: z.number(),
  byAgent: z.array(agentSummarySchema),
});
export type CallbackSummary = z.output<typeof callbackSummarySchema>;

export const campaignListSchema = z.object({ items: z.array(campaignSchema) });
export const campaignCreatedSchema = z.object({ campaign: campaignSchema, selection: selectionPreviewSchema });
export const campaignProgressSchema = z.object({ campaign: campaignSchema, progress: callbackSummarySchema });
export const campaignUpdatedSchema = z.object({ campaign: campaignSchema });
export const planResultSchema = z.object({ dryRun: z.boolean(), summary: planSummarySchema, skipped: countsOf(skipReasons), matched: z.number(), sample: z.array(callbackTaskSchema) });
export type PlanResult = z.output<typeof planResultSchema>;

const renderedScriptSchema = z.object({
  type: z.enum(callbackTypes),
  name: z.string(),
  nameEn: z.string(),
  purpose: z.string(),
  opening: z.string(),
  script: z.string(),
  requirements: z.array(z.string()).readonly(),
  /** The campaign's own notes, when it has them. */
  extra: z.string().nullable(),
});

export const taskDetailSchema = z.object({
  task: callbackTaskSchema,
  campaign: z.object({ id: z.string(), name: z.string(), type: z.enum(callbackTypes), script: z.string().nullable() }).nullable(),
  type: z.enum(callbackTypes),
  script: renderedScriptSchema,
  ticket: z.object({ id: z.string(), type: z.string(), title: z.string().nullable(), description: z.string(), status: z.string(), resolvedAt: z.number().nullable(), reopenCount: z.number() }).nullable(),
  /** CB-3MIN: the call is judged against the pack's limit. */
  callLimitSeconds: z.number(),
  /** The outbound calls placed for this task, oldest first, each with the pack's callback checks (CB-*) once its transcript is judged. */
  calls: z.array(
    z.object({
      id: z.string(),
      externalId: z.string(),
      linkedBy: z.enum(['reference', 'number']),
      agent: z.string().nullable(),
      startedAt: z.number().nullable(),
      answered: z.boolean(),
      talkSeconds: z.number().nullable(),
      endedBy: z.enum(['agent', 'customer', 'system']).nullable(),
      qualityScore: z.number().nullable(),
      /** CB-OPEN, CB-3MIN, CB-NOARGUE, CB-HANGUP as judged on the call's transcript; [] before one arrives. */
      checks: z.array(checkSchema),
    }),
  ),
});
export type TaskDetail = z.output<typeof taskDetailSchema>;

export const taskAssignedSchema = z.object({ task: callbackTaskSchema });

export const attemptResultSchema = z.object({
  task: callbackTaskSchema,
  decision: z.discriminatedUnion('kind', [z.object({ kind: z.literal('retry'), nextAt: z.number() }), z.object({ kind: z.literal('closed'), reason: z.enum(closeReasons) })]),
  /** CB-REOPEN: the report said not solved; the ticket is reopened. */
  reopen: z.object({ requirement: z.literal('CB-REOPEN'), ticketId: z.string().nullable(), reason: z.string() }).nullable(),
  /** FU-REMIND: the report asks for a follow-up. */
  followUp: z.object({ requirement: z.literal('FU-REMIND'), ticketId: z.string().nullable(), customerId: z.string(), reason: z.string() }).nullable(),
});
export type AttemptResult = z.output<typeof attemptResultSchema>;

// ── Requests ─────────────────────────────────────────────────────────────────────────────────────

export const campaignBody = z.object({
  name: z.string().max(200),
  type: z.enum(callbackTypes),
  selection: z.record(z.string(), z.unknown()).describe('CB-SELECT: {kind: random|low-satisfaction|further-service|cold|after-solved, …}'),
  period: z.object({ from: z.string().max(10), to: z.string().max(10) }),
  ownerTeam: z.string().max(100),
  script: z.string().max(5000).optional(),
});
export type CampaignInput = z.input<typeof campaignBody>;

export const planBody = z.object({ dryRun: z.boolean().default(false) }).default({ dryRun: false });

export const taskListQuery = z.object({
  status: z.string().max(100).optional().describe(`comma-separated: ${taskStatuses.join(', ')}`),
  due: z.string().max(10).optional().describe('local date YYYY-MM-DD or "today": tasks whose due window includes that day'),
  agent: z.string().max(100).optional(),
  campaign: z.string().max(100).optional(),
  ticket: z.string().max(100).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const assignBody = z.object({ agent: z.string().min(1).max(100) });

/** The forms are checked by the core (record-forms.ts), which names each missing field. */
export const attemptBody = z.object({
  outcome: z.enum(attemptOutcomes).optional().describe('optional when the attempt is a linked call that ended unanswered (then no_answer)'),
  callId: z.string().max(200).optional().describe("the linked call this attempt was (default: the task's newest linked call no attempt has yet)"),
  at: instantSchema.optional(),
  note: z.string().max(2000).optional(),
  message: z.unknown().optional(),
  report: z.unknown().optional(),
});
/** An attempt as the web sends it: `report` when reached (CB-REPORT), `message` when absent (CB-ABSENT). */
export type AttemptInput = Omit<z.input<typeof attemptBody>, 'message' | 'report'> & {
  report?: CallbackReport;
  message?: { takenBy: { name: string; relation: string }; left: string; callAgainAt?: string | number; otherContact?: string };
};
