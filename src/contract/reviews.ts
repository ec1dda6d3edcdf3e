import { z } from 'zod';
import { appealDecisions, appealStatuses, reviewStatuses, sampleReasons, verdicts } from '../core/reviews/model.js';
import { readerLanguageSchema } from './common.js';

/**
 * The quality review cycle's HTTP shapes (CONTRACT.md → Quality review cycle), shared by the routes
 * (`src/adapters/http/routes/reviews.ts`) and the web (`web/src/reviews/`, type-only imports).
 */

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM / month must be YYYY-MM');

// ----- sample and coverage (QA-SAMPLE) -----

export const sampleBodySchema = z.object({
  month,
  /** Only for the month's first draw: reproduce a sample drawn elsewhere. Ignored once the month has its seed. */
  seed: z.number().int().min(0).max(4294967295).optional(),
});
export type SampleBody = z.output<typeof sampleBodySchema>;

export const sampleResultSchema = z.object({
  month: z.string(),
  seed: z.number(),
  share: z.number(),
  added: z.object({ quota: z.number(), fatal: z.number(), complaint: z.number() }),
  total: z.number(),
  calls: z.number(),
});
export type SampleResult = z.output<typeof sampleResultSchema>;

export const coverageQuerySchema = z.object({ month });

export const agentCoverageSchema = z.object({
  agent: z.string(),
  calls: z.number(),
  sampled: z.number(),
  reviewed: z.number(),
  share: z.number(),
  reviewedShare: z.number(),
  shortfall: z.number(),
});
export const coverageSchema = z.object({
  month: z.string(),
  target: z.number(),
  agents: z.array(agentCoverageSchema),
  fatalCalls: z.number(),
  fatalSampled: z.number(),
  totals: z.object({ calls: z.number(), sampled: z.number(), reviewed: z.number(), shortfall: z.number() }),
  statement: z.string(),
  seed: z.number().nullable(),
  lastDrawnAt: z.number().nullable(),
});
export type Coverage = z.output<typeof coverageSchema>;
export type AgentCoverage = z.output<typeof agentCoverageSchema>;

// ----- the queue and the review -----

