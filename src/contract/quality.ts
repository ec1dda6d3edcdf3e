import { z } from 'zod';
import { severities } from '../core/standard/schema.js';
import { channels, directions, speakers } from '../core/interactions/transcript.js';

/**
 * Quality (质检): the Transcript a judge reads and the Quality result it gives (CONTRACT.md →
 * Transcript, Quality result), as `POST /api/qa/inspect` and the calls' transcript routes send them.
 * Requests are checked by the core's own parser (`parseTranscript`, errors named by field), so only
 * the answers are described here.
 */

export { severities, speakers, channels, directions };
export type { Severity } from '../core/standard/schema.js';
export type { Speaker, Channel, Direction } from '../core/interactions/transcript.js';

// The Transcript is the core's own schema (core/interactions/transcript.ts), the one the judge parses with:
// what a route answers is what it accepted, defaults applied.
export { transcriptSchema, utteranceSchema, callEventSchema as transcriptEventSchema } from '../core/interactions/transcript.js';
export type { Transcript, Utterance, CallEvent as TranscriptEvent } from '../core/interactions/transcript.js';

export const evidenceSchema = z.object({
  utterance: z.number(),
  /** Offsets into the ORIGINAL utterance text. */
  from: z.number(),
  to: z.number(),
  /** ms on the transcript's clock, when the utterance has timestamps. */
  at: z.number().nullable(),
  quote: z.string(),
  /** Marks where a missing element was due, not something said. */
  missing: z.boolean().optional(),
});
export type Evidence = z.output<typeof evidenceSchema>;

export const checkSchema = z.object({
  rule: z.string(),
  ok: z.boolean().nullable(),
  severity: z.enum(severities),
  points: z.number(),
  evidence: z.array(evidenceSchema),
  message: z.string(),
  suggestion: z.string().optional(),
  /** Why the check does not apply (always present when ok is null). */
  reason: z.string().optional(),
  /** Speech-rate checks (PH-RATE): the measured utterances and the band the verdict applied (the chart draws these). */
  speechRate: z
    .object({
      min: z.number(),
      max: z.number(),
      lower: z.number(),
      upper: z.number(),
      relaxed: z.boolean(),
      utterances: z.array(z.object({ utterance: z.number(), start: z.number(), chars: z.number(), ms: z.number(), rate: z.number(), inBand: z.boolean() })),
    })
    .optional(),
});
export type Check = z.output<typeof checkSchema>;

export const qualityResultSchema = z.object({
  id: z.string().nullable(),
  standard: z.string(),
  score: z.number(),
  fatal: z.boolean(),
  checks: z.array(checkSchema),
});
export type QualityResult = z.output<typeof qualityResultSchema>;

export const inspectQuery = z.object({ lang: z.enum(['zh', 'en']).default('zh') });
/** One transcript gives one result; `{transcripts: […]}` gives `{results: […]}` in input order. */
export const inspectResponseSchema = z.union([qualityResultSchema, z.object({ results: z.array(qualityResultSchema) })]);
export type InspectResponse = z.output<typeof inspectResponseSchema>;
