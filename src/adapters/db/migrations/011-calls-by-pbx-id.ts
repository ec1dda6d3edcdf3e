import type { MigrationContext } from './index.js';

/**
 * Issue #18 (PBX connectors): a call seen live (source cti) and the same call imported later from
 * queue_log share the PBX's id; the KPI report counts it once (the log's), which looks the id up
 * among the other source's calls.
 */
export async function up({ db }: MigrationContext): Promise<void> {
  await db.schema.createIndex('calls_source_external_id').on('calls').columns(['source', 'external_id']).execute();
}
