import { sql } from 'kysely';
import type { MigrationContext } from './index.js';

/** Knowledge base (articles with every version) and shift bulletins with their acknowledgements and the agents' ready state (issue #17). */
export async function up({ db, dialect }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('kb_articles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('details', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('review_date', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('search_tokens', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('search_seq', 'integer', (c) => c.unique())
    .execute();
  await db.schema.createIndex('kb_articles_category').on('kb_articles').columns(['category', 'id']).execute();
  await db.schema.createIndex('kb_articles_review').on('kb_articles').column('review_date').execute();

  await db.schema
    .createTable('kb_article_versions')
    .addColumn('article_id', 'text', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'bigint', (c) => c.notNull())
    .addColumn('edited_by', 'text')
    .addColumn('note', 'text')
    .addColumn('restored_from', 'integer')
    .addPrimaryKeyConstraint('kb_article_versions_pk', ['article_id', 'version'])
    .execute();

  // The same full-text machinery as tickets (005): FTS5 `unicode61` keyed by search_seq on SQLite,
  // a generated tsvector over the token list with a GIN index on PostgreSQL.
  if (dialect === 'sqlite') {
    await sql`create virtual table kb_fts using fts5(tokens, tokenize = 'unicode61')`.execute(db);
  } else {
    await sql`alter table kb_articles add column search_vector tsvector generated always as (array_to_tsvector(array_remove(string_to_array(search_tokens, ' '), ''))) stored`.execute(db);
    await sql`create index kb_articles_search on kb_articles using gin (search_vector)`.execute(db);
  }

  await db.schema
    .createTable('bulletins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('effective_date', 'text', (c) => c.notNull())
    .addColumn('until_date', 'text')
    .addColumn('audience', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('version_at', 'bigint', (c) => c.notNull())
    .addColumn('backdated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bulletins_effective').on('bulletins').columns(['effective_date', 'until_date']).execute();

  await db.schema
    .createTable('bulletin_acks')
    .addColumn('bulletin_id', 'text', (c) => c.notNull().references('bulletins.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('acked_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('bulletin_acks_pk', ['bulletin_id', 'user_id', 'version'])
    .execute();
  await db.schema.createIndex('bulletin_acks_user').on('bulletin_acks').columns(['user_id', 'bulletin_id']).execute();

  await db.schema
    .createTable('agent_states')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('since', 'bigint', (c) => c.notNull())
    .execute();
}
