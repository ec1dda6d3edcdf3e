import { z } from 'zod';
import { recognizers } from '../core/interactions/recognizer-output.js';
import { callOutcomeNames, callSources } from '../core/calls/call-record.js';
import { ctiEventTypes } from '../core/calls/cti-call.js';
import { callEventTypes, callOutcomes, hangupParties, transferKinds } from '../core/interactions/call.js';
import { instantSchema } from './instant.js';
import { pageOf } from './common.js';
import { qualityResultSchema, transcriptSchema } from './quality.js';

/**
 * Calls (通话): live CTI events in, the stored calls out (`/api/cti/events`, `/api/calls…`). Every
 * number that leaves is masked unless revealed with audit (`http/personal-data-views.ts`).
 */

export { callOutcomeNames, callSources, ctiEventTypes, hangupParties };
export type { CallOutcomeName, CallSource } from '../core/calls/call-record.js';
export type { CtiEventType } from '../core/calls/cti-call.js';
export type { HangupParty } from '../core/interactions/call.js';

/** Most CTI events one request may carry. */
export const MAX_CTI_BATCH = 1000;

/**
 * One CTI event. `at` is checked by the core (`ingestCtiEvents`: ISO-8601 with an offset or epoch ms,
 * and an `ended` event says who hung up), so an error names the event's field in the request.
 */
export const ctiEventSchema = z.object({
  type: z.enum(ctiEventTypes),
  callId: z.string().min(1).max(200),
  at: z.union([z.number(), z.string().max(40)]),
  queue: z.string().max(200).optional(),
  agent: z.string().max(200).optional(),
  caller: z.string().max(100).optional(),
  vip: z.boolean().optional(),
  by: z.enum(hangupParties).optional(),
  to: z.string().max(200).optional(),
  direction: z.enum(['inbound', 'outbound']).optional().describe('outbound: the agent placed the call (a callback); `caller` is then the number dialled'),
  reference: z.string().max(200).optional().describe('our reference the call was placed for: a callback task id (cb_…)'),
  missed: z.boolean().optional().describe('`ringing` reported when the ring is over, unanswered (`at`: when it began): not shown as ringing on the agent board'),
  recording: z
    .string()
    .max(2000)
    .optional()
    .describe('the PBX\'s recording of the call (usually on `answered` or `ended`): an http(s) URL, or a path relative to KEFU_RECORDINGS_URL; anything else is a 400 naming `recording`'),
});
export type CtiEventInput = z.input<typeof ctiEventSchema>;
export const ctiEventsBody = z.union([ctiEventSchema, z.object({ events: z.array(ctiEventSchema).min(1).max(MAX_CTI_BATCH) })]);

export const ctiIngestResultSchema = z.object({
  accepted: z.number(),
  duplicates: z.number(),
  calls: z.array(z.object({ id: z.string(), callId: z.string(), outcome: z.enum(callOutcomeNames) })),
});
export type CtiIngestResult = z.output<typeof ctiIngestResultSchema>;

/** An event on the call's own timeline: ms from the ring the agent answered. */
export const callEventSchema = z.object({ type: z.enum(callEventTypes), at: z.number(), to: z.string().optional(), by: z.enum(hangupParties).optional() });
export type CallEvent = z.output<typeof callEventSchema>;

/** A call as `GET /api/calls` lists it: measures in ms, the caller's number masked. */
export const callSummarySchema = z.object({
  id: z.string(),
  source: z.enum(callSources),
  externalId: z.string(),
  queue: z.string(),
  agent: z.string().nullable(),
  caller: z.string().nullable(),
  customerId: z.string().nullable(),
  vip: z.boolean(),
  startedAt: z.number().nullable(),
  enteredQueueAt: z.number().nullable(),
  offeredAt: z.number().nullable(),
  answeredAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  waitMs: z.number().nullable(),
  ringMs: z.number().nullable(),
  talkMs: z.number().nullable(),
  holdMs: z.number().nullable(),
  missedRings: z.number(),
  missedRingAgents: z.array(z.string()).nullable(),
  outcome: z.enum(callOutcomeNames),
  endDetail: z.enum([...callOutcomes, 'unanswered']),
  endedBy: z.enum(hangupParties).nullable(),
  transferred: z.boolean(),
  transferKind: z.enum(transferKinds).nullable(),
  transferTo: z.string().nullable(),
  events: z.array(callEventSchema),
  qualityScore: z.number().nullable(),
  qualityFatal: z.boolean().nullable(),
  /** Rule ids whose quality check failed; [] before a transcript is judged. */
  failedRules: z.array(z.string()),
  standardVersion: z.string().nullable(),
  updatedAt: z.number(),
});
export type CallSummary = z.output<typeof callSummarySchema>;
export const callPageSchema = pageOf(callSummarySchema);
export type CallPage = z.output<typeof callPageSchema>;

/**
 * One call with its transcript and quality result (null until a transcript is attached), and
 * `recordingUrl`: where the browser loads the call's recording (the PBX's; Kefu stores no audio), only
 * for a reader who may listen (supervisor, QA, manager, admin; the agent who answered), audited as
 * `call.recording_read`; null without a recording, or when it is not this reader's to hear.
 */
export const callDetailSchema = callSummarySchema.extend({ transcript: transcriptSchema.nullable(), quality: qualityResultSchema.nullable(), recordingUrl: z.string().nullable() });
export type CallDetail = z.output<typeof callDetailSchema>;

export const callListQuery = z.object({
  from: instantSchema.optional(),
  to: instantSchema.optional(),
  agent: z.string().max(200).optional(),
  queue: z.string().max(200).optional(),
  outcome: z.enum(callOutcomeNames).optional(),
  source: z.enum(callSources).optional(),
  rule: z.string().min(1).max(100).optional().describe('only calls whose quality check of this rule id failed (ok: false)'),
  fatal: z.enum(['true', 'false']).optional().describe('only calls judged fatal (true) or judged and not fatal (false)'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type CallListQuery = z.input<typeof callListQuery>;

export const revealQuery = z.object({ reveal: z.enum(['pii']).optional() });
/** One call: `lang=en` words its quality checks in English (they are stored as judged, usually in Chinese). */
export const callDetailQuery = revealQuery.extend({ lang: z.enum(['zh', 'en']).optional() });
export const transcriptQuery = z.object({
  lang: z.enum(['zh', 'en']).default('zh'),
  from: z.enum(recognizers).optional().describe("the body is this recognizer's own JSON result instead of a Transcript"),
  agentChannel: z.coerce.number().int().min(0).max(99).default(0).describe("the recognizer's channel or speaker that is the agent"),
});

/** `PUT /api/calls/:id/recording`: the recording reference (checked by the core, which names `recording`), or null to remove it. */
export const setRecordingBody = z.object({
  recording: z.string().max(2000).nullable().describe('an http(s) URL, or a path relative to KEFU_RECORDINGS_URL; null removes it'),
});
export type SetRecordingBody = z.input<typeof setRecordingBody>;

/** `POST /api/calls/:id/transcript`: the call as stored now, and the result on its own. */
export const attachTranscriptResponseSchema = z.object({ call: callDetailSchema, quality: qualityResultSchema });
export type AttachTranscriptResponse = z.output<typeof attachTranscriptResponseSchema>;
