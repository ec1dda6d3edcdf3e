import type { MessageKey } from '../i18n/messages';
import { api } from '../api/client';
import type { CallDetail } from '@contract/calls';
import type { Agreement, Coverage, DrillRunView, DrillScenarioView, ReviewView, SampleResult, Scorecards } from '@contract/reviews';

/** The review cycle's calls (`/api/reviews`, CONTRACT.md → Quality review cycle); shapes from the shared contract. */
export interface ReviewPage {
  review: ReviewView;
  /** The call as `GET /api/calls/:id` gives it (its `quality` null while the review is blind), with the reader's `recordingUrl`. */
  call: CallDetail | null;
}

export const reviewsApi = {
  sample: (month: string) => api.post<SampleResult>('/api/reviews/sample', { month }),
  coverage: (month: string, signal?: AbortSignal) => api.get<Coverage>('/api/reviews/coverage', { query: { month }, ...(signal && { signal }) }),
  list: (query: Record<string, string | undefined>, signal?: AbortSignal) => api.get<{ items: ReviewView[]; nextCursor: string | null }>('/api/reviews', { query: { limit: 200, ...query }, ...(signal && { signal }) }),
  /** `lang: 'en'` words the engine's checks in English (they are kept as judged, usually in Chinese). */
  get: (id: string, signal?: AbortSignal, lang?: 'en') => api.get<ReviewPage>(`/api/reviews/${encodeURIComponent(id)}`, { ...(signal && { signal }), ...(lang && { query: { lang } }) }),
  patch: (id: string, body: unknown) => api.patch<ReviewView>(`/api/reviews/${encodeURIComponent(id)}`, body),
  ack: (id: string) => api.post<ReviewView>(`/api/reviews/${encodeURIComponent(id)}/ack`),
  appeal: (id: string, checks: Array<{ rule: string; reason: string }>) => api.post<ReviewView>(`/api/reviews/${encodeURIComponent(id)}/appeal`, { checks }),
  decide: (id: string, body: { decision: 'accept' | 'partly' | 'reject'; comment: string; rules?: string[] }) => api.post<ReviewView>(`/api/reviews/${encodeURIComponent(id)}/decide`, body),
  agreement: (signal?: AbortSignal) => api.get<Agreement>('/api/reviews/agreement', signal ? { signal } : {}),
  scorecards: (month: string, signal?: AbortSignal) => api.get<Scorecards>('/api/reviews/scorecards', { query: { month }, ...(signal && { signal }) }),
  scenarios: (signal?: AbortSignal) => api.get<{ items: DrillScenarioView[] }>('/api/reviews/drills/scenarios', signal ? { signal } : {}),
  startDrill: (scenario: string) => api.post<DrillRunView>('/api/reviews/drills', { scenario }),
  getDrill: (id: string, signal?: AbortSignal) => api.get<DrillRunView>(`/api/reviews/drills/${encodeURIComponent(id)}`, signal ? { signal } : {}),
  reply: (id: string, text: string) => api.post<DrillRunView>(`/api/reviews/drills/${encodeURIComponent(id)}/reply`, { text }),
  finish: (id: string) => api.post<DrillRunView>(`/api/reviews/drills/${encodeURIComponent(id)}/finish`),
};

/** Why a call was drawn for review, and an appeal's state, as message keys (worded in web/src/i18n/messages.ts). */
export const reasonLabels: Record<ReviewView['reason'], MessageKey> = { quota: 'review.reason.quota', fatal: 'review.reason.fatal', complaint: 'review.reason.complaint', extra: 'review.reason.extra' };
export const appealStatusLabels: Record<ReviewView['appeals'][number]['status'], MessageKey> = { open: 'review.appeal.open', accepted: 'review.appeal.accepted', partly: 'review.appeal.partly', rejected: 'review.appeal.rejected' };

/** This month in the browser's zone, `YYYY-MM`. */
export function currentMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

export const pct = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : `${Math.round(x * 1000) / 10}%`);
