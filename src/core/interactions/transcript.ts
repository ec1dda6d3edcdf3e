import { z } from 'zod';
import type { FieldError } from '../shared/app-error.js';
import { fieldErrorsOfIssues } from '../shared/field-error-of-issue.js';

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
    params: { code: 'ends_before_start' },
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
  const fast = parseWellFormed(input);
  if (fast !== undefined) return { ok: true, transcript: fast };
  const parsed = transcriptSchema.safeParse(input);
  if (parsed.success) return { ok: true, transcript: parsed.data };
  return { ok: false, errors: zodIssuesToFieldErrors(parsed.error.issues) };
}

/** Zod's issues as field errors with a stable code and params (the one mapping, shared with the request schemas). */
export function zodIssuesToFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return fieldErrorsOfIssues(issues);
}

// ----- hand-written fast path -----
// Validation with zod costs about as much as inspecting the transcript, so the common case (a
// well-formed transcript without explicit `undefined` values) is checked by hand and builds the
// same object zod would: schema key order, unknown keys dropped, defaults applied. Anything it
// is not sure about returns undefined and goes through zod, which also words every error.

const channelSet: ReadonlySet<unknown> = new Set(channels);
const directionSet: ReadonlySet<unknown> = new Set(directions);
const speakerSet: ReadonlySet<unknown> = new Set(speakers);
const eventTypeSet: ReadonlySet<unknown> = new Set(eventTypes);
const hangupPartySet: ReadonlySet<unknown> = new Set(hangupParties);

type Fields = Record<string, unknown>;

function isRecord(v: unknown): v is Fields {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isMs(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

/** `k in o` with the value undefined is left to zod (it keeps some such keys and drops others). */
function present(o: Fields, k: string): boolean {
  const v = o[k];
  if (v !== undefined) return true;
  if (k in o) throw UNSURE;
  return false;
}

const UNSURE = new Error('left to zod');

function optionalString(o: Fields, k: string): string | undefined {
  if (!present(o, k)) return undefined;
  const v = o[k];
  if (typeof v !== 'string') throw UNSURE;
  return v;
}

function parseWellFormed(input: unknown): Transcript | undefined {
  try {
    return wellFormedTranscript(input);
  } catch (e) {
    if (e === UNSURE) return undefined;
    throw e;
  }
}

function wellFormedTranscript(input: unknown): Transcript {
  if (!isRecord(input)) throw UNSURE;
  const out: Fields = {};
  const id = optionalString(input, 'id');
  if (id !== undefined) {
    if (id.length === 0) throw UNSURE;
    out.id = id;
  }
  out.channel = present(input, 'channel') ? member(input.channel, channelSet) : 'phone';
  out.direction = present(input, 'direction') ? member(input.direction, directionSet) : 'inbound';
  for (const k of ['agent', 'customer', 'startedAt'] as const) {
    const v = optionalString(input, k);
    if (v !== undefined) out[k] = v;
  }
  if (present(input, 'events')) {
    const events = input.events;
    if (!Array.isArray(events)) throw UNSURE;
    out.events = events.map(wellFormedEvent);
  }
  const utterances = input.utterances;
  if (!Array.isArray(utterances)) throw UNSURE;
  out.utterances = utterances.map(wellFormedUtterance);
  return out as Transcript;
}

function member(v: unknown, set: ReadonlySet<unknown>): unknown {
  if (!set.has(v)) throw UNSURE;
  return v;
}

function wellFormedEvent(e: unknown): CallEvent {
  if (!isRecord(e) || !eventTypeSet.has(e.type) || !isMs(e.at)) throw UNSURE;
  const out: Fields = { type: e.type, at: e.at };
  const to = optionalString(e, 'to');
  if (to !== undefined) out.to = to;
  if (present(e, 'by')) out.by = member(e.by, hangupPartySet);
  return out as CallEvent;
}

function wellFormedUtterance(u: unknown): Utterance {
  if (!isRecord(u) || !speakerSet.has(u.speaker) || typeof u.text !== 'string') throw UNSURE;
  const start = present(u, 'start') ? u.start : undefined;
  const end = present(u, 'end') ? u.end : undefined;
  if (start !== undefined && !isMs(start)) throw UNSURE;
  if (end !== undefined && (!isMs(end) || (start !== undefined && end < start))) throw UNSURE;
  // Built whole in the schema's key order: a timed utterance (the usual one) as one literal
  // rather than an object grown key by key.
  if (start !== undefined && end !== undefined) return { speaker: u.speaker as Speaker, text: u.text, start, end };
  const out: Fields = { speaker: u.speaker, text: u.text };
  if (start !== undefined) out.start = start;
  if (end !== undefined) out.end = end;
  return out as Utterance;
}
