import { z } from 'zod';

/**
 * How long each kind of data is kept (PIPL: no longer than the purpose needs; issue #20). Stored in
 * the settings table under `retention`, edited by admins (`PUT /api/retention`), enforced by the
 * daily retention job. `null` keeps that kind for ever.
 *
 * - `transcriptsDays`: a call's transcript and the quality result quoting it (the score, fatal flag
 *   and failed rules stay for reports);
 * - `callEventsDays`: the raw CTI and CDR events calls were rebuilt from (the calls stay);
 * - `auditDays`: audit log rows;
 * - `liveEventsHours`: the live event log streams catch up from (the `Last-Event-ID` window);
 * - `idCopiesDays`: ID copies kept for a walk-in visit (VS-PRIVACY: only as long as the matter needs).
 */
export const retentionSchema = z.object({
  transcriptsDays: z.number().int().min(1).max(36_500).nullable(),
  callEventsDays: z.number().int().min(1).max(36_500).nullable(),
  auditDays: z.number().int().min(30).max(36_500).nullable(),
  liveEventsHours: z.number().int().min(1).max(24 * 90),
  // Added after the first release: a PUT that leaves it out sets the default (30 days).
  idCopiesDays: z.number().int().min(1).max(3650).default(30),
});
export type RetentionPolicy = z.output<typeof retentionSchema>;

export const RETENTION_SETTINGS_KEY = 'retention';

export const defaultRetention: RetentionPolicy = { transcriptsDays: 365, callEventsDays: 365, auditDays: 1095, liveEventsHours: 72, idCopiesDays: 30 };

/** The stored policy with defaults for anything missing or no longer valid. */
export function parseRetention(stored: unknown): RetentionPolicy {
  const merged = { ...defaultRetention, ...(stored !== null && typeof stored === 'object' ? stored : {}) };
  const r = retentionSchema.safeParse(merged);
  return r.success ? r.data : defaultRetention;
}

export interface RetentionCutoffs {
  /** Rows older than these instants (epoch ms) go; undefined: kept for ever. */
  transcriptsBefore: number | undefined;
  callEventsBefore: number | undefined;
  auditBefore: number | undefined;
  liveEventsBefore: number;
  idCopiesBefore: number;
}

const DAY = 86_400_000;

export function retentionCutoffs(p: RetentionPolicy, now: number): RetentionCutoffs {
  return {
    transcriptsBefore: p.transcriptsDays === null ? undefined : now - p.transcriptsDays * DAY,
    callEventsBefore: p.callEventsDays === null ? undefined : now - p.callEventsDays * DAY,
    auditBefore: p.auditDays === null ? undefined : now - p.auditDays * DAY,
    liveEventsBefore: now - p.liveEventsHours * 3_600_000,
    idCopiesBefore: now - p.idCopiesDays * DAY,
  };
}
