import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { SettingsRepository } from '../db/repositories/settings-repository.js';
import { RETENTION_SETTINGS_KEY, parseRetention, retentionCutoffs, type RetentionPolicy } from '../../core/retention/retention-policy.js';

export interface RetentionResult {
  transcriptsCleared: number;
  callEventsDeleted: number;
  auditDeleted: number;
  liveEventsDeleted: number;
  idCopiesDeleted: number;
}

export async function readRetention(settings: SettingsRepository): Promise<RetentionPolicy> {
  return parseRetention(await settings.get<unknown>(RETENTION_SETTINGS_KEY));
}

/**
 * Removes what the policy no longer allows keeping (issue #20). Idempotent: a second run the same
 * day finds nothing more. Calls stay; their transcripts and the quality findings quoting them go
 * (the score, fatal flag and failed rules stay for reports).
 */
export async function applyRetention(db: Kysely<DB>, policy: RetentionPolicy, now: number): Promise<RetentionResult> {
  const c = retentionCutoffs(policy, now);
  const n = (r: { numUpdatedRows?: bigint; numDeletedRows?: bigint }) => Number(r.numUpdatedRows ?? r.numDeletedRows ?? 0);
  const result: RetentionResult = { transcriptsCleared: 0, callEventsDeleted: 0, auditDeleted: 0, liveEventsDeleted: 0, idCopiesDeleted: 0 };
  if (c.transcriptsBefore !== undefined) {
    result.transcriptsCleared = n(await db.updateTable('calls').set({ transcript: null, quality: null }).where('started_at', '<', c.transcriptsBefore).where('transcript', 'is not', null).executeTakeFirst());
  }
  if (c.callEventsBefore !== undefined) {
    // CDR legs and CTI events keep ms times (queue_log lines live in calls.source_lines).
    result.callEventsDeleted = n(await db.deleteFrom('call_source_events').where('source', 'in', ['cti', 'cdr']).where('time', '<', c.callEventsBefore).executeTakeFirst());
  }
  if (c.auditBefore !== undefined) result.auditDeleted = n(await db.deleteFrom('audit_log').where('at', '<', c.auditBefore).executeTakeFirst());
  result.idCopiesDeleted = n(await db.deleteFrom('visit_id_copies').where('stored_at', '<', c.idCopiesBefore).executeTakeFirst());
  result.liveEventsDeleted = n(await db.deleteFrom('event_log').where('at', '<', c.liveEventsBefore).executeTakeFirst());
  return result;
}
