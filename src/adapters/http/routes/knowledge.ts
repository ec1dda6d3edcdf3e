import { z } from 'zod';
import type { HttpApp } from '../types.js';
import type { AppContext } from '../../../app.js';
import type { Role } from '../../../core/users/roles.js';
import { rolesAll } from '../access.js';
import { AppError } from '../../../core/shared/app-error.js';
import type { Article } from '../../../core/knowledge/model.js';
import type { Actor } from '../../../core/knowledge/ports.js';
import { reviewDue } from '../../../core/knowledge/article-rules.js';
import { diffArticles } from '../../../core/knowledge/article-diff.js';
import { localDateOf } from '../../../core/knowledge/dates.js';
import { createArticle, editArticle, restoreArticle } from '../../../core/knowledge/article-commands.js';
import { suggestArticles } from '../../../core/knowledge/suggest-articles.js';
import {
  articleCreateSchema,
  articleDiffQuerySchema,
  articleDiffSchema,
  articleEditSchema,
  articlePageSchema,
  articleQuerySchema,
  articleRestoreSchema,
  articleSchema,
  articleVersionSchema,
  suggestBodySchema,
  suggestionsSchema,
} from '../../../contract/knowledge.js';
import { citingTicketsSchema } from '../../../contract/tickets.js';
import { listedTicketViews } from './tickets.js';
import { actorOf as ticketActorOf } from './tickets.js';

/** Who keeps the knowledge base: team leads and quality (they see what agents get wrong). */
export const articleWriters: readonly Role[] = ['supervisor', 'qa', 'manager', 'admin'];

const idParams = z.object({ id: z.string().max(100) });

export function actorOf(user: { id: string; username: string; team: string | null } | null): Actor {
  if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return { id: user.id, username: user.username, team: user.team };
}

/** `/api/knowledge`: articles with versions, full-text search in either script, suggestions from a live conversation (issue #17, CP-COMPLEX). */
export function knowledgeRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['knowledge'];
  const k = ctx.knowledge.ctx;
  const today = () => localDateOf(ctx.clock.now(), k.zone);
  const view = (a: Article, day = today()) => ({ ...a, reviewDue: reviewDue(a, day) });

  app.get(
    '/api/knowledge',
    {
      config: { access: rolesAll },
      schema: {
        tags,
        summary: 'Articles: newest first, or best match first with q= (two-character words in Simplified or Traditional); reviewDue=true lists those past their review date',
        querystring: articleQuerySchema,
        response: { 200: articlePageSchema },
      },
    },
    async (req) => {
      const day = today();
      const page = await ctx.knowledge.articles.listArticles({ q: req.query.q, category: req.query.category, reviewDueOn: req.query.reviewDue ? day : undefined, limit: req.query.limit, cursor: req.query.cursor });
      return { items: page.items.map((a) => view(a, day)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/knowledge/categories',
    { config: { access: rolesAll }, schema: { tags, summary: 'Article categories with how many articles each has', response: { 200: z.object({ items: z.array(z.object({ category: z.string(), count: z.number() })) }) } } },
    async () => ({ items: await ctx.knowledge.articles.categories() }),
  );

  app.post(
    '/api/knowledge',
    { config: { access: articleWriters, idempotent: true }, schema: { tags, summary: 'Write an article (version 1); the writer owns it unless ownerId says otherwise', body: articleCreateSchema, response: { 201: articleSchema } } },
    async (req, reply) => reply.status(201).send(view(await createArticle(k, req.body, actorOf(req.user)))),
  );

  app.post(
    '/api/knowledge/suggest',
    {
      config: { access: rolesAll },
      schema: {
        tags,
        summary: "Articles suggested from a live conversation's text (the desk sends what the customer said and what the agent is typing); best first, none for small talk",
        body: suggestBodySchema,
        response: { 200: suggestionsSchema },
      },
    },
    async (req) => {
      const day = today();
      const { keywords, suggestions } = await suggestArticles(k, req.body.text, req.body.limit ?? 5);
      return { keywords, items: suggestions.map((s) => ({ article: view(s.article, day), score: s.score, matched: s.matched })) };
    },
  );

  app.get(
    '/api/knowledge/:id',
    { config: { access: rolesAll }, schema: { tags, summary: 'One article (its current version)', params: idParams, response: { 200: articleSchema } } },
    async (req) => {
      const a = await ctx.knowledge.articles.findArticle(req.params.id);
      if (!a) throw AppError.notFound('知识文章 / article');
      return view(a);
    },
  );

  app.patch(
    '/api/knowledge/:id',
    {
      config: { access: articleWriters },
      schema: { tags, summary: 'Edit an article: a new version. `version` is the one the edit started from; if another was saved since, 409 naming the newer version', params: idParams, body: articleEditSchema, response: { 200: articleSchema } },
    },
    async (req) => {
      const { version, ...input } = req.body;
      const { article } = await editArticle(k, req.params.id, version, input, actorOf(req.user));
      return view(article);
    },
  );

  app.get(
    '/api/knowledge/:id/tickets',
    {
      config: { access: rolesAll },
      schema: {
        tags,
        summary: 'The tickets citing the article that the caller may read (team privacy: other private teams are neither listed nor counted), newest first, with `total`',
        params: idParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), cursor: z.string().max(500).optional() }),
        response: { 200: citingTicketsSchema },
      },
    },
    async (req) => {
      if (!(await ctx.knowledge.articles.findArticle(req.params.id))) throw AppError.notFound('知识文章 / article');
      const page = await ctx.crm.tickets.citingArticle(req.params.id, { limit: req.query.limit, cursor: req.query.cursor }, ticketActorOf(req.user));
      return { items: await listedTicketViews(ctx.crm.people, page.items), nextCursor: page.nextCursor, total: page.total };
    },
  );

  app.get(
    '/api/knowledge/:id/versions',
    { config: { access: rolesAll }, schema: { tags, summary: "An article's versions, newest first (who, when, note, restored from)", params: idParams, response: { 200: z.object({ items: z.array(articleVersionSchema) }) } } },
    async (req) => {
      const items = await ctx.knowledge.articles.versions(req.params.id);
      if (items.length === 0) throw AppError.notFound('知识文章 / article');
      return { items };
    },
  );

  app.get(
    '/api/knowledge/:id/diff',
    { config: { access: rolesAll }, schema: { tags, summary: 'What changed between two versions, field by field, text line by line', params: idParams, querystring: articleDiffQuerySchema, response: { 200: articleDiffSchema } } },
    async (req) => {
      const [from, to] = await Promise.all([ctx.knowledge.articles.version(req.params.id, req.query.from), ctx.knowledge.articles.version(req.params.id, req.query.to)]);
      if (!from) throw AppError.notFound(`第 ${req.query.from} 版 / version ${req.query.from}`);
      if (!to) throw AppError.notFound(`第 ${req.query.to} 版 / version ${req.query.to}`);
      return { from: from.version, to: to.version, fields: diffArticles(from, to) };
    },
  );

  app.post(
    '/api/knowledge/:id/restore',
    {
      config: { access: articleWriters },
      schema: { tags, summary: "Restore an old version: its content becomes a new version (history is kept); a stale baseVersion is a 409", params: idParams, body: articleRestoreSchema, response: { 200: articleSchema } },
    },
    async (req) => {
      const { article } = await restoreArticle(k, req.params.id, req.body.version, req.body.baseVersion, actorOf(req.user));
      return view(article);
    },
  );
}
