import { z } from 'zod';
import type { FieldError } from '../shared/app-error.js';

/** The input of quality inspection, as CONTRACT.md "Transcript" describes it. */

export const channels = ['phone', 'chat', 'visit', 'callback'] as const;
export type Channel = (typeof channels)[number];
export const directions = ['inbound', 'outbound'] as const;
export type Direction = (typeof directions)[number];
/**
 * `system` and `bot` are additions to the contract's agent/customer: chat exports carry automatic
 * cards and bot replies, which are kept for evidence offsets but never judged as the agent.
 */
export const speakers = ['agent', 'customer', 'system', 'bot'] as const;
export type Speaker = (typeof speakers)[number];
export const eventTypes = ['ring', 'answer', 'hold', 'unhold', 'transfer', 'transfer_answered', 'hangup'] as const;
export type EventType = (typeof eventTypes)[number];
export const hangupParties = ['agent', 'customer', 'system'] as const;
export type HangupParty = (typeof hangupParties)[number];

const ms = z.number().finite().nonnegative();

export const callEventSchema = z.object({
  type: z.enum(eventTypes),
  at: ms,
  to: z.string().optional(),
  by: z.enum(hangupParties).optional(),
});
export type CallEvent = z.infer<typeof callEventSchema>;

export const utteranceSchema = z
  .object({
    speaker: z.enum(speakers),
    text: z.string(),
    start: ms.optional(),
    end: ms.optional(),
  })
  .refine((u) => u.start === undefined || u.end === undefined || u.end >= u.start, {
    message: 'end must not be before start',
    path: ['end'],
  });
export type Utterance = z.infer<typeof utteranceSchema>;

export const transcriptSchema = z.object({
  id: z.string().min(1).optional(),
  channel: z.enum(channels).default('phone'),
  direction: z.enum(directions).default('inbound'),
  agent: z.string().optional(),
  customer: z.string().optional(),
  startedAt: z.string().optional(),
  events: z.array(callEventSchema).optional(),
  utterances: z.array(utteranceSchema),
});
export type Transcript = z.infer<typeof transcriptSchema>;
/** What callers may pass before defaults are applied (channel/direction optional). */
export type TranscriptInput = z.input<typeof transcriptSchema>;

export type TranscriptParse = { ok: true; transcript: Transcript } | { ok: false; errors: FieldError[] };

/** Validates one transcript; errors name the field path, e.g. `utterances.3.speaker`. */
export function parseTranscript(input: unknown): TranscriptParse {
  const parsed = transcriptSchema.safeParse(input);
  if (parsed.success) return { ok: true, transcript: parsed.data };
  return { ok: false, errors: zodIssuesToFieldErrors(parsed.error.issues) };
}

export function zodIssuesToFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => ({
    path: issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.'),
    message: issue.message,
  }));
}
