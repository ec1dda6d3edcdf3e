import { api } from '../api/client';
import type {
  AgentStateView,
  ArticleCreate,
  ArticleDiff,
  ArticleEdit,
  ArticlePage,
  ArticleVersionView,
  ArticleView,
  BulletinAckResult,
  BulletinCreate,
  BulletinView,
  PendingBulletins,
  ReadReport,
  ShiftStartsBody,
  ShiftStartsView,
  Suggestions,
} from '@contract/knowledge';
import type { CitingTickets } from '@contract/tickets';

export type { AgentStateView, ArticleView, ArticleVersionView, ArticleDiff, BulletinView, ReadReport, ShiftStartsView, Suggestions, CitingTickets };

/** The knowledge base, bulletins and ready state (`/api/knowledge`, `/api/bulletins`, `/api/agents/me`), shapes from the shared contract. */
export const knowledgeApi = {
  list: (query: { q?: string; category?: string; reviewDue?: boolean; cursor?: string }, signal?: AbortSignal) =>
    api.get<ArticlePage>('/api/knowledge', {
      query: { ...(query.q && { q: query.q }), ...(query.category && { category: query.category }), ...(query.reviewDue && { reviewDue: 'true' }), ...(query.cursor && { cursor: query.cursor }), limit: 50 },
      ...(signal && { signal }),
    }),
  get: (id: string, signal?: AbortSignal) => api.get<ArticleView>(`/api/knowledge/${encodeURIComponent(id)}`, signal ? { signal } : {}),
  create: (input: ArticleCreate) => api.post<ArticleView>('/api/knowledge', input),
  edit: (id: string, input: ArticleEdit) => api.patch<ArticleView>(`/api/knowledge/${encodeURIComponent(id)}`, input),
  versions: (id: string, signal?: AbortSignal) => api.get<{ items: ArticleVersionView[] }>(`/api/knowledge/${encodeURIComponent(id)}/versions`, signal ? { signal } : {}),
  diff: (id: string, from: number, to: number) => api.get<ArticleDiff>(`/api/knowledge/${encodeURIComponent(id)}/diff`, { query: { from, to } }),
  restore: (id: string, version: number, baseVersion: number) => api.post<ArticleView>(`/api/knowledge/${encodeURIComponent(id)}/restore`, { version, baseVersion }),
  suggest: (text: string, signal?: AbortSignal) => api.post<Suggestions>('/api/knowledge/suggest', { text }, signal ? { signal } : {}),
  /** The tickets citing the article that the caller may see, with how many there are. */
  citingTickets: (id: string, signal?: AbortSignal) => api.get<CitingTickets>(`/api/knowledge/${encodeURIComponent(id)}/tickets`, { query: { limit: 20 }, ...(signal && { signal }) }),
};

export const bulletinsApi = {
  list: (signal?: AbortSignal) => api.get<{ items: BulletinView[]; nextCursor: string | null }>('/api/bulletins', { query: { limit: 100 }, ...(signal && { signal }) }),
  publish: (input: BulletinCreate) => api.post<BulletinView>('/api/bulletins', input),
  edit: (id: string, input: Partial<BulletinCreate> & { version?: number }) => api.patch<BulletinView>(`/api/bulletins/${encodeURIComponent(id)}`, input),
  pending: (signal?: AbortSignal) => api.get<PendingBulletins>('/api/bulletins/pending', signal ? { signal } : {}),
  ack: (id: string) => api.post<BulletinAckResult>(`/api/bulletins/${encodeURIComponent(id)}/ack`),
  report: (id: string, signal?: AbortSignal) => api.get<ReadReport>(`/api/bulletins/${encodeURIComponent(id)}/report`, signal ? { signal } : {}),
};

export const agentApi = {
  me: (signal?: AbortSignal) => api.get<AgentStateView>('/api/agents/me', signal ? { signal } : {}),
  ready: () => api.post<AgentStateView>('/api/agents/me/ready'),
  notReady: () => api.post<AgentStateView>('/api/agents/me/not-ready'),
  shiftStarts: (signal?: AbortSignal) => api.get<ShiftStartsView>('/api/agents/shift-starts', signal ? { signal } : {}),
  saveShiftStarts: (body: ShiftStartsBody) => api.put<ShiftStartsView>('/api/agents/shift-starts', body),
};
