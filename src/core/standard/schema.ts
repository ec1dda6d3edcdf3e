import { z } from 'zod';
import { channels, directions, eventTypes } from '../interactions/transcript.js';
import { callbackSettingsSchema } from './callback-schema.js';
import { visitSettingsSchema } from './visit-schema.js';

/**
 * The standard pack: every number, phrase list, window and weight the quality engine uses.
 * A centre edits this document (YAML or JSON); code never hard-codes a phrase or a limit.
 */

export const severities = ['fatal', 'critical', 'major', 'minor', 'info'] as const;
export type Severity = (typeof severities)[number];

export const ruleKinds = [
  'phrase',
  'timing',
  'speech-rate',
  'interruption',
  'hold',
  'transfer',
  'order',
  'key-facts',
  'hangup',
  'dead-air',
] as const;
export type RuleKind = (typeof ruleKinds)[number];

const positiveMs = z.number().int().nonnegative();
const name = z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower_snake_case names');

/** A phrase, optionally with its own exclusions (contexts in which it does not count). */
const phraseEntry = z.union([
  z.string().min(1),
  z.strictObject({ text: z.string().min(1), exclude: z.array(z.string().min(1)).optional() }),
]);
export type PhraseEntry = z.infer<typeof phraseEntry>;

export const phraseSetSchema = z.strictObject({
  description: z.string().optional(),
  phrases: z.array(phraseEntry).default([]),
  /** Regular expressions run on the normalized text (Simplified, half-width, lower-case, no spaces). */
  regex: z.array(z.string().min(1)).default([]),
  /** A hit inside (or within `window` characters of) one of these does not count. */
  exclude: z.array(z.string().min(1)).default([]),
  window: z.number().int().nonnegative().default(0),
  /** What to say instead (taboo sets): shown as the check's suggestion. */
  suggestion: z.string().optional(),
  /**
   * Phrase sets that excuse a hit when the agent says one of them in the same agent turn or the
   * next one (a refusal with a reason, an alternative or an apology is not a flat refusal).
   */
  unlessNear: z.array(name).default([]),
  /**
   * A hit does not count when one of these opens the clause before it (same clause, at most
   * NOT_AFTER_REACH characters back): 如果…一直不送货, 怕…联系不上 are fears or suppositions, not a
   * report that something failed.
   */
  notAfter: z.array(z.string().min(1)).default([]),
});
export type PhraseSet = z.infer<typeof phraseSetSchema>;

/** A reference to a phrase set by name, or an inline set. */
const matchItem = z.union([name, phraseSetSchema]);
export type MatchItem = z.infer<typeof matchItem>;

export const speakerScopes = ['agent', 'customer', 'any'] as const;
export const segments = ['all', 'opening', 'closing'] as const;

const scopeSchema = z.strictObject({
  speaker: z.enum(speakerScopes).default('agent'),
  /** opening: the agent's first real turn; closing: the agent's last `last` utterances. */
  segment: z.enum(segments).default('all'),
  first: z.number().int().positive().optional(),
  last: z.number().int().positive().optional(),
  withinMsOfAnswer: positiveMs.optional(),
  /** Only utterances after the `when` hit, or after the first event of that type. */
  after: z.union([z.literal('when'), z.enum(eventTypes)]).optional(),
  before: z.enum(eventTypes).optional(),
});
export type Scope = z.infer<typeof scopeSchema>;

const whenSchema = z.strictObject({
  speaker: z.enum(speakerScopes).default('customer'),
  match: z.array(matchItem).min(1),
  /** Why the check is not applicable when nothing matched (shown with ok: null). */
  reason: z.string().optional(),
  reasonEn: z.string().optional(),
});
export type When = z.infer<typeof whenSchema>;

/**
 * The rule applies only when the time between two call events is longer than `overMs`: a caller
 * who waited past the ring limit (PH-RING-FAULT), a callback that ran past 3 minutes (CB-LONG).
 * Without either event the rule does not apply: the length cannot be known.
 */
const whenLongerSchema = z.strictObject({
  from: z.strictObject({ event: z.enum(eventTypes) }),
  to: z.strictObject({ event: z.enum(eventTypes) }),
  overMs: z.number().int().nonnegative(),
  reason: z.string().optional(),
  reasonEn: z.string().optional(),
});
export type WhenLonger = z.infer<typeof whenLongerSchema>;

