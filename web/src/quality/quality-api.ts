import { api } from '../api/client';
import type { CallDetail, CallPage, QualityResult } from './quality-types';

export interface CallFilters {
  agent?: string;
  /** YYYY-MM-DD, local day; sent as the start of that day with the browser's offset. */
  from?: string;
  to?: string;
  /** A rule ID (PH-TABOO) the call failed: the server keeps the calls whose check of it failed. */
  rule?: string;
  fatal?: boolean;
}

/** `2026-03-02` → `2026-03-02T00:00:00+08:00` (the API wants an instant with its offset). */
export function startOfDayIso(day: string, addDays = 0): string {
  const [y, m, d] = day.split('-').map(Number);
  const local = new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + addDays);
  const offset = -local.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const mm = String(Math.abs(offset) % 60).padStart(2, '0');
  const date = `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`;
  return `${date}T00:00:00${sign}${hh}:${mm}`;
}

export const qualityApi = {
  listCalls(filters: CallFilters, cursor: string | undefined, signal?: AbortSignal): Promise<CallPage> {
    return api.get<CallPage>('/api/calls', {
      signal,
      query: {
        agent: filters.agent || undefined,
        from: filters.from ? startOfDayIso(filters.from) : undefined,
        // The "to" day is included: the API's `to` is exclusive.
        to: filters.to ? startOfDayIso(filters.to, 1) : undefined,
        rule: filters.rule || undefined,
        fatal: filters.fatal ? true : undefined,
        limit: 50,
        cursor,
      },
    });
  },
  /** `lang: 'en'` has the checks worded in English (stored as judged, usually in Chinese). */
  getCall(id: string, signal?: AbortSignal, lang?: 'en'): Promise<CallDetail> {
    return api.get<CallDetail>(`/api/calls/${encodeURIComponent(id)}`, { signal, ...(lang && { query: { lang } }) });
  },
  attachTranscript(id: string, transcript: unknown): Promise<{ quality: QualityResult }> {
    return api.post(`/api/calls/${encodeURIComponent(id)}/transcript`, transcript);
  },
  inspect(transcript: unknown, lang: 'zh' | 'en'): Promise<QualityResult> {
    return api.post<QualityResult>('/api/qa/inspect', transcript, { query: { lang } });
  },
  inspectMany(transcripts: unknown[], lang: 'zh' | 'en'): Promise<{ results: QualityResult[] }> {
    return api.post<{ results: QualityResult[] }>('/api/qa/inspect', { transcripts }, { query: { lang } });
  },
};

/** Rule IDs of STANDARD.md that a check can carry (CONTRACT.md → Quality result). */
export const ruleIds = [
  'PH-OPEN.greeting', 'PH-OPEN.identity', 'PH-OPEN.offer', 'PH-OPEN.time', 'PH-RING', 'PH-CONFIRM', 'PH-LISTEN', 'PH-RATE',
  'PH-POLITE', 'PH-TABOO', 'PH-CLOSE-ASK', 'PH-CLOSE', 'PH-HANGUP', 'HD-WHY', 'HD-ASK', 'HD-LIMIT', 'HD-KEEP', 'TR-WHY', 'TR-ASK',
  'TR-INFO', 'TR-PICKUP', 'TR-THANK', 'CP-APOLOGY', 'CP-PLAN', 'CP-ABUSE', 'FU-NEXT', 'CB-OPEN', 'CB-3MIN', 'CB-NOARGUE', 'CB-HANGUP',
  // Checked since the audit of the seeds (STANDARD.md, "Added after an audit").
  'PH-RESOLVED', 'PH-RING-FAULT', 'PH-REPEAT', 'PH-VOLUME', 'HD-DURING', 'TR-BRIEF', 'CB-LONG',
] as const;
