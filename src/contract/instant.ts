import { z } from 'zod';
import { instantHint, parseInstant } from '../core/shared/instant.js';

/**
 * The one HTTP schema for an instant the API takes (body or query): epoch ms as a number or
 * digits, or ISO-8601 with an offset, inside the years a calendar can show
 * (core/shared/instant.ts). A bad value is a 400 naming the field.
 */
export const instantSchema = z
  .union([z.number(), z.string().max(40)])
  .transform((v, c) => {
    const t = parseInstant(v);
    if (t === undefined) {
      c.addIssue({ code: 'custom', message: instantHint });
      return z.NEVER;
    }
    return t;
  })
  .describe('epoch ms, or ISO-8601 with an offset (2026-03-02T09:00:00+08:00); 1970–9999');