const common = {
  id: z.string().regex(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+(\.[a-z][a-z0-9-]*)?$/, 'rule id must look like PH-OPEN or PH-OPEN.greeting'),
  title: z.string().min(1),
  titleEn: z.string().min(1).optional(),
  severity: z.enum(severities),
  /** Points deducted when the check fails; defaults to the severity's weight. */
  points: z.number().nonnegative().optional(),
  suggestion: z.string().optional(),
  channels: z.array(z.enum(channels)).optional(),
  directions: z.array(z.enum(directions)).optional(),
  scope: scopeSchema.optional(),
  when: whenSchema.optional(),
  /** The opposite of `when`: said (by `speaker`), the rule does not apply (PH-RESOLVED after a promised later answer). */
  unless: whenSchema.optional(),
  whenLonger: whenLongerSchema.optional(),
};

const phraseRule = z.strictObject({
  ...common,
  kind: z.literal('phrase'),
  require: z.enum(['any', 'all', 'none']),
  match: z.array(matchItem).min(1),
  /** Found in scope = violation, whatever `require` says (e.g. opening with 喂). */
  forbid: z.array(matchItem).optional(),
  /**
   * By channel: phrase sets that also meet the rule, but only where they open the agent's own
   * words in an utterance of the scope (after automatic templates, a bare hold or a card, see
   * detect.opening): in chats a term of address (亲, 亲爱的) that opens the reply is the greeting.
   */
  openers: z.partialRecord(z.enum(channels), z.array(matchItem)).optional(),
});

const timingAnchor = z.union([
  z.strictObject({ event: z.enum(eventTypes) }),
  z.strictObject({ speech: z.enum(['agent-first', 'opening-end']) }),
]);
const timingRule = z.strictObject({
  ...common,
  kind: z.literal('timing'),
  from: timingAnchor,
  to: timingAnchor,
  maxMs: positiveMs,
  /**
   * Shorter than this fails too: 001 asks to pick up after the 2nd ring, not on the first (003: within
   * 3 rings, the default, leaves it out). See "where the seeds disagree" in default-pack.yaml.
   */
  minMs: positiveMs.optional(),
  /** Said by the agent, this excuses a longer duration (e.g. announcing a long callback). */
  excusedBy: z.array(matchItem).optional(),
});

const band = z.strictObject({ min: z.number().positive(), max: z.number().positive() });
const speechRateRule = z.strictObject({
  ...common,
  kind: z.literal('speech-rate'),
  band,
  /** Fraction the band is widened by before an utterance counts as out of band. */
  slack: z.number().min(0).max(1).default(0),
  minChars: z.number().int().positive().default(12),
  minMs: positiveMs.default(2000),
  /** With an upset customer the agent should slow down: the lower bound is not enforced. */
  relaxLowerWhen: whenSchema.optional(),
});

const interruptionRule = z.strictObject({
  ...common,
  kind: z.literal('interruption'),
  /** The agent started this long before the customer finished. */
  overlapMs: positiveMs.default(800),
  backchannel: z.array(matchItem).default([]),
  backchannelMaxChars: z.number().int().nonnegative().default(4),
  /** The customer had been talking this long: interrupting to steer back is allowed. */
  offTopicMs: positiveMs.default(120_000),
});

const holdRule = z.strictObject({
  ...common,
  kind: z.literal('hold'),
  require: z.enum(['reason', 'consent', 'limit', 'keep']),
  match: z.array(matchItem).min(1),
});

const transferRule = z.strictObject({
  ...common,
  kind: z.literal('transfer'),
  /** `thanks` and `colleague-opening`: what the colleague who takes the call says first (TR-THANK, TR-BRIEF). */
  require: z.enum(['reason', 'consent', 'caller-info', 'pickup', 'thanks', 'colleague-opening']),
  match: z.array(matchItem).default([]),
});

const orderRule = z.strictObject({
  ...common,
  kind: z.literal('order'),
  first: z.array(matchItem).min(1),
  before: z.array(matchItem).min(1),
});

const keyFactsRule = z.strictObject({
  ...common,
  kind: z.literal('key-facts'),
  facts: z.array(matchItem).min(1),
  confirm: z.array(matchItem).min(1),
  /**
   * Agent words that read a key fact back and ask about it in one go ([订单x] 是这个订单吗, a
   * product card with 请问是这个商品吗, 个人改公司是吗): a confirmation wherever they occur.
   */
  readBack: z.array(matchItem).default([]),
  /** How many agent utterances after the fact the read-back may come. */
  withinAgentUtterances: z.number().int().positive().default(4),
});

