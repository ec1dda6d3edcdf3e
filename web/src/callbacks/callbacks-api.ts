import { api } from '../api/client';
import type { Locale } from '../i18n/messages';
import { everyMemberOf } from '../api/contract-lists';
import type {
  AttemptInput,
  AttemptOutcome,
  AttemptResult,
  Campaign,
  CampaignInput,
  CallbackSummary,
  CallbackTask,
  CallbackType,
  PlanResult,
  SelectionPreview,
  TaskDetail,
} from '@contract/callbacks';
import type { Page } from '@contract/common';

// The callback shapes are the server's (src/contract/callbacks.ts); a change there is a type error here.
export type {
  AgentSummary,
  AttemptInput,
  AttemptOutcome,
  AttemptResult,
  CallableNow,
  CallbackAttempt,
  CallbackReport,
  CallbackSummary,
  CallbackTarget,
  CallbackTask,
  CallbackType,
  Campaign,
  CampaignInput,
  PlanResult,
  PlanSummary,
  SelectionPreview,
  TaskDetail,
  TaskStatus,
} from '@contract/callbacks';

/** Form options, in the order the screens show them. */
export const callbackTypes = everyMemberOf<CallbackType>()(['explanation', 'promotion', 'relationship', 'mediation', 'suggestion', 'guidance']);
export const attemptOutcomes = everyMemberOf<AttemptOutcome>()(['reached', 'no_answer', 'busy', 'wrong_number', 'absent', 'refused']);

const taskPath = (id: string) => `/api/callbacks/${encodeURIComponent(id)}`;

export const callbacksApi = {
  list(filters: { due?: string; agent?: string; status?: string; campaign?: string }, signal?: AbortSignal): Promise<Page<CallbackTask>> {
    return api.get('/api/callbacks', { signal, query: { ...filters, limit: 200 } });
  },
  get(id: string, signal?: AbortSignal): Promise<TaskDetail> {
    return api.get(taskPath(id), { signal });
  },
  attempt(id: string, input: AttemptInput): Promise<AttemptResult> {
    return api.post(`${taskPath(id)}/attempts`, input);
  },
  assign(id: string, agent: string): Promise<{ task: CallbackTask }> {
    return api.patch(taskPath(id), { agent });
  },
  campaigns(signal?: AbortSignal): Promise<{ items: Campaign[] }> {
    return api.get('/api/callbacks/campaigns', { signal });
  },
  preview(input: CampaignInput): Promise<SelectionPreview> {
    return api.post('/api/callbacks/campaigns/preview', input);
  },
  create(input: CampaignInput): Promise<{ campaign: Campaign; selection: SelectionPreview }> {
    return api.post('/api/callbacks/campaigns', input);
  },
  plan(id: string, dryRun: boolean): Promise<PlanResult> {
    return api.post(`/api/callbacks/campaigns/${encodeURIComponent(id)}/plan`, { dryRun });
  },
  summary(campaign: string | undefined, signal?: AbortSignal): Promise<CallbackSummary> {
    return api.get('/api/callbacks/summary', { signal, query: { campaign } });
  },
  /** The file's headers and fixed values in the reader's language (`lang`). */
  exportUrl(list: 'targets' | 'reports', format: 'csv' | 'xlsx', lang: Locale, campaign?: string): string {
    const q = new URLSearchParams({ list, format, lang, ...(campaign ? { campaign } : {}) });
    return `/api/callbacks/export?${q.toString()}`;
  },
};

/** mm:ss of the CB-3MIN call clock. */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}
