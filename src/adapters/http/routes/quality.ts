import { z } from 'zod';
import type { HttpApp } from '../types.js';
import type { AppContext } from '../../../app.js';
import { rolesAll } from '../access.js';
import { AppError, type FieldError } from '../../../core/shared/app-error.js';
import { inspectTranscript } from '../../../core/quality/inspect.js';
import { parseTranscript } from '../../../core/interactions/transcript.js';
import type { QualityResult } from '../../../core/quality/types.js';
import { inspectQuery, inspectResponseSchema } from '../../../contract/quality.js';

/** Most transcripts one request may carry; more belongs in `kefu qa` or a file import. */
const MAX_BATCH = 1000;

export function qualityRoutes(app: HttpApp, ctx: AppContext): void {
  app.post(
    '/api/qa/inspect',
    {
      config: { access: rolesAll },
      schema: {
        tags: ['quality'],
        summary: 'Inspect transcripts against the standard in force',
        description: 'Body: one Transcript (CONTRACT.md), or `{"transcripts":[…]}` (at most 1000). Returns one Quality result, or `{"results":[…]}` in input order.',
        // Checked by the core's transcript parser, whose errors name each field (transcripts.2.utterances.0.speaker).
        body: z.record(z.string(), z.unknown()),
        querystring: inspectQuery,
        response: { 200: inspectResponseSchema },
      },
    },
    async (req) => {
      const body = req.body;
      const standard = await ctx.standard.active();
      const run = (t: unknown, prefix: string): QualityResult => {
        const parsed = parseTranscript(t);
        if (!parsed.ok) throw AppError.validation('Invalid transcript', prefixed(parsed.errors, prefix));
        return inspectTranscript(parsed.transcript, standard.compiled, { lang: req.query.lang });
      };
      if (Array.isArray(body.transcripts)) {
        if (body.transcripts.length > MAX_BATCH) throw AppError.validation(`At most ${MAX_BATCH} transcripts per request`, [{ path: 'transcripts', message: `${body.transcripts.length} given`, code: 'too_many', params: { maximum: MAX_BATCH } }]);
        // Validate all first so one bad transcript names itself and nothing is half-answered.
        const errors = body.transcripts.flatMap((t, i) => {
          const p = parseTranscript(t);
          return p.ok ? [] : prefixed(p.errors, `transcripts.${i}`);
        });
        if (errors.length) throw AppError.validation('Invalid transcripts', errors);
        return { results: body.transcripts.map((t, i) => run(t, `transcripts.${i}`)) };
      }
      return run(body, '');
    },
  );
}

function prefixed(errors: FieldError[], prefix: string): FieldError[] {
  if (!prefix) return errors;
  return errors.map((e) => ({ ...e, path: e.path === '(root)' ? prefix : `${prefix}.${e.path}` }));
}
