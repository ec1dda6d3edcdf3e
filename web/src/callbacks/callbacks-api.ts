import { api } from '../api/client';
import type { CallbackSummary } from '../../../src/core/callbacks/callback-summary';

/** The callback shapes of `src/adapters/http/routes/callbacks.ts`, as the browser reads them. */
export const callbackTypes = ['explanation', 'promotion', 'relationship', 'mediation', 'suggestion', 'guidance'] as const;
export type CallbackType = (typeof callbackTypes)[number];
export const attemptOutcomes = ['reached', 'no_answer', 'busy', 'wrong_number', 'absent', 'refused'] as const;
export type AttemptOutcome = (typeof attemptOutcomes)[number];
export type TaskStatus = 'pending' | 'retry' | 'closed';

export interface CallableNow {
  callable: boolean;
  rule: string | null;
  reason: string | null;
  reasonEn: string | null;
  next: number | null;
}

export interface CallbackTarget {
  customerId: string;
  customerCode?: string | null;
  customerName: string;
  /** Masked by the server (one masking policy). */
  number: string;
  numberKind: 'home' | 'work';
  ticketId?: string | null;
  reason: string;
}

export interface CallbackReport {
  customerName: string;
  contact: string;
  at: number;
  type: CallbackType;
  content: string;
  opinions: string;
  satisfaction: number;
  solved: boolean;
  followUpNeeded: boolean;
  agent: string;
}

export interface CallbackAttempt {
  at: number;
  agent: string;
  outcome: AttemptOutcome;
  note?: string;
  report?: CallbackReport;
}

export interface CallbackTask {
  id: string;
  key: string;
  campaignId: string;
  target: CallbackTarget;
  due: { first: string; last: string; startsAt: number; endsAt: number };
  agent: string | null;
  plannedAt: number | null;
  attempts: CallbackAttempt[];
  status: TaskStatus;
  closeReason: string | null;
  callableNow: CallableNow;
  late: boolean;
}

export interface TaskDetail {
  task: CallbackTask;
  campaign: { id: string; name: string; type: CallbackType; script: string | null } | null;
  type: CallbackType;
  script: { name: string; purpose: string; opening: string; script: string; extra: string | null; requirements: string[] };
  ticket: { id: string; type: string; title: string | null; description: string; status: string; reopenCount: number } | null;
  callLimitSeconds: number;
}

export interface PlanSummary {
  planned: number;
  alreadyPlanned: number;
  unplaceable: Record<string, number>;
  perAgent: Record<string, number>;
}

export interface Campaign {
  id: string;
  name: string;
  type: CallbackType;
  selection: { kind: string } & Record<string, unknown>;
  period: { from: string; to: string };
  ownerTeam: string;
  lastPlan: PlanSummary | null;
  createdAt: number;
}

export interface SelectionPreview {
  count: number;
  matched: number;
  skipped: Record<string, number>;
  empty: { reason: string; reasonEn: string } | null;
  sample: CallbackTarget[];
}

// The supervisor's figures are the core's own shapes (type-only: nothing of the server is bundled).
export type { AgentSummary, CallbackSummary } from '../../../src/core/callbacks/callback-summary';

export interface CampaignInput {
  name: string;
  type: CallbackType;
  selection: Record<string, unknown>;
  period: { from: string; to: string };
  ownerTeam: string;
}

export interface AttemptInput {
  outcome: AttemptOutcome;
  report?: Omit<CallbackReport, 'at'> & { at: number };
  message?: { takenBy: { name: string; relation: string }; left: string; callAgainAt?: string; otherContact?: string };
}

const taskPath = (id: string) => `/api/callbacks/${encodeURIComponent(id)}`;

export const callbacksApi = {
  list(filters: { due?: string; agent?: string; status?: string; campaign?: string }, signal?: AbortSignal): Promise<{ items: CallbackTask[]; nextCursor: string | null }> {
    return api.get('/api/callbacks', { signal, query: { ...filters, limit: 200 } });
  },
  get(id: string, signal?: AbortSignal): Promise<TaskDetail> {
    return api.get(taskPath(id), { signal });
  },
  attempt(id: string, input: AttemptInput): Promise<{ task: CallbackTask; reopen: { ticketId: string | null } | null }> {
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
  plan(id: string, dryRun: boolean): Promise<{ summary: PlanSummary; skipped: Record<string, number> }> {
    return api.post(`/api/callbacks/campaigns/${encodeURIComponent(id)}/plan`, { dryRun });
  },
  summary(campaign: string | undefined, signal?: AbortSignal): Promise<CallbackSummary> {
    return api.get('/api/callbacks/summary', { signal, query: { campaign } });
  },
  exportUrl(list: 'targets' | 'reports', format: 'csv' | 'xlsx', campaign?: string): string {
    const q = new URLSearchParams({ list, format, ...(campaign ? { campaign } : {}) });
    return `/api/callbacks/export?${q.toString()}`;
  },
};

/** mm:ss of the CB-3MIN call clock. */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}
