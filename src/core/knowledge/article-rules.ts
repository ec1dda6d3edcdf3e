import { parseLocalDate } from '../calendar/local-date.js';
import { AppError, type FieldError } from '../shared/app-error.js';
import { articleVisibilities, type Article, type ArticleContent, type ArticleVisibility } from './model.js';

export const ARTICLE_LIMITS = { title: 200, answer: 5000, details: 20000, category: 50 } as const;

/** What a writer sends; missing fields keep the article's current value on an edit. */
export interface ArticleInput {
  title?: string | undefined;
  answer?: string | undefined;
  details?: string | null | undefined;
  category?: string | undefined;
  visibility?: ArticleVisibility | undefined;
  ownerId?: string | null | undefined;
  reviewDate?: string | null | undefined;
}

const clean = (s: string | null | undefined): string | null => {
  const t = s?.replace(/\r\n?/g, '\n').trim();
  return t ? t : null;
};

/**
 * An article's content from input (over the current content on an edit), or a 400 naming every
 * bad field in Chinese. A title and an answer are required: an article without the words to say is
 * of no use on a call.
 */
export function articleContent(input: ArticleInput, base?: ArticleContent): ArticleContent {
  const fields: FieldError[] = [];
  const title = input.title !== undefined ? clean(input.title) : (base?.title ?? null);
  const answer = input.answer !== undefined ? clean(input.answer) : (base?.answer ?? null);
  const details = input.details !== undefined ? clean(input.details) : (base?.details ?? null);
  const category = (input.category !== undefined ? clean(input.category) : base?.category) ?? '未分类';
  const visibility = input.visibility ?? base?.visibility ?? 'internal';
  const ownerId = input.ownerId !== undefined ? input.ownerId : (base?.ownerId ?? null);
  const reviewDate = input.reviewDate !== undefined ? clean(input.reviewDate) : (base?.reviewDate ?? null);
  if (!title) fields.push({ path: 'title', message: '请填写标题', code: 'required' });
  else if (title.length > ARTICLE_LIMITS.title) fields.push({ path: 'title', message: `标题不能超过 ${ARTICLE_LIMITS.title} 字`, code: 'too_long', params: { maximum: ARTICLE_LIMITS.title } });
  if (!answer) fields.push({ path: 'answer', message: '请填写答复口径（坐席对客户说的话）', code: 'required' });
  else if (answer.length > ARTICLE_LIMITS.answer) fields.push({ path: 'answer', message: `答复口径不能超过 ${ARTICLE_LIMITS.answer} 字`, code: 'too_long', params: { maximum: ARTICLE_LIMITS.answer } });
  if (details && details.length > ARTICLE_LIMITS.details) fields.push({ path: 'details', message: `详细说明不能超过 ${ARTICLE_LIMITS.details} 字`, code: 'too_long', params: { maximum: ARTICLE_LIMITS.details } });
  if (category.length > ARTICLE_LIMITS.category) fields.push({ path: 'category', message: `分类不能超过 ${ARTICLE_LIMITS.category} 字`, code: 'too_long', params: { maximum: ARTICLE_LIMITS.category } });
  if (!(articleVisibilities as readonly string[]).includes(visibility)) {
    fields.push({ path: 'visibility', message: '可见范围只能是 internal（内部）或 public（可对客）', code: 'one_of', params: { values: articleVisibilities.join(', ') } });
  }
  if (reviewDate) {
    try {
      parseLocalDate(reviewDate, 'reviewDate');
    } catch {
      fields.push({ path: 'reviewDate', message: '复审日期须为 YYYY-MM-DD 格式的有效日期', code: 'invalid_date' });
    }
  }
  if (fields.length > 0) throw AppError.validation(`知识文章填写有误：${fields.map((f) => f.message).join('；')}`, fields);
  return { title: title!, answer: answer!, details, category, visibility, ownerId, reviewDate };
}

/** An article whose review date has come is flagged: its owner should confirm it is still true. */
export function reviewDue(article: Pick<Article, 'reviewDate'>, today: string): boolean {
  return article.reviewDate !== null && article.reviewDate <= today;
}

export function sameContent(a: ArticleContent, b: ArticleContent): boolean {
  return (
    a.title === b.title &&
    a.answer === b.answer &&
    a.details === b.details &&
    a.category === b.category &&
    a.visibility === b.visibility &&
    a.ownerId === b.ownerId &&
    a.reviewDate === b.reviewDate
  );
}
