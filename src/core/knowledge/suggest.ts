import { searchTerms, searchTokens } from '../search/search-text.js';

/**
 * Articles suggested from a live conversation's text (what the customer said, what the agent is
 * typing). The text is cut into sentences and each goes through the same query form as a search
 * box (`core/search`), keeping the words of two or more characters; the articles holding the most
 * of them, weighted by length and by a hit in the title, come first.
 */

/** Words of polite talk that every call has: they would suggest everything. */
const CHATTER = new Set(
  '您好 你好 请问 我们 你们 他们 这个 那个 什么 怎么 怎么样 可以 一下 谢谢 感谢 没有 就是 还是 因为 所以 但是 现在 已经 知道 时候 客服 先生 女士 小姐 工号 为您 服务 帮您 需要 不是 好的 是的 麻烦 一个 这边 那边 稍等 问题 处理 情况 您的 我的 你的 看看 一些 有点 这样 那样 如果 然后 或者 应该 可能 马上'.split(' '),
);

/** Only the latest part of a long conversation counts: what is being talked about now. */
const RECENT_CHARS = 600;
const MAX_KEYWORDS = 24;

export interface Keyword {
  word: string;
  /** Two-character windows of a longer word: a record segmented differently still matches. */
  bigrams: string[];
}

export function conversationKeywords(text: string): Keyword[] {
  const recent = [...text].slice(-RECENT_CHARS).join('');
  const out: Keyword[] = [];
  const seen = new Set<string>();
  // Latest sentences first: when there are too many words, the oldest are dropped.
  const sentences = recent.split(/[。！？!?；;\n，,]+/).reverse();
  for (const sentence of sentences) {
    if (!sentence.trim()) continue;
    for (const t of searchTerms(sentence)) {
      const kw: Keyword | null = t.kind === 'word' ? { word: t.word, bigrams: [] } : t.kind === 'phrase' ? { word: t.word, bigrams: t.bigrams } : null;
      if (!kw || seen.has(kw.word) || CHATTER.has(kw.word) || /^\d+$/.test(kw.word)) continue;
      seen.add(kw.word);
      out.push(kw);
      if (out.length >= MAX_KEYWORDS) return out;
    }
  }
  return out;
}

export interface SuggestionCandidate<A> {
  article: A;
  title: string;
  /** The article's stored search tokens (space-separated). */
  tokens: string;
}

export interface Suggestion<A> {
  article: A;
  score: number;
  /** The conversation's words the article matched, for "because the call mentioned …". */
  matched: string[];
}

function has(tokens: ReadonlySet<string>, kw: Keyword): boolean {
  return tokens.has(kw.word) || (kw.bigrams.length > 0 && kw.bigrams.every((b) => tokens.has(b)));
}

export function rankSuggestions<A>(candidates: readonly SuggestionCandidate<A>[], keywords: readonly Keyword[], limit = 5): Suggestion<A>[] {
  const ranked: Suggestion<A>[] = [];
  for (const c of candidates) {
    const tokens = new Set(c.tokens.split(' '));
    const title = new Set(searchTokens(c.title).split(' '));
    let score = 0;
    const matched: string[] = [];
    for (const kw of keywords) {
      if (!has(tokens, kw)) continue;
      const weight = Math.min([...kw.word].length, 4);
      score += has(title, kw) ? weight * 2 : weight;
      matched.push(kw.word);
    }
    if (score > 0) ranked.push({ article: c.article, score, matched });
  }
  // Stable: candidates arrive in the index's order (best text rank first), which breaks ties.
  return ranked.sort((a, b) => b.score - a.score).slice(0, limit);
}
