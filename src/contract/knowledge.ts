import { z } from 'zod';
import { agentReadiness, articleVisibilities, bulletinKinds } from '../core/knowledge/model.js';

/**
 * The HTTP contract of the knowledge base (`/api/knowledge`), shift bulletins (`/api/bulletins`) and
 * the agent's ready state (`/api/agents/me`), issue #17. Imports only zod and pure constants: the
 * web type-checks it (type-only imports).
 */

const localDate = z.string().max(10).describe("YYYY-MM-DD, the centre's date");
const pageQuery = { limit: z.coerce.number().int().min(1).max(100).default(20), cursor: z.string().max(500).optional() };

// ── Articles ──────────────────────────────────────────────────────────────────────────────────

export const articleCreateSchema = z.object({
  title: z.string().max(200),
  answer: z.string().max(5000).describe('The wording given to the customer (inserted into a reply from the desk)'),
  details: z.string().max(20000).nullable().optional(),
  category: z.string().max(50).optional(),
  visibility: z.enum(articleVisibilities).optional().describe('internal (default): agents only; public: may be given to customers'),
  ownerId: z.string().max(100).nullable().optional(),
  reviewDate: localDate.nullable().optional().describe('From this date the article is flagged for review'),
});
export type ArticleCreate = z.input<typeof articleCreateSchema>;

export const articleEditSchema = articleCreateSchema.partial().extend({
  version: z.number().int().min(1).describe('The version the edit started from; another saved since → 409 naming the newer version'),
  note: z.string().max(500).optional(),
});
export type ArticleEdit = z.input<typeof articleEditSchema>;

export const articleRestoreSchema = z.object({
  version: z.number().int().min(1).describe('The old version whose content becomes the newest'),
  baseVersion: z.number().int().min(1).describe('The current version as the writer saw it'),
});

export const articleQuerySchema = z.object({
  q: z.string().max(200).optional().describe('Full-text search, Simplified or Traditional (退款 finds 退款規則)'),
  category: z.string().max(50).optional(),
  reviewDue: z.enum(['true']).optional().describe('Only articles past their review date'),
  ...pageQuery,
});

export const articleSchema = z.object({
  id: z.string(),
  title: z.string(),
  answer: z.string(),
  details: z.string().nullable(),
  category: z.string(),
  visibility: z.enum(articleVisibilities),
  ownerId: z.string().nullable(),
  reviewDate: z.string().nullable(),
  /** The review date has come: the owner should confirm the article is still true. */
  reviewDue: z.boolean(),
  version: z.number(),
  createdAt: z.number(),
  updatedAt: z.number(),
  updatedBy: z.string().nullable(),
});
export type ArticleView = z.output<typeof articleSchema>;

export const articlePageSchema = z.object({ items: z.array(articleSchema), nextCursor: z.string().nullable() });
export type ArticlePage = z.output<typeof articlePageSchema>;

export const articleVersionSchema = z.object({
  articleId: z.string(),
  version: z.number(),
  title: z.string(),
  answer: z.string(),
  details: z.string().nullable(),
  category: z.string(),
  visibility: z.enum(articleVisibilities),
  ownerId: z.string().nullable(),
  reviewDate: z.string().nullable(),
  editedAt: z.number(),
  editedBy: z.string().nullable(),
  note: z.string().nullable(),
  restoredFrom: z.number().nullable(),
});
export type ArticleVersionView = z.output<typeof articleVersionSchema>;

export const articleDiffQuerySchema = z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) });
export const articleDiffSchema = z.object({
  from: z.number(),
  to: z.number(),
  fields: z.array(
    z.object({
      field: z.string(),
      from: z.string().nullable(),
      to: z.string().nullable(),
      lines: z.array(z.object({ op: z.enum(['same', 'add', 'remove']), text: z.string() })).optional(),
    }),
  ),
});
export type ArticleDiff = z.output<typeof articleDiffSchema>;

export const suggestBodySchema = z.object({
  text: z.string().max(20000).describe("The live conversation's text (what the customer said, what the agent is typing)"),
  limit: z.number().int().min(1).max(10).optional(),
});
export const suggestionsSchema = z.object({
  keywords: z.array(z.string()),
  items: z.array(z.object({ article: articleSchema, score: z.number(), matched: z.array(z.string()) })),
});
export type Suggestions = z.output<typeof suggestionsSchema>;

// ── Bulletins ─────────────────────────────────────────────────────────────────────────────────

