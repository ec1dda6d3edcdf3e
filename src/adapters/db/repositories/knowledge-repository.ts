import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../schema.js';
import type { Dialect } from '../database.js';
import type { KbArticlesTable, KbArticleVersionsTable } from '../tables/knowledge.js';
import type { Page } from '../../../core/customers/ports.js';
import type { ArticleQuery, KnowledgeStore } from '../../../core/knowledge/ports.js';
import type { Article, ArticleContent, ArticleVersion, ArticleVisibility } from '../../../core/knowledge/model.js';
import type { Keyword, SuggestionCandidate } from '../../../core/knowledge/suggest.js';
import { searchTokens } from '../../../core/search/search-text.js';
import { decodeCursor, encodeCursor, pgRankMatters, searchClause, tsqueryOf } from './search-sql.js';

const columns = [
  'kb_articles.id',
  'kb_articles.title',
  'kb_articles.answer',
  'kb_articles.details',
  'kb_articles.category',
  'kb_articles.visibility',
  'kb_articles.owner_id',
  'kb_articles.review_date',
  'kb_articles.version',
  'kb_articles.created_at',
  'kb_articles.updated_at',
  'kb_articles.updated_by',
] as const;

type Row = Omit<Selectable<KbArticlesTable>, 'search_tokens' | 'search_seq'>;

