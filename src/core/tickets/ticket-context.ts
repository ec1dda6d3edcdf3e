import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import type { Random } from '../shared/random.js';
import { orderedId } from '../customers/ordered-id.js';
import type { Ticket, TicketActions, TicketHistoryAction, TicketHistoryEntry, TicketPromise } from './ticket.js';
import type { TicketSettings } from './ticket-settings.js';
import type { TicketActor } from './ticket-actor.js';
import { assertReadable } from './team-privacy.js';
import { ticketActionsFor } from './ticket-actions.js';
import type { CrmStores, DeadlineFn, DomainEventPublisher, TicketSettingsSource, UnitOfWork } from './ports.js';

/** What every ticket use case gets: ports only, wired in `adapters/crm-services.ts`. */
export interface TicketContext {
  clock: Clock;
  random: Random;
  /** The ticket settings in force (types, complaint grades, escalation chain, team privacy …). */
  settings: TicketSettingsSource;
  /** The working calendar: a typed duration (24h, 2wd, 8bh) after a start. */
  deadline: DeadlineFn;
  /** The centre's calendar day of an instant, `YYYYMMDD` (ticket numbers count per local day). */
  localDay: (at: number) => string;
  /** Runs a command in one transaction. */
  unitOfWork: UnitOfWork;
  /** Reads outside a transaction. */
  read: Pick<CrmStores, 'tickets' | 'history' | 'promises' | 'articles'>;
  events: DomainEventPublisher;
}

export interface TicketDetail {
  ticket: Ticket;
  history: TicketHistoryEntry[];
  promises: TicketPromise[];
  /** What this actor may do to it now (`ticket-actions.ts`). */
  actions: TicketActions;
}

export type Changes = Record<string, { from: unknown; to: unknown }>;
export type PendingEvent = { type: string; [k: string]: unknown };

/** One command under way: its transaction's stores, the settings it read, who and when; events go out after the commit. */
export interface TicketCommand {
  ctx: TicketContext;
  st: CrmStores;
  settings: TicketSettings;
  actor: TicketActor;
  /** The command's time: read again once the ticket is locked (`loadForChange`, `lockedPromise`), see there. */
  now: number;
  events: PendingEvent[];
}

/**
 * Runs a command: the settings are read first (outside the transaction: on SQLite the transaction
 * holds the one connection), then `fn` in one transaction — the ticket, its history, its promises
 * and their timers commit together or not at all — and the domain events go out after the commit.
 */
export async function runTicketCommand<T>(ctx: TicketContext, actor: TicketActor, fn: (cmd: TicketCommand) => Promise<T>): Promise<T> {
  const settings = await ctx.settings.get();
  const events: PendingEvent[] = [];
  const out = await ctx.unitOfWork((st) => fn({ ctx, st, settings, actor, now: ctx.clock.now(), events }));
  const at = ctx.clock.now();
  for (const e of events) await ctx.events.publish({ ...e, at });
  return out;
}

/** The ticket a command changes, locked until its commit: every state change goes through here. */
export async function loadForChange(cmd: TicketCommand, id: string): Promise<Ticket> {
  const t = await cmd.st.tickets.findForUpdate(id);
  if (!t) throw AppError.notFound('Ticket');
  // The time is taken once the lock is held: a command that waited on another one on this ticket
  // comes after it in time too, so the history stays in the order the changes were made.
  cmd.now = cmd.ctx.clock.now();
  assertReadable(t, cmd.actor, cmd.settings);
  return t;
}

/** The ticket with its history and promises, read inside the command's transaction. */
export async function detailIn(cmd: TicketCommand, t: Ticket): Promise<TicketDetail> {
  const [history, promises] = await Promise.all([cmd.st.history.forTicket(t.id), cmd.st.promises.forTicket(t.id)]);
  return { ticket: t, history, promises, actions: ticketActionsFor(t, promises, cmd.actor, cmd.settings, cmd.now) };
}

export interface HistoryNote {
  action: TicketHistoryAction;
  changes?: Changes | null;
  note?: string | null;
}

/** Writes a history entry, or with `deferTo` collects it for the caller to write (in order, in one statement). */
export async function writeHistory(cmd: TicketCommand, ticketId: string, e: HistoryNote, deferTo?: TicketHistoryEntry[]): Promise<void> {
  const { actor } = cmd;
  const entry: TicketHistoryEntry = {
    id: orderedId(cmd.ctx.random, cmd.now, 'th_'),
    ticketId,
    at: cmd.now,
    actorId: actor.id,
    actorName: actor.username,
    action: e.action,
    changes: e.changes ?? null,
    note: e.note ?? null,
  };
  if (deferTo) deferTo.push(entry);
  else await cmd.st.history.append(entry);
}
