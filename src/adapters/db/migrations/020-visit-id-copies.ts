import type { MigrationContext } from './index.js';

/**
 * Issue #16, second part: ID copies kept for a walk-in visit (VS-PRIVACY) — only the sealed bytes
 * (AES-256-GCM, the key from the configuration, never in the database), the purpose they were kept
 * for and who kept them; the daily retention run deletes them after their period. A desk's counter
 * (窗口, shown on the waiting-room display) and the live call that put it on the phone (CTI).
 */
export async function up({ db }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('visit_id_copies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('visit_id', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    // Which key sealed it (a digest of the key, never the key), the nonce, the tag and the sealed bytes, base64.
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('iv', 'text', (c) => c.notNull())
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('ciphertext', 'text', (c) => c.notNull())
    .addColumn('stored_by', 'text', (c) => c.notNull())
    .addColumn('stored_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('visit_id_copies_visit').on('visit_id_copies').columns(['visit_id']).execute();
  await db.schema.createIndex('visit_id_copies_stored').on('visit_id_copies').columns(['stored_at']).execute();

  await db.schema.alterTable('visit_desks').addColumn('counter', 'text').execute();
  await db.schema.alterTable('visit_desks').addColumn('phone_call_id', 'text').execute();
}