export const bulletinCreateSchema = z.object({
  title: z.string().max(200),
  body: z.string().max(20000),
  kind: z.enum(bulletinKinds).optional().describe('product (新产品), policy (政策变更), notice (default)'),
  effectiveDate: localDate.describe('From this date agents read it before going ready; a past date is allowed and flagged `backdated`'),
  untilDate: localDate.nullable().optional().describe('Last day in force (inclusive)'),
  audience: z.array(z.string().max(100)).max(50).optional().describe('Teams; empty or absent: everyone'),
});
export type BulletinCreate = z.input<typeof bulletinCreateSchema>;

export const bulletinEditSchema = bulletinCreateSchema.partial().extend({
  version: z.number().int().min(1).optional().describe('The version the edit started from (409 when another was saved since)'),
});

export const bulletinQuerySchema = z.object({ inForce: z.enum(['true']).optional(), ...pageQuery });

export const bulletinSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  kind: z.enum(bulletinKinds),
  effectiveDate: z.string(),
  untilDate: z.string().nullable(),
  audience: z.array(z.string()),
  version: z.number(),
  versionAt: z.number(),
  backdated: z.boolean(),
  inForce: z.boolean(),
  publishedBy: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type BulletinView = z.output<typeof bulletinSchema>;

export const bulletinPageSchema = z.object({ items: z.array(bulletinSchema), nextCursor: z.string().nullable() });
export const pendingBulletinsSchema = z.object({ items: z.array(bulletinSchema) });
export type PendingBulletins = z.output<typeof pendingBulletinsSchema>;

export const bulletinAckSchema = z.object({
  bulletin: bulletinSchema,
  ack: z.object({ bulletinId: z.string(), version: z.number(), userId: z.string(), username: z.string(), ackedAt: z.number() }),
  /** How many bulletins in force the caller still has to acknowledge. */
  pending: z.number(),
});
export type BulletinAckResult = z.output<typeof bulletinAckSchema>;

export const readReportSchema = z.object({
  bulletin: bulletinSchema,
  inForceFrom: z.number(),
  acknowledged: z.number(),
  addressed: z.number(),
  rows: z.array(
    z.object({
      userId: z.string(),
      username: z.string(),
      displayName: z.string(),
      team: z.string().nullable(),
      ackedAt: z.number().nullable(),
      ackedVersion: z.number().nullable(),
      signedInAt: z.number().nullable().describe('First sign-in on the day they acknowledged (today when they have not)'),
      shiftStart: z.number().nullable().describe("That day's shift start from the shift start times (GET /api/agents/shift-starts); null: none set"),
      signedInLate: z.boolean().describe('Signed in later than `earlyMinutes` before the shift, or not at all once that time passed'),
      callsBeforeAck: z.number(),
      firstCallAt: z.number().nullable().describe('The first call answered under this version before acknowledging it'),
      ackedAfterFirstCall: z.boolean().describe('Acknowledged, but only after answering a call under this version'),
    }),
  ),
  earlyMinutes: z.number().describe('PH-NOTIFY: signed in this many minutes before the shift'),
});
export type ReadReport = z.output<typeof readReportSchema>;

// ── Agent state ───────────────────────────────────────────────────────────────────────────────

export const agentStateSchema = z.object({
  state: z.enum(agentReadiness),
  since: z.number().nullable(),
  /** The caller's first sign-in today (PH-NOTIFY: ready 5 minutes before the shift). */
  signedInAt: z.number().nullable(),
  /** The caller's shift start today, from the shift start times; null: none set. */
  shiftStart: z.number().nullable(),
  /** Bulletins in force still to acknowledge: while any, going ready is a 409. */
  pending: z.number(),
});
export type AgentStateView = z.output<typeof agentStateSchema>;

// ── Shift start times (PH-NOTIFY: signed in 5 minutes before the shift) ──────────────────────────

const timeOfDay = z.string().max(5).describe('HH:MM, 24-hour, on the centre\'s clock');
export const shiftStartsSchema = z.object({
  default: timeOfDay.nullable().describe("Every agent's shift start unless their team or they have their own; null: none"),
  teams: z.record(z.string(), timeOfDay).describe('Team → HH:MM'),
  agents: z.record(z.string(), timeOfDay).describe('Username → HH:MM (wins over the team)'),
  earlyMinutes: z.number().int().describe('How long before the shift an agent signs in (5)'),
});
export type ShiftStartsView = z.output<typeof shiftStartsSchema>;
export const shiftStartsBodySchema = z.object({
  default: timeOfDay.nullable().optional(),
  teams: z.record(z.string().max(100), timeOfDay).optional(),
  agents: z.record(z.string().max(100), timeOfDay).optional(),
  earlyMinutes: z.number().int().min(0).max(120).optional(),
});
export type ShiftStartsBody = z.input<typeof shiftStartsBodySchema>;