export const reviewQuerySchema = z.object({
  month: month.optional(),
  agent: z.string().max(100).optional(),
  reviewer: z.string().max(100).optional(),
  mine: z.enum(['true', 'false']).optional().describe('only reviews assigned to me'),
  status: z.enum(reviewStatuses).optional(),
  reason: z.enum(sampleReasons).optional(),
  appeal: z.enum(['open']).optional().describe('only reviews with an appeal waiting for a decision'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(100).optional(),
});

export const verdictSchema = z.object({ rule: z.string().min(1).max(100), verdict: z.enum(verdicts), comment: z.string().max(2000).optional() });
export const findingInputSchema = z.object({ rule: z.string().min(1).max(100), quote: z.string().max(2000), comment: z.string().max(2000).optional() });

export const reviewPatchSchema = z.object({
  verdicts: z.array(verdictSchema).max(200).optional(),
  findings: z.array(findingInputSchema).max(50).optional(),
  score: z.number().min(0).max(100).nullable().optional(),
  comment: z.string().max(5000).optional(),
  timeSpentMs: z.number().int().min(0).max(86_400_000).optional(),
  submit: z.boolean().optional(),
});
export type ReviewPatch = z.output<typeof reviewPatchSchema>;

export const extraReviewBodySchema = z.object({ callId: z.string().min(1).max(200) });
export const assignBodySchema = z.object({ reviewer: z.string().min(1).max(100), reason: z.string().max(500).optional() });

export const appealBodySchema = z.object({
  checks: z.array(z.object({ rule: z.string().min(1).max(100), reason: z.string().max(2000) })).min(1).max(50),
});
export type AppealBody = z.output<typeof appealBodySchema>;

export const decideBodySchema = z.object({
  decision: z.enum(appealDecisions),
  /** With `partly`: the appealed checks taken back. */
  rules: z.array(z.string().min(1).max(100)).max(50).optional(),
  comment: z.string().max(2000),
});
export type DecideBody = z.output<typeof decideBodySchema>;

export const engineCheckSchema = z.object({ rule: z.string(), ok: z.boolean().nullable(), severity: z.string(), points: z.number(), message: z.string(), quote: z.string().nullable() });
export const appealSchema = z.object({
  id: z.string(),
  level: z.union([z.literal(1), z.literal(2)]),
  by: z.string(),
  at: z.number(),
  checks: z.array(z.object({ rule: z.string(), reason: z.string() })),
  status: z.enum(appealStatuses),
  upheld: z.array(z.string()),
  decidedBy: z.string().nullable(),
  decidedAt: z.number().nullable(),
  comment: z.string().nullable(),
});

/** A review as it leaves the server. `engine` is null while blind mode hides it from the reviewer. */
export const reviewViewSchema = z.object({
  id: z.string(),
  callId: z.string(),
  agent: z.string(),
  month: z.string(),
  week: z.number(),
  reason: z.enum(sampleReasons),
  callStartedAt: z.number(),
  drawnAt: z.number(),
  status: z.enum(reviewStatuses),
  reviewer: z.string().nullable(),
  assignedAt: z.number().nullable(),
  engine: z.object({ score: z.number(), fatal: z.boolean(), checks: z.array(engineCheckSchema) }).nullable(),
  blind: z.boolean(),
  verdicts: z.array(verdictSchema),
  findings: z.array(z.object({ rule: z.string(), quote: z.string(), comment: z.string().optional(), points: z.number(), severity: z.string() })),
  reviewerScore: z.number().nullable(),
  score: z.number().nullable(),
  /** The checks the review holds as failed (after verdicts and upheld appeals): what may be appealed. */
  failed: z.array(z.string()),
  comment: z.string().nullable(),
  reviewedAt: z.number().nullable(),
  timeSpentMs: z.number(),
  acknowledgedAt: z.number().nullable(),
  appeals: z.array(appealSchema),
  /** Until when the agent may appeal (null: no appeal possible now). */
  appealUntil: z.number().nullable(),
  history: z.array(z.object({ at: z.number(), by: z.string().nullable(), kind: z.string(), note: z.string().optional() })),
});
export type ReviewView = z.output<typeof reviewViewSchema>;

// ----- agreement, scorecards -----

export const periodQuerySchema = z.object({ from: z.string().max(40).optional(), to: z.string().max(40).optional() });

export const ruleAgreementSchema = z.object({
  rule: z.string(),
  reviewed: z.number(),
  agree: z.number(),
  precision: z.number().nullable(),
  recall: z.number().nullable(),
  engineFailed: z.number(),
  falseAlarms: z.number(),
  missed: z.number(),
  flagged: z.boolean(),
  byMonth: z.array(z.object({ month: z.string(), reviewed: z.number(), agree: z.number(), precision: z.number().nullable(), recall: z.number().nullable() })),
});
export const agreementSchema = z.object({ from: z.number(), to: z.number(), precisionFloor: z.number(), rules: z.array(ruleAgreementSchema) });
export type Agreement = z.output<typeof agreementSchema>;
export type RuleAgreement = z.output<typeof ruleAgreementSchema>;

export const scorecardSchema = z.object({
  agent: z.string(),
  /** The agent's display name (安娜 for ana), so scorecards show people, not logins; the username when there is no such user. */
  agentName: z.string().optional(),
  month: z.string(),
  reviewed: z.number(),
  reviewedScore: z.number().nullable(),
  engineScore: z.number().nullable(),
  engineCalls: z.number(),
  passRate: z.number().nullable(),
  fatal: z.number(),
  topFailed: z.array(z.object({ rule: z.string(), count: z.number() })),
  appeals: z.object({ filed: z.number(), open: z.number(), upheld: z.number(), rejected: z.number() }),
  acknowledged: z.number(),
  trainings: z.number(),
  /** The walk-in desk (来访接待) in the same month: visitors served, share within the pack's limit, hand-offs, observation cards; null when none. */
  visits: z
    .object({ served: z.number(), servedWithinLimit: z.number().nullable(), handOffs: z.number(), cards: z.number(), cardScore: z.number().nullable() })
    .nullable(),
});
export const scorecardsQuerySchema = z.object({ month, format: z.enum(['json', 'csv', 'xlsx']).default('json'), lang: readerLanguageSchema });
export const scorecardsSchema = z.object({ month: z.string(), passMark: z.number(), items: z.array(scorecardSchema) });
export type Scorecards = z.output<typeof scorecardsSchema>;
export type ScorecardView = z.output<typeof scorecardSchema>;

export const reviewSettingsSchema = z.object({
  blind: z.boolean(),
  appealDays: z.number().int().min(1).max(90),
  precisionFloor: z.number().min(0).max(1),
  passMark: z.number().min(0).max(100),
});
export type ReviewSettingsView = z.output<typeof reviewSettingsSchema>;

// ----- role-play drills (QA-TRAIN) -----

export const drillStartSchema = z.object({ scenario: z.string().min(1).max(100) });
export const drillReplySchema = z.object({ text: z.string().min(1, '请输入回复内容').max(2000) });
export const drillCardSchema = z.object({
  items: z.array(z.object({ rule: z.string().min(1).max(100), rating: z.number().int().min(1).max(5), remark: z.string().max(500).optional() })).max(30),
  comment: z.string().max(2000).optional(),
});

export const drillFindingSchema = z.object({ rule: z.string(), ok: z.boolean(), severity: z.string(), message: z.string(), quote: z.string().nullable(), suggestion: z.string().optional() });
export const drillRunSchema = z.object({
  id: z.string(),
  scenario: z.string(),
  trainee: z.string(),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  ended: z.boolean(),
  lines: z.array(z.object({ speaker: z.enum(['agent', 'customer']), text: z.string(), at: z.number() })),
  judgements: z.array(z.object({ utterance: z.number(), findings: z.array(drillFindingSchema), score: z.number(), fatal: z.boolean() })),
  result: z.object({ score: z.number(), fatal: z.boolean(), checks: z.array(z.object({ rule: z.string(), ok: z.boolean().nullable(), severity: z.string(), points: z.number(), message: z.string() })) }).nullable(),
  card: z.object({ observer: z.string(), items: z.array(z.object({ rule: z.string(), rating: z.number(), remark: z.string().optional() })), comment: z.string().optional(), at: z.number() }).nullable(),
});
export type DrillRunView = z.output<typeof drillRunSchema>;
export type DrillFinding = z.output<typeof drillFindingSchema>;

export const drillScenarioSchema = z.object({ id: z.string(), title: z.string(), source: z.string(), brief: z.string(), card: z.array(z.string()), model: z.string() });
export type DrillScenarioView = z.output<typeof drillScenarioSchema>;
