import { newId } from '../shared/ids.js';
import { AppError } from '../shared/app-error.js';
import { articleContent, sameContent, type ArticleInput } from './article-rules.js';
import type { Article, ArticleContent, ArticleVersion } from './model.js';
import type { Actor, KnowledgeContext, KnowledgeStores } from './ports.js';

function versionOf(a: Article, note: string | null, restoredFrom: number | null): ArticleVersion {
  const { id, version, updatedAt, updatedBy, createdAt: _c, ...content } = a;
  return { ...content, articleId: id, version, editedAt: updatedAt, editedBy: updatedBy, note, restoredFrom };
}

/** The audit entry of a change to an article: who, which article, which version, and its title then. */
function auditArticle(ctx: Pick<KnowledgeContext, 'audit'>, action: 'created' | 'edited' | 'restored', a: Article, actor: Actor, detail: Record<string, unknown> = {}): Promise<void> {
  return ctx.audit.record({ actor: { id: actor.id, name: actor.username }, action: `knowledge.article_${action}`, target: { type: 'article', id: a.id }, detail: { version: a.version, title: a.title, ...detail } });
}

export async function createArticle(ctx: Pick<KnowledgeContext, 'clock' | 'random' | 'unitOfWork' | 'audit'>, input: ArticleInput, actor: Actor): Promise<Article> {
  const content = articleContent({ ownerId: actor.id, ...input });
  const now = ctx.clock.now();
  const article: Article = { ...content, id: newId(ctx.random, now, 'kb_'), version: 1, createdAt: now, updatedAt: now, updatedBy: actor.id };
  await ctx.unitOfWork((st) => st.knowledge.insertArticle(article, versionOf(article, null, null)));
  await auditArticle(ctx, 'created', article, actor, { visibility: article.visibility, category: article.category });
  return article;
}

/** The 409 of an edit made on a version someone else has since replaced: it names the newer version. */
function staleEdit(current: Article, base: number): AppError {
  const message = `这篇文章已被更新为第 ${current.version} 版（您编辑的是第 ${base} 版），请先查看最新版本再修改 / the article is at version ${current.version}`;
  return AppError.conflict(message, [{ path: 'version', message: `最新版本为第 ${current.version} 版`, code: 'stale_version', params: { current: current.version } }]);
}

async function writeVersion(
  ctx: Pick<KnowledgeContext, 'clock' | 'unitOfWork'>,
  id: string,
  baseVersion: number,
  actor: Actor,
  next: (current: Article, st: KnowledgeStores) => Promise<{ content: ArticleContent; note: string | null; restoredFrom: number | null }>,
): Promise<{ article: Article; changed: boolean }> {
  return ctx.unitOfWork(async (st) => {
    const current = await st.knowledge.findArticleForUpdate(id);
    if (!current) throw AppError.notFound('知识文章 / article');
    if (current.version !== baseVersion) throw staleEdit(current, baseVersion);
    const { content, note, restoredFrom } = await next(current, st);
    // Saving without a change is not a new version: the history stays readable.
    if (sameContent(content, current)) return { article: current, changed: false };
    const now = ctx.clock.now();
    const article: Article = { ...current, ...content, version: current.version + 1, updatedAt: now, updatedBy: actor.id };
    await st.knowledge.updateArticle(article, versionOf(article, note, restoredFrom));
    return { article, changed: true };
  });
}

/** An edit names the version it started from; if someone saved since, it is a 409 naming the newer version. */
export async function editArticle(ctx: Pick<KnowledgeContext, 'clock' | 'unitOfWork' | 'audit'>, id: string, baseVersion: number, input: ArticleInput & { note?: string | undefined }, actor: Actor) {
  const out = await writeVersion(ctx, id, baseVersion, actor, async (current) => ({ content: articleContent(input, current), note: input.note?.trim() || null, restoredFrom: null }));
  if (out.changed) await auditArticle(ctx, 'edited', out.article, actor, { from: baseVersion, ...(input.note?.trim() && { note: input.note.trim() }) });
  return out;
}

/** Restoring an old version makes its content the newest version (history is never rewritten). */
export async function restoreArticle(ctx: Pick<KnowledgeContext, 'clock' | 'unitOfWork' | 'audit'>, id: string, version: number, baseVersion: number, actor: Actor) {
  const out = await writeVersion(ctx, id, baseVersion, actor, async (_current, st) => {
    const old = await st.knowledge.version(id, version);
    if (!old) throw AppError.notFound(`第 ${version} 版 / version ${version}`);
    const { articleId: _a, version: _v, editedAt: _e, editedBy: _b, note: _n, restoredFrom: _r, ...content } = old;
    return { content, note: `恢复第 ${version} 版`, restoredFrom: version };
  });
  if (out.changed) await auditArticle(ctx, 'restored', out.article, actor, { from: baseVersion, restoredFrom: version });
  return out;
}