const hangupRule = z.strictObject({
  ...common,
  kind: z.literal('hangup'),
  /** The agent hung up on a customer who was still talking or before any closing. */
  cutOffSeverity: z.enum(severities).optional(),
  closing: z.array(matchItem).default([]),
});

/**
 * HD-DURING: the line left silent longer than `maxMs` with no hold event, before the agent speaks
 * again (the customer waited for the agent, listening to nothing). Needs timestamps.
 */
const deadAirRule = z.strictObject({
  ...common,
  kind: z.literal('dead-air'),
  maxMs: positiveMs,
});

export const ruleSchema = z.discriminatedUnion('kind', [
  phraseRule,
  timingRule,
  speechRateRule,
  interruptionRule,
  holdRule,
  transferRule,
  orderRule,
  keyFactsRule,
  hangupRule,
  deadAirRule,
]);
export type Rule = z.infer<typeof ruleSchema>;
export type RuleOf<K extends RuleKind> = Extract<Rule, { kind: K }>;

const holdDetection = z.strictObject({
  /** A request to wait said by the agent (稍等, 正在为您查询) is a hold even without events. */
  request: z.array(matchItem).min(1),
  /** Silence longer than this between utterances, with no hold announced, is an unexplained hold. */
  silenceMs: positiveMs.optional(),
  /** How far before a hold event the agent's words count as its announcement. */
  lookbackMs: positiveMs.default(30_000),
  /** Longest acceptable hold when the agent named no limit. */
  defaultLimitMs: positiveMs.default(60_000),
  /** Tolerance over the limit the agent named. */
  graceMs: positiveMs.default(10_000),
});

const openingDetection = z.strictObject({
  /**
   * Agent words that do not open the conversation yet: automatic templates, a bare request to
   * wait, a greeting alone. When the agent's first turn is only these, the opening runs on to the
   * agent's second turn (never the third).
   */
  filler: z.array(matchItem).default([]),
  /** Letters or digits outside the filler an utterance may have and still be filler (亲, 哦). */
  maxRest: z.number().int().nonnegative().default(3),
});

const transferDetection = z.strictObject({
  request: z.array(matchItem).min(1),
  lookbackMs: positiveMs.default(60_000),
});

export const packSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower-case letters, digits, - and _'),
  version: z.number().int().positive(),
  name: z.string().min(1),
  description: z.string().optional(),
  /** Company, centre and agent names: `{company}` in a phrase expands to each value. */
  variables: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/), z.union([z.string(), z.array(z.string())])).default({}),
  /** Queue names as reports show them: the PBX's queue id → what people call it (hotline → 服务热线). */
  queues: z.record(z.string().min(1), z.string().min(1)).default({}),
  severities: z.strictObject({
    fatal: z.number().nonnegative(),
    critical: z.number().nonnegative().default(40),
    major: z.number().nonnegative(),
    minor: z.number().nonnegative(),
    info: z.number().nonnegative().default(0),
  }),
  /** Typed durations used by workflows (tickets, callbacks, complaints): 24h, 2wd, 8bh. */
  durations: z.record(z.string(), z.string()).default({}),
  /** Numbers used by workflows and reports (ring limit, ticket minutes, …). */
  settings: z.record(z.string(), z.number()).default({}),
  phraseSets: z.record(name, phraseSetSchema),
  detect: z.strictObject({
    /** Agent-side messages that are automatic (cards, order summaries): never the opening. */
    auto: z.array(matchItem).default([]),
    holds: holdDetection,
    transfers: transferDetection,
    opening: openingDetection.default({ filler: [], maxRest: 3 }),
  }),
  rules: z.array(ruleSchema).min(1),
  /** Callbacks (回访): due window, calling windows, retries, planner, selection, types (callback-schema.ts). */
  callbacks: callbackSettingsSchema.prefault({}),
  /** The walk-in service centre (来访接待): limits, escalation chain, observation card (visit-schema.ts). */
  visits: visitSettingsSchema.prefault({}),
  /** Hotline figures: which queues are VIP lines (their calls count in KPI-VIP only, not in KPI-MAN). */
  kpi: z.strictObject({ vipQueues: z.array(z.string().min(1)).default([]) }).prefault({}),
});
export type StandardPack = z.infer<typeof packSchema>;
export type StandardPackInput = z.input<typeof packSchema>;
