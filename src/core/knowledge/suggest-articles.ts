import type { Article } from './model.js';
import type { KnowledgeContext } from './ports.js';
import { conversationKeywords, rankSuggestions, type Suggestion } from './suggest.js';

const CANDIDATES = 50;

/** CP-COMPLEX on the desk: the articles the live conversation is about, best first (none for small talk). */
export async function suggestArticles(ctx: Pick<KnowledgeContext, 'read'>, text: string, limit = 5): Promise<{ keywords: string[]; suggestions: Suggestion<Article>[] }> {
  const keywords = conversationKeywords(text);
  if (keywords.length === 0) return { keywords: [], suggestions: [] };
  const candidates = await ctx.read.knowledge.suggestionCandidates(keywords, CANDIDATES);
  return { keywords: keywords.map((k) => k.word), suggestions: rankSuggestions(candidates, keywords, limit) };
}
