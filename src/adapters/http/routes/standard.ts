import type { HttpApp } from '../types.js';
import type { AppContext } from '../../../app.js';
import { rolesAll } from '../access.js';
import { standardScripts } from '../../../core/standard/scripts.js';
import {
  activeStandardSchema,
  saveStandardBody,
  savedStandardSchema,
  standardScriptsSchema,
  standardVersionListSchema,
  standardVersionParams,
  standardVersionSourceSchema,
} from '../../../contract/standard.js';

/** The standard pack (edited by QA and administrators) and the scripts every role reads from it. */
const standardEditors = ['qa', 'admin'] as const;
const actorOf = (u: { id: string; username: string } | null) => ({ id: u?.id ?? null, name: u?.username ?? null });

export function standardRoutes(app: HttpApp, ctx: AppContext): void {
  app.get(
    '/api/standard',
    {
      config: { access: standardEditors },
      schema: {
        tags: ['standard'],
        summary: 'The standard pack in force (as a pack object and as its source text)',
        response: { 200: activeStandardSchema },
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
        response: { 200: standardScriptsSchema },
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
        description:
          'Body: `{"source": "<YAML or JSON text>", "comment": "…"}` or `{"pack": {…}}`. Errors name each bad path (`rules.3.kind`); ' +
          'for a pack sent as `source`, each error also gives its `line` in that text and its `place` as an author reads it (`rules[PH-OPEN].kind`).',
        body: saveStandardBody,
        response: { 200: savedStandardSchema },
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
    { config: { access: standardEditors }, schema: { tags: ['standard'], summary: 'Version history, newest first', response: { 200: standardVersionListSchema } } },
    async () => ({ items: await ctx.standard.history() }),
  );

  app.get(
    '/api/standard/versions/:version',
    {
      config: { access: standardEditors },
      schema: {
        tags: ['standard'],
        summary: 'One stored version (for diffs)',
        params: standardVersionParams,
        response: { 200: standardVersionSourceSchema },
      },
    },
    async (req) => {
      const v = await ctx.standard.version(req.params.version);
      return { version: v.version, packId: v.packId, comment: v.comment, createdAt: v.createdAt, createdBy: v.createdBy, source: v.source, pack: v.content };
    },
  );
}
