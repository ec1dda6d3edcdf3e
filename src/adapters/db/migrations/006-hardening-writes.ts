import type { MigrationContext } from './index.js';

/** Issue #12 (write path): responses kept per Idempotency-Key, so a retried create is answered, not repeated. */
export async function up({ db }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('idempotency_keys')
    // Who sent it and where: `<user id> POST /api/tickets`; a key means nothing outside its scope.
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    // pending while the first request runs, done once its answer is stored.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('response_status', 'integer')
    .addColumn('response_body', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pkey', ['scope', 'key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_created').on('idempotency_keys').column('created_at').execute();
}
