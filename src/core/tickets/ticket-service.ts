import type { Page } from '../customers/ports.js';
import type { TicketActor } from './ticket-actor.js';
import type { TicketContext, TicketDetail } from './ticket-context.js';
import type { PromiseInput, TicketInput, TicketPatch } from './ticket-input.js';
import type { LinkedArticle, ListedTicket, TicketQuery } from './ports.js';
import type { TicketSettings } from './ticket-settings.js';
import { getTicket } from './get-ticket.js';
import { listTickets } from './list-tickets.js';
import { createTicket } from './create-ticket.js';
import { updateTicket } from './update-ticket.js';
import { escalateTicket } from './escalate-ticket.js';
import { closeTicket, reopenTicket, resolveTicket } from './settle-ticket.js';
import { addPromise, keepPromise } from './ticket-promise-commands.js';
import { escalatePromise, remindPromise } from './promise-timers.js';
import { linkArticle, ticketArticles, ticketsCitingArticle, unlinkArticle } from './ticket-articles.js';
import { assignTicket } from './assign-ticket.js';
import { renegotiatePromise, type RenegotiationInput } from './renegotiate-promise.js';

export type { TicketActor } from './ticket-actor.js';
export { systemActor } from './ticket-actor.js';
export type { TicketContext, TicketDetail } from './ticket-context.js';
export type { PromiseInput, SummaryInput, TicketInput, TicketPatch } from './ticket-input.js';
export type { RenegotiationInput } from './renegotiate-promise.js';

/**
 * Tickets (工单) and the promises made on them, as one object for the callers (routes, jobs, the
 * demo, callbacks): each method is one use case of its own file, run with the same context. Every
 * command runs in one transaction; domain events go out after the commit (`ticket-context.ts`).
 */
export class TicketService {
  constructor(private readonly ctx: TicketContext) {}

  settings(): Promise<TicketSettings> {
    return this.ctx.settings.get();
  }

  get(id: string, actor: TicketActor): Promise<TicketDetail> {
    return getTicket(this.ctx, id, actor);
  }

  list(q: TicketQuery, actor: TicketActor): Promise<Page<ListedTicket>> {
    return listTickets(this.ctx, q, actor);
  }

  create(input: TicketInput, actor: TicketActor): Promise<TicketDetail> {
    return createTicket(this.ctx, input, actor);
  }

  update(id: string, patch: TicketPatch, actor: TicketActor): Promise<TicketDetail> {
    return updateTicket(this.ctx, id, patch, actor);
  }

  assign(id: string, input: { assigneeId: string | null; note?: string | null }, actor: TicketActor): Promise<TicketDetail> {
    return assignTicket(this.ctx, id, input, actor);
  }

  renegotiatePromise(id: string, promiseId: string, input: RenegotiationInput, actor: TicketActor): Promise<TicketDetail> {
    return renegotiatePromise(this.ctx, id, promiseId, input, actor);
  }

  escalate(id: string, input: { reason?: string | null }, actor: TicketActor): Promise<TicketDetail> {
    return escalateTicket(this.ctx, id, input, actor);
  }

  resolve(id: string, input: { solution?: string | null }, actor: TicketActor): Promise<TicketDetail> {
    return resolveTicket(this.ctx, id, input, actor);
  }

  close(id: string, input: { note?: string | null }, actor: TicketActor): Promise<TicketDetail> {
    return closeTicket(this.ctx, id, input, actor);
  }

  reopen(id: string, input: { reason?: string | null; promise?: PromiseInput }, actor: TicketActor): Promise<TicketDetail> {
    return reopenTicket(this.ctx, id, input, actor);
  }

  addPromise(id: string, input: PromiseInput, actor: TicketActor): Promise<TicketDetail> {
    return addPromise(this.ctx, id, input, actor);
  }

  keepPromise(id: string, promiseId: string, actor: TicketActor): Promise<TicketDetail> {
    return keepPromise(this.ctx, id, promiseId, actor);
  }

  remindPromise(promiseId: string): Promise<void> {
    return remindPromise(this.ctx, promiseId);
  }

  escalatePromise(promiseId: string, step: number): Promise<void> {
    return escalatePromise(this.ctx, promiseId, step);
  }

  articles(id: string, actor: TicketActor): Promise<LinkedArticle[]> {
    return ticketArticles(this.ctx, id, actor);
  }

  linkArticle(id: string, articleId: string, actor: TicketActor): Promise<{ linked: boolean; articles: LinkedArticle[] }> {
    return linkArticle(this.ctx, id, articleId, actor);
  }

  unlinkArticle(id: string, articleId: string, actor: TicketActor): Promise<LinkedArticle[]> {
    return unlinkArticle(this.ctx, id, articleId, actor);
  }

  citingArticle(articleId: string, page: { limit: number; cursor?: string | undefined }, actor: TicketActor): Promise<Page<ListedTicket> & { total: number }> {
    return ticketsCitingArticle(this.ctx, articleId, page, actor);
  }
}
