import { z } from 'zod';
import { errorCodes, fieldErrorCodes } from '../core/shared/app-error.js';

/**
 * Shapes every route family shares. Like every file in src/contract/, this imports only zod and pure
 * constants, because the web type-checks it (`import type` through the `@contract/*` alias): nothing
 * here may pull in node:* or a library the browser build does not have.
 */

export { errorCodes, fieldErrorCodes, type ErrorCode, type FieldErrorCode } from '../core/shared/app-error.js';
export { roles, type Role } from '../core/users/roles.js';

/**
 * The reader's language (the web's locales): files the server writes (exports) take it as `lang`, so
 * their headers and fixed values read like the screen they were downloaded from.
 */
export const readerLanguages = ['zh-CN', 'zh-TW', 'en'] as const;
export type ReaderLanguage = (typeof readerLanguages)[number];
export const readerLanguageSchema = z.enum(readerLanguages).default('zh-CN').describe('language of the headers and fixed values: zh-CN (default), zh-TW, en');

/**
 * One bad field of a VALIDATION answer. `line` and `place` are given where the input was a text a
 * user edits (a standard pack sent as source: its line, and `rules[PH-OPEN].kind` for `rules.3.kind`).
 */
export const fieldErrorSchema = z.object({
  path: z.string(),
  message: z.string().describe("the server's sentence (Chinese and/or English); screens word the error from `code` and `params`"),
  code: z.enum(fieldErrorCodes).optional().describe('what is wrong, stable: required, too_long, one_of, vague_description, …'),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional().describe('what the code names: minimum, maximum, values, expected, format, keys'),
  line: z.number().optional().describe('1-based line in the submitted source text, where the input was one'),
  place: z.string().optional().describe('the path as an author reads it: rules[PH-OPEN].severity'),
});
export type FieldError = z.output<typeof fieldErrorSchema>;

/** The error shape of every non-2xx answer (CONTRACT.md → HTTP API → Errors). */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    fields: z.array(fieldErrorSchema).optional(),
  }),
});
export type ErrorBody = z.output<typeof errorBodySchema>;

/** Cursor paging: `nextCursor` is null on the last page. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const idParams = z.object({ id: z.string() });
