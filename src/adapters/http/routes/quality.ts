import { z } from 'zod';
import type { HttpApp } from '../types.js';
import type { AppContext } from '../../../app.js';
import { rolesAll } from '../access.js';
import { AppError, type FieldError } from '../../../core/shared/app-error.js';
import { inspectTranscript } from '../../../core/quality/inspect.js';
import { parseTranscript } from '../../../core/interactions/transcript.js';
import type { QualityResult } from '../../../core/quality/types.js';
import { standardScripts } from '../../../core/standard/scripts.js';
import { inspectQuery, inspectResponseSchema } from '../../../contract/quality.js';

const standardEditors = ['qa', 'admin'] as const;
const actorOf = (u: { id: string; username: string } | null) => ({ id: u?.id ?? null, name: u?.username ?? null });

const versionSummary = z.object({ version: z.number(), packId: z.string(), comment: z.string().nullable(), createdAt: z.number(), createdBy: z.string().nullable() });

/** Most transcripts one request may carry; more belongs in `kefu qa` or a file import. */
const MAX_BATCH = 1000;

export function qualityRoutes(app: HttpApp, ctx: AppContext): void {
  app.get(
    '/api/standard',
    {
      config: { access: standardEditors },
      schema: {
        tags: ['standard'],
        summary: 'The standard pack in force (as a pack object and as its source text)',
        response: { 200: z.object({ version: z.number(), label: z.string(), pack: z.unknown(), source: z.string(), createdAt: z.number(), createdBy: z.string().nullable(), comment: z.string().nullable() }) },
      },
    },
    async () => {
      const a = await ctx.standard.active();
      return { version: a.version, label: a.label, pack: a.pack, source: a.source, createdAt: a.createdAt, createdBy: a.createdBy, comment: a.comment };
    },
  );

  app.get(
    '/api/standard/scripts',
    {
      config: { access: rolesAll },
      schema: {
        tags: ['standard'],
        summary: "The standard's scripts for agents: opening, hold, back from hold, transfer, closing, and the taboo list with replacement wording, from the pack in force",
        description:
          'Step texts carry the pack\'s names as placeholders (`{centre}`, `{company}`, `{agentNames}`) with their values in `variables`; `parts` lists each rule\'s own wording. ' +
          'Every role may read this, unlike the pack itself.',
      },
    },
    async () => {
      const a = await ctx.standard.active();
      return { standard: a.label, ...standardScripts(a.pack) };
    },
  );

  app.put(
    '/api/standard',
    {
      config: { access: standardEditors },
      schema: {
        tags: ['standard'],
        summary: 'Validate and store a new version of the standard pack',
        description: 'Body: `{"source": "<YAML or JSON text>", "comment": "…"}` or `{"pack": {…}}`. Errors name each bad path (`rules.3.kind`).',
        body: z.union([
          z.object({ source: z.string().min(1).max(2_000_000), comment: z.string().max(500).optional() }),
          z.object({ pack: z.record(z.string(), z.unknown()), comment: z.string().max(500).optional() }),
        ]),
        response: { 200: z.object({ version: z.number(), label: z.string() }) },
      },
    },
    async (req) => {
      const input = 'source' in req.body ? req.body.source : req.body.pack;
      const a = await ctx.standard.update(input, actorOf(req.user), req.body.comment ?? null);
      return { version: a.version, label: a.label };
    },
  );

  app.get(
    '/api/standard/versions',
    { config: { access: standardEditors }, schema: { tags: ['standard'], summary: 'Version history, newest first', response: { 200: z.object({ items: z.array(versionSummary) }) } } },
    async () => ({ items: await ctx.standard.history() }),
  );

  app.get(
    '/api/standard/versions/:version',
    {
      config: { access: standardEditors },
      schema: {
        tags: ['standard'],
        summary: 'One stored version (for diffs)',
        params: z.object({ version: z.coerce.number().int().positive() }),
        response: { 200: versionSummary.extend({ source: z.string(), pack: z.unknown() }) },
      },
    },
    async (req) => {
      const v = await ctx.standard.version(req.params.version);
      return { version: v.version, packId: v.packId, comment: v.comment, createdAt: v.createdAt, createdBy: v.createdBy, source: v.source, pack: v.content };
    },
  );

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
        if (body.transcripts.length > MAX_BATCH) throw AppError.validation(`At most ${MAX_BATCH} transcripts per request`, [{ path: 'transcripts', message: `${body.transcripts.length} given` }]);
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
  return errors.map((e) => ({ path: e.path === '(root)' ? prefix : `${prefix}.${e.path}`, message: e.message }));
}
