import type { MigrationContext } from './index.js';

/**
 * Knowledge articles cited by tickets (issue #17): a ticket lists the articles its answer came from,
 * an article the tickets that cite it. One row per ticket and article; the history of linking and
 * unlinking is the ticket's own history. Articles get an index on their title (the import's key).
 */
export async function up({ db }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('ticket_articles')
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('article_id', 'text', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
    .addColumn('linked_at', 'bigint', (c) => c.notNull())
    .addColumn('linked_by', 'text')
    .addColumn('linked_by_name', 'text')
    .addPrimaryKeyConstraint('ticket_articles_pk', ['ticket_id', 'article_id'])
    .execute();
  // The article page: the tickets citing it, newest first.
  await db.schema.createIndex('ticket_articles_article').on('ticket_articles').columns(['article_id', 'ticket_id']).execute();
  // `kefu knowledge import` matches articles by title.
  await db.schema.createIndex('kb_articles_title').on('kb_articles').column('title').execute();
}