function toArticle(r: Row): Article {
  return {
    id: r.id,
    title: r.title,
    answer: r.answer,
    details: r.details,
    category: r.category,
    visibility: r.visibility as ArticleVisibility,
    ownerId: r.owner_id,
    reviewDate: r.review_date,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

function toVersion(r: Selectable<KbArticleVersionsTable>): ArticleVersion {
  const content = JSON.parse(r.content) as ArticleContent;
  return { ...content, articleId: r.article_id, version: r.version, editedAt: r.edited_at, editedBy: r.edited_by, note: r.note, restoredFrom: r.restored_from };
}

/**
 * The tokens an article is found by: the same form as tickets (jieba words and two-character
 * windows of the Simplified text, `core/search`). The title goes in twice so that, in FTS5's
 * bm25, an article *about* the word ranks above one that mentions it.
 */
export function articleSearchTokens(a: ArticleContent): string {
  return searchTokens(a.title, a.title, a.category, a.answer, a.details);
}

function values(a: Article) {
  return {
    id: a.id,
    title: a.title,
    answer: a.answer,
    details: a.details,
    category: a.category,
    visibility: a.visibility,
    owner_id: a.ownerId,
    review_date: a.reviewDate,
    version: a.version,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
    updated_by: a.updatedBy,
  };
}

function versionValues(v: ArticleVersion) {
  const content: ArticleContent = { title: v.title, answer: v.answer, details: v.details, category: v.category, visibility: v.visibility, ownerId: v.ownerId, reviewDate: v.reviewDate };
  return { article_id: v.articleId, version: v.version, content: JSON.stringify(content), edited_at: v.editedAt, edited_by: v.editedBy, note: v.note, restored_from: v.restoredFrom };
}

/** FTS5 / tsquery text matching any of the keywords (a suggestion needs one, ranks by how many). */
function anyKeyword(keywords: readonly Keyword[], dialect: Dialect): string {
  if (dialect === 'sqlite') return keywords.map((k) => (k.bigrams.length ? `("${k.word}" OR (${k.bigrams.map((b) => `"${b}"`).join(' AND ')}))` : `"${k.word}"`)).join(' OR ');
  return keywords.map((k) => (k.bigrams.length ? `('${k.word}' | (${k.bigrams.map((b) => `'${b}'`).join(' & ')}))` : `'${k.word}'`)).join(' | ');
}

/** Knowledge articles, their versions and their full-text index. Data access only: rules live in src/core/knowledge. */
export class KnowledgeRepository implements KnowledgeStore {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: Dialect,
  ) {}

  async insertArticle(a: Article, first: ArticleVersion): Promise<void> {
    const tokens = articleSearchTokens(a);
    await this.db
      .insertInto('kb_articles')
      .values({
        ...values(a),
        search_tokens: tokens,
        // SQLite writers are serialized, so max()+1 is a safe key for the FTS row.
        search_seq: this.dialect === 'sqlite' ? sql<number>`(select coalesce(max(search_seq), 0) + 1 from kb_articles)` : null,
      })
      .execute();
    await this.db.insertInto('kb_article_versions').values(versionValues(first)).execute();
    if (this.dialect === 'sqlite') await sql`insert into kb_fts(rowid, tokens) select search_seq, ${tokens} from kb_articles where id = ${a.id}`.execute(this.db);
  }

  async updateArticle(a: Article, version: ArticleVersion): Promise<void> {
    const tokens = articleSearchTokens(a);
    const before = await this.db.selectFrom('kb_articles').select(['search_tokens', 'search_seq']).where('id', '=', a.id).executeTakeFirst();
    const { id: _id, created_at: _c, ...rest } = values(a);
    await this.db.updateTable('kb_articles').set({ ...rest, search_tokens: tokens }).where('id', '=', a.id).execute();
    await this.db.insertInto('kb_article_versions').values(versionValues(version)).execute();
    if (this.dialect === 'sqlite' && before && before.search_tokens !== tokens && before.search_seq !== null) {
      await sql`delete from kb_fts where rowid = ${before.search_seq}`.execute(this.db);
      await sql`insert into kb_fts(rowid, tokens) values (${before.search_seq}, ${tokens})`.execute(this.db);
    }
  }

  async findArticle(id: string): Promise<Article | undefined> {
    const r = await this.db.selectFrom('kb_articles').select(columns).where('id', '=', id).executeTakeFirst();
    return r && toArticle(r);
  }

  async findArticleByTitle(title: string): Promise<Article | undefined> {
    const r = await this.db.selectFrom('kb_articles').select(columns).where('title', '=', title).orderBy('id', 'desc').limit(1).executeTakeFirst();
    return r && toArticle(r);
  }

  async findArticleForUpdate(id: string): Promise<Article | undefined> {
    let q = this.db.selectFrom('kb_articles').select(columns).where('id', '=', id);
    // SQLite has no row locks and needs none: its one writer runs transactions one at a time.
    if (this.dialect === 'postgres') q = q.forUpdate();
    const r = await q.executeTakeFirst();
    return r && toArticle(r);
  }

  async listArticles(q: ArticleQuery): Promise<Page<Article>> {
    const cursor = decodeCursor(q.cursor);
    const search = searchClause(q.q, this.dialect);
    let query = this.db.selectFrom('kb_articles').select(columns);
    if (q.category) query = query.where('kb_articles.category', '=', q.category);
    if (q.reviewDueOn) query = query.where('kb_articles.review_date', '<=', q.reviewDueOn);
    if (search) {
      const offset = cursor && 'offset' in cursor ? cursor.offset : 0;
      if (this.dialect === 'sqlite' && !q.category && !q.reviewDueOn) {
        // Search alone: rank and cut the page inside FTS5 first, then fetch only those articles (as tickets do).
        const rows = await this.db
          .selectFrom((eb) =>
            eb
              .selectFrom('kb_fts')
              .select(['kb_fts.rowid', 'kb_fts.rank'])
              .where(sql<boolean>`kb_fts match ${search.text}`)
              .orderBy('kb_fts.rank')
              .orderBy('kb_fts.rowid', 'desc')
              .limit(q.limit + 1)
              .offset(offset)
              .as('f'),
          )
          .innerJoin('kb_articles', 'kb_articles.search_seq', 'f.rowid')
          .select(columns)
          .orderBy('f.rank')
          .orderBy('f.rowid', 'desc')
          .execute();
        return { items: rows.slice(0, q.limit).map(toArticle), nextCursor: rows.length > q.limit ? encodeCursor({ offset: offset + q.limit }) : null };
      }
      if (this.dialect === 'sqlite') {
        query = query
          .innerJoin('kb_fts', 'kb_fts.rowid', 'kb_articles.search_seq')
          .where(sql<boolean>`kb_fts match ${search.text}`)
          .orderBy(sql`kb_fts.rank`)
          .orderBy('kb_articles.id', 'desc');
      } else {
        const tsq = tsqueryOf(search.text);
        query = query.where(sql<boolean>`kb_articles.search_vector @@ ${tsq}`);
        if (pgRankMatters(search)) query = query.orderBy(sql`ts_rank(kb_articles.search_vector, ${tsq})`, 'desc');
        query = query.orderBy('kb_articles.id', 'desc');
      }
      const rows = await query.limit(q.limit + 1).offset(offset).execute();
      return { items: rows.slice(0, q.limit).map(toArticle), nextCursor: rows.length > q.limit ? encodeCursor({ offset: offset + q.limit }) : null };
    }
    if (cursor && 'id' in cursor) query = query.where('kb_articles.id', '<', cursor.id);
    const rows = await query.orderBy('kb_articles.id', 'desc').limit(q.limit + 1).execute();
    const items = rows.slice(0, q.limit).map(toArticle);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > q.limit && last ? encodeCursor({ id: last.id }) : null };
  }

  async versions(articleId: string): Promise<ArticleVersion[]> {
    const rows = await this.db.selectFrom('kb_article_versions').selectAll().where('article_id', '=', articleId).orderBy('version', 'desc').execute();
    return rows.map(toVersion);
  }

  async version(articleId: string, version: number): Promise<ArticleVersion | undefined> {
    const r = await this.db.selectFrom('kb_article_versions').selectAll().where('article_id', '=', articleId).where('version', '=', version).executeTakeFirst();
    return r && toVersion(r);
  }

  async suggestionCandidates(keywords: readonly Keyword[], limit: number): Promise<SuggestionCandidate<Article>[]> {
    if (keywords.length === 0) return [];
    const text = anyKeyword(keywords, this.dialect);
    const rows =
      this.dialect === 'sqlite'
        ? await this.db
            .selectFrom('kb_articles')
            .innerJoin('kb_fts', 'kb_fts.rowid', 'kb_articles.search_seq')
            .select([...columns, 'kb_articles.search_tokens'])
            .where(sql<boolean>`kb_fts match ${text}`)
            .orderBy(sql`kb_fts.rank`)
            .orderBy('kb_articles.id', 'desc')
            .limit(limit)
            .execute()
        : await this.db
            .selectFrom('kb_articles')
            .select([...columns, 'kb_articles.search_tokens'])
            .where(sql<boolean>`kb_articles.search_vector @@ ${tsqueryOf(text)}`)
            .orderBy(sql`ts_rank(kb_articles.search_vector, ${tsqueryOf(text)})`, 'desc')
            .orderBy('kb_articles.id', 'desc')
            .limit(limit)
            .execute();
    return rows.map((r) => ({ article: toArticle(r), title: r.title, tokens: r.search_tokens }));
  }

  async categories(): Promise<Array<{ category: string; count: number }>> {
    const rows = await this.db
      .selectFrom('kb_articles')
      .select(['category', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('category')
      .orderBy('category')
      .execute();
    return rows.map((r) => ({ category: r.category, count: Number(r.n) }));
  }
}
