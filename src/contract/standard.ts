import { z } from 'zod';
import { scriptSteps } from '../core/standard/scripts.js';
import { fieldErrorSchema } from './common.js';

/**
 * The standard pack (标准包) and the scripts agents read from it: the shapes of /api/standard*. The
 * routes validate and serialize with these; the web reads the types (`import type … from
 * '@contract/standard'`).
 */

export { scriptSteps };
export type { ScriptStep } from '../core/standard/scripts.js';

/** GET /api/standard: the pack in force, as a pack object and as its source text. */
export const activeStandardSchema = z.object({ version: z.number(), label: z.string(), pack: z.unknown(), source: z.string(), createdAt: z.number(), createdBy: z.string().nullable(), comment: z.string().nullable() });
export type ActiveStandard = z.output<typeof activeStandardSchema>;

export const standardVersionSchema = z.object({ version: z.number(), packId: z.string(), comment: z.string().nullable(), createdAt: z.number(), createdBy: z.string().nullable() });
export type StandardVersion = z.output<typeof standardVersionSchema>;
export const standardVersionListSchema = z.object({ items: z.array(standardVersionSchema) });
export const standardVersionSourceSchema = standardVersionSchema.extend({ source: z.string(), pack: z.unknown() });
export type StandardVersionSource = z.output<typeof standardVersionSourceSchema>;
export const standardVersionParams = z.object({ version: z.coerce.number().int().positive() });

/** PUT /api/standard: the pack as its source text (YAML or JSON) or as an object. */
export const saveStandardBody = z.union([
  z.object({ source: z.string().min(1).max(2_000_000), comment: z.string().max(500).optional() }),
  z.object({ pack: z.record(z.string(), z.unknown()), comment: z.string().max(500).optional() }),
]);
export const savedStandardSchema = z.object({ version: z.number(), label: z.string() });
export type SavedStandard = z.output<typeof savedStandardSchema>;

/**
 * One error of a pack sent as source text, as the 400 VALIDATION answer of PUT /api/standard gives
 * it in `error.fields`: the path, the line of the source it is on, and the place as a pack author
 * reads it (`rules[PH-OPEN].severity`), worked out on the server (core/standard/pack-error-lines.ts)
 * so the editor marks the lines without parsing YAML itself; `code` and `params` say what is wrong,
 * for the editor to word in the author's language.
 */
export const packLineErrorSchema = fieldErrorSchema.extend({ line: z.number(), place: z.string() });
export type PackLineError = z.output<typeof packLineErrorSchema>;

// ── Scripts ──────────────────────────────────────────────────────────────────────────────────────

export const scriptPartSchema = z.object({
  requirement: z.string(),
  title: z.string(),
  text: z.string().describe('the rule’s suggested wording, names as `{centre}`-style placeholders'),
  inText: z.boolean().describe('whether it is part of the step’s text'),
});
export type ScriptPart = z.output<typeof scriptPartSchema>;

export const scriptStepTextSchema = z.object({ text: z.string(), parts: z.array(scriptPartSchema) });
export type ScriptStepText = z.output<typeof scriptStepTextSchema>;

export const tabooEntrySchema = z.object({
  set: z.string(),
  requirement: z.string(),
  description: z.string().nullable(),
  phrases: z.array(z.string()),
  replacement: z.string().nullable().describe('what to say instead; null when the pack gives none'),
});
export type TabooEntry = z.output<typeof tabooEntrySchema>;

/** GET /api/standard/scripts: readable by every role, unlike the pack itself. */
export const standardScriptsSchema = z.object({
  standard: z.string().describe('the pack version the wording comes from: `default@3`'),
  variables: z.record(z.string(), z.array(z.string())),
  steps: z.record(z.enum(scriptSteps), scriptStepTextSchema),
  taboo: z.array(tabooEntrySchema),
});
export type StandardScripts = z.output<typeof standardScriptsSchema>;
