import { api } from '../api/client';

import type { TicketStatus, TicketPriority, TicketChannel } from '@contract/tickets';
import { everyMemberOf } from '../api/contract-lists';

// The ticket shapes are the server's (src/contract/tickets.ts); a change there is a type error here.
export type {
  Ticket,
  TicketListItem,
  TicketDetail,
  TicketPromise,
  TicketHistoryEntry,
  TicketSettings,
  TicketStatus,
  TicketPriority,
  TicketChannel,
  EscalationLevel,
  CallSummary,
  NewTicket,
  TicketPatch,
  LinkedArticle,
  CitingTickets,
  Assignee,
  AssigneeList,
  RenegotiatePromiseRequest,
} from '@contract/tickets';
export type { Page } from '@contract/common';
import type { Page } from '@contract/common';
import type { TicketListItem, TicketDetail, TicketPromise, TicketSettings, NewTicket, TicketPatch, TicketArticles, LinkArticleResult, AssigneeList, RenegotiatePromiseRequest } from '@contract/tickets';

/** A ticket's address in the screens: its number (what people read), the id only for a ticket not yet numbered. */
export function ticketRef(t: { id: string; number: string | null }): string {
  return t.number ?? t.id;
}

/** Filter and form options, in the order the screens show them. */
export const ticketStatuses = everyMemberOf<TicketStatus>()(['open', 'in_progress', 'waiting_customer', 'resolved', 'closed', 'reopened']);
export const ticketPriorities = everyMemberOf<TicketPriority>()(['low', 'normal', 'high', 'urgent']);
export const ticketChannels = everyMemberOf<TicketChannel>()(['phone', 'chat', 'visit', 'callback', 'email', 'other']);

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


const ticketPath = (id: string) => `/api/tickets/${encodeURIComponent(id)}`;

export const ticketsApi = {
  list(filters: TicketFilters, cursor: string | undefined, signal?: AbortSignal, limit = 50): Promise<Page<TicketListItem>> {
    return api.get<Page<TicketListItem>>('/api/tickets', {
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
  update(id: string, patch: TicketPatch): Promise<TicketDetail> {
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
  /** The knowledge articles the ticket cites (issue #17). */
  articles(id: string, signal?: AbortSignal): Promise<TicketArticles> {
    return api.get<TicketArticles>(`${ticketPath(id)}/articles`, { signal });
  },
  /** Cite an article on the ticket (idempotent; written to the ticket's history). */
  linkArticle(id: string, articleId: string): Promise<LinkArticleResult> {
    return api.post<LinkArticleResult>(`${ticketPath(id)}/articles`, { articleId });
  },
  unlinkArticle(id: string, articleId: string): Promise<TicketArticles> {
    return api.delete<TicketArticles>(`${ticketPath(id)}/articles/${encodeURIComponent(articleId)}`);
  },
  assign(id: string, assigneeId: string | null, note: string | null = null): Promise<TicketDetail> {
    return api.post<TicketDetail>(`${ticketPath(id)}/assign`, { assigneeId, note });
  },
  /** CP-PROMISE: the reply time agreed with the customer replaces a broken or at-risk promise. */
  renegotiate(id: string, promiseId: string, body: RenegotiatePromiseRequest): Promise<TicketDetail> {
    return api.post<TicketDetail>(`${ticketPath(id)}/promises/${encodeURIComponent(promiseId)}/renegotiate`, body);
  },
  /** Who the signed-in user may give a ticket to. */
  assignees(signal?: AbortSignal): Promise<AssigneeList> {
    return api.get<AssigneeList>('/api/tickets/assignees', { signal });
  },
  settings(signal?: AbortSignal): Promise<TicketSettings> {
    return api.get<TicketSettings>('/api/ticket-settings', { signal });
  },
};

/**
 * A promise still open and due within `atRiskWithinMs` (or already past due) is at risk. The window
 * is the server's (`TicketSettings.atRiskWithinMs`, the pack's reminder lead time), never a constant here.
 */
export function promiseRisk(p: TicketPromise, now: number, atRiskWithinMs: number): 'kept' | 'broken' | 'overdue' | 'at_risk' | 'on_track' | 'renegotiated' {
  if (p.status === 'renegotiated') return 'renegotiated';
  if (p.status === 'kept') return 'kept';
  if (p.status === 'broken') return 'broken';
  if (p.dueAt <= now) return 'overdue';
  return p.dueAt - now <= atRiskWithinMs ? 'at_risk' : 'on_track';
}
