import type { MigrationContext } from './index.js';

/**
 * Issue #18, recordings: a call may carry the PBX's recording reference (an http(s) URL or a path
 * under `KEFU_RECORDINGS_URL`). Only the reference: Kefu stores no audio.
 */
export async function up({ db }: MigrationContext): Promise<void> {
  await db.schema.alterTable('calls').addColumn('recording', 'text').execute();
}
