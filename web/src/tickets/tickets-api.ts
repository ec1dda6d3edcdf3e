import { api } from '../api/client';

/** The ticket shapes of `src/adapters/http/routes/tickets.ts`, as the browser reads them. */
export const ticketStatuses = ['open', 'in_progress', 'waiting_customer', 'resolved', 'closed', 'reopened'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];
export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof ticketPriorities)[number];
export const ticketChannels = ['phone', 'chat', 'visit', 'callback', 'email', 'other'] as const;
export type TicketChannel = (typeof ticketChannels)[number];
export type EscalationLevel = 'agent' | 'supervisor' | 'management_office';

export interface CallSummary {
  problemType: string;
  solution: string;
  satisfaction: number | null;
  writtenAt: number;
}

export interface Ticket {
  id: string;
  type: string;
  complaintClass: string | null;
  complaintGrade: string | null;
  problemType: string | null;
  title: string | null;
  description: string;
  customerId: string | null;
  customerName: string;
  contactPhone: string | null;
  callId: string | null;
  visitId: string | null;
  channel: TicketChannel;
  status: TicketStatus;
  priority: TicketPriority;
  assigneeId: string | null;
  team: string | null;
  escalationLevel: EscalationLevel;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
  callEndedAt: number | null;
  summary: CallSummary | null;
  resolvedAt: number | null;
  closedAt: number | null;
  /** Listed with `dueWithin`: when the open promise in that period falls due. */
  promiseDueAt?: number;
  reopenCount: number;
  pausedSince: number | null;
}

export interface TicketPromise {
  id: string;
  ticketId: string;
  kind: 'reply' | 'follow_up' | 'callback';
  duration: string | null;
  startedAt: number;
  dueAt: number;
  remindAt: number | null;
  status: 'open' | 'kept' | 'broken';
  keptAt: number | null;
  brokenAt: number | null;
  escalationStep: number;
  createdAt: number;
  createdBy: string | null;
  note: string | null;
}

export interface TicketHistoryEntry {
  id: string;
  at: number;
  actorId: string | null;
  actorName: string | null;
  action: string;
  changes: Record<string, { from: unknown; to: unknown }> | null;
  note: string | null;
}

export interface TicketDetail {
  ticket: Ticket;
  history: TicketHistoryEntry[];
  promises: TicketPromise[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface TicketTypeSetting {
  key: string;
  label: string;
  requiredFields: string[];
  followUpWithin?: string;
}

export interface TicketSettings {
  types: TicketTypeSetting[];
  complaintClasses: { key: string; label: string }[];
  complaintGrades: { key: string; label: string; replyLimit: string }[];
  escalationChain: { level: EscalationLevel; label: string }[];
  ticketWithinMinutes: number;
  summaryWithinMinutes: number;
}

export interface TicketFilters {
  q?: string;
  status?: string;
  type?: string;
  assignee?: string;
  overdue?: boolean;
  /** Only tickets with an open promise due from now to now + this: `4h`, `30m`, `2d`. */
  dueWithin?: string;
  customerId?: string;
  callId?: string;
}

export interface NewTicket {
  type: string;
  customerId?: string | null;
  customerName?: string | null;
  contactPhone?: string | null;
  description?: string;
  complaintClass?: string | null;
  complaintGrade?: string | null;
  callId?: string | null;
  callEndedAt?: number | null;
  channel?: TicketChannel;
  priority?: TicketPriority;
  summary?: { problemType: string; solution: string; satisfaction?: number | null } | null;
}

const ticketPath = (id: string) => `/api/tickets/${encodeURIComponent(id)}`;

export const ticketsApi = {
  list(filters: TicketFilters, cursor: string | undefined, signal?: AbortSignal, limit = 50): Promise<Page<Ticket>> {
    return api.get<Page<Ticket>>('/api/tickets', {
      signal,
      query: {
        q: filters.q || undefined,
        status: filters.status || undefined,
        type: filters.type || undefined,
        assignee: filters.assignee || undefined,
        overdue: filters.overdue ? 'true' : undefined,
        dueWithin: filters.dueWithin || undefined,
        customerId: filters.customerId || undefined,
        callId: filters.callId || undefined,
        limit,
        cursor,
      },
    });
  },
  get(id: string, signal?: AbortSignal): Promise<TicketDetail> {
    return api.get<TicketDetail>(ticketPath(id), { signal });
  },
  /** The ticket with its numbers unmasked; audited on the server as ticket.pii_read. */
  reveal(id: string): Promise<TicketDetail> {
    return api.get<TicketDetail>(ticketPath(id), { query: { reveal: 'pii' } });
  },
  create(input: NewTicket): Promise<TicketDetail> {
    return api.post<TicketDetail>('/api/tickets', input);
  },
  update(id: string, patch: Partial<NewTicket> & { status?: 'in_progress' | 'waiting_customer' }): Promise<TicketDetail> {
    return api.patch<TicketDetail>(ticketPath(id), patch);
  },
  escalate(id: string, reason: string | null): Promise<TicketDetail> {
    return api.post<TicketDetail>(`${ticketPath(id)}/escalate`, { reason });
  },
  resolve(id: string, solution: string | null): Promise<TicketDetail> {
    return api.post<TicketDetail>(`${ticketPath(id)}/resolve`, { solution });
  },
  reopen(id: string, reason: string | null): Promise<TicketDetail> {
    return api.post<TicketDetail>(`${ticketPath(id)}/reopen`, { reason });
  },
  close(id: string, note: string | null): Promise<TicketDetail> {
    return api.post<TicketDetail>(`${ticketPath(id)}/close`, { note });
  },
  keepPromise(id: string, promiseId: string): Promise<TicketDetail> {
    return api.post<TicketDetail>(`${ticketPath(id)}/promises/${encodeURIComponent(promiseId)}/keep`);
  },
  settings(signal?: AbortSignal): Promise<TicketSettings> {
    return api.get<TicketSettings>('/api/ticket-settings', { signal });
  },
};

/** Which actions the ticket's status allows (mirrors the server's transitions; the server decides). */
export function availableActions(status: TicketStatus): { escalate: boolean; resolve: boolean; reopen: boolean; close: boolean } {
  switch (status) {
    case 'open':
    case 'in_progress':
    case 'waiting_customer':
    case 'reopened':
      return { escalate: true, resolve: true, reopen: false, close: false };
    case 'resolved':
      return { escalate: false, resolve: false, reopen: true, close: true };
    case 'closed':
      return { escalate: false, resolve: false, reopen: true, close: false };
  }
}

/** A promise still open and due within `withinMs` (or already past due) is at risk. */
export function promiseRisk(p: TicketPromise, now: number, withinMs = 2 * 3600_000): 'kept' | 'broken' | 'overdue' | 'at_risk' | 'on_track' {
  if (p.status === 'kept') return 'kept';
  if (p.status === 'broken') return 'broken';
  if (p.dueAt <= now) return 'overdue';
  return p.dueAt - now <= withinMs ? 'at_risk' : 'on_track';
}
