import type { MigrationContext } from './index.js';

export async function up({ db }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('standard_versions')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('pack_id', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
}
