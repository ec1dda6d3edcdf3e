import { articleContent, sameContent, type ArticleInput } from './article-rules.js';
import { createArticle, editArticle } from './article-commands.js';
import type { Actor, KnowledgeContext } from './ports.js';

export type ArticleImportOutcome = 'created' | 'updated' | 'unchanged';

/**
 * One article of an import (`kefu knowledge import`), matched by its title: a new title is a new
 * article, a known one with other content a new version of it, the same content nothing at all — so
 * running an import twice adds nothing. A bad article is the same 400 as over HTTP.
 */
export async function importArticle(ctx: Pick<KnowledgeContext, 'clock' | 'random' | 'unitOfWork' | 'audit' | 'read'>, input: ArticleInput, actor: Actor): Promise<ArticleImportOutcome> {
  const content = articleContent({ ownerId: actor.id, ...input });
  const existing = await ctx.read.knowledge.findArticleByTitle(content.title);
  if (!existing) {
    await createArticle(ctx, input, actor);
    return 'created';
  }
  // The owner stays as it is unless the line names none (an import does not take articles over).
  const next = articleContent({ ...input, ownerId: existing.ownerId }, existing);
  if (sameContent(next, existing)) return 'unchanged';
  await editArticle(ctx, existing.id, existing.version, { ...input, ownerId: existing.ownerId, note: '批量导入更新' }, actor);
  return 'updated';
}
