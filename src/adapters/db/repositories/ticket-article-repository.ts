import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { LinkedArticle, TicketArticleLink, TicketArticleStore } from '../../../core/tickets/ports.js';

/** Knowledge articles cited by tickets (table `ticket_articles`, migration 014). Data access only: rules live in core/tickets/ticket-articles.ts. */
export class TicketArticleRepository implements TicketArticleStore {
  constructor(private readonly db: Kysely<DB>) {}

  async articleTitle(articleId: string): Promise<string | undefined> {
    const r = await this.db.selectFrom('kb_articles').select('title').where('id', '=', articleId).executeTakeFirst();
    return r?.title;
  }

  async find(ticketId: string, articleId: string): Promise<TicketArticleLink | undefined> {
    const r = await this.db.selectFrom('ticket_articles').selectAll().where('ticket_id', '=', ticketId).where('article_id', '=', articleId).executeTakeFirst();
    return r && { ticketId: r.ticket_id, articleId: r.article_id, linkedAt: r.linked_at, linkedBy: r.linked_by, linkedByName: r.linked_by_name };
  }

  async insert(l: TicketArticleLink): Promise<void> {
    await this.db.insertInto('ticket_articles').values({ ticket_id: l.ticketId, article_id: l.articleId, linked_at: l.linkedAt, linked_by: l.linkedBy, linked_by_name: l.linkedByName }).execute();
  }

  async remove(ticketId: string, articleId: string): Promise<void> {
    await this.db.deleteFrom('ticket_articles').where('ticket_id', '=', ticketId).where('article_id', '=', articleId).execute();
  }

  async forTicket(ticketId: string): Promise<LinkedArticle[]> {
    const rows = await this.db
      .selectFrom('ticket_articles')
      .innerJoin('kb_articles', 'kb_articles.id', 'ticket_articles.article_id')
      .select([
        'ticket_articles.ticket_id',
        'ticket_articles.article_id',
        'ticket_articles.linked_at',
        'ticket_articles.linked_by',
        'ticket_articles.linked_by_name',
        'kb_articles.title',
        'kb_articles.category',
        'kb_articles.visibility',
        'kb_articles.version',
        'kb_articles.review_date',
      ])
      .where('ticket_articles.ticket_id', '=', ticketId)
      .orderBy('ticket_articles.linked_at')
      .orderBy('ticket_articles.article_id')
      .execute();
    return rows.map((r) => ({
      ticketId: r.ticket_id,
      articleId: r.article_id,
      linkedAt: Number(r.linked_at),
      linkedBy: r.linked_by,
      linkedByName: r.linked_by_name,
      title: r.title,
      category: r.category,
      visibility: r.visibility,
      version: r.version,
      reviewDate: r.review_date,
    }));
  }
}
