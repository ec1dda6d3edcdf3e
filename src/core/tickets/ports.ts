import type { Role } from '../users/roles.js';
import type { CustomerStore, Page } from '../customers/ports.js';
import type { NumberMatching } from '../search/search-text.js';
import type { Ticket, TicketHistoryEntry, TicketPromise, TicketStatus } from './ticket.js';
import type { TicketSettings } from './ticket-settings.js';
import type { TicketCondition } from './ticket-filter.js';

/** What a caller asks of the ticket list; `listTickets` turns the rules in it (overdue, team privacy) into conditions. */
export interface TicketQuery {
  q?: string;
  /** A ticket number (GD20251009-0042), exactly. `listTickets` turns a `q` that is one into this. */
  number?: string;
  /** How digits in `q` match; whole numbers unless the reader may see them (numberMatchingFor). */
  numbers?: NumberMatching;
  status?: TicketStatus[];
  type?: string;
  assigneeId?: string;
  team?: string;
  customerId?: string;
  callId?: string;
  /** Only tickets citing this knowledge article (`ticket-articles.ts`). */
  citingArticle?: string;
  /** Only tickets with a promise past due and not kept (at `now`). */
  overdueAt?: number;
  /**
   * Only tickets, not yet resolved, with an open promise due in [from, to], soonest first (the
   * dashboard's promises at risk). Each listed ticket then carries that promise's `promiseDueAt`.
   */
  promiseDueBetween?: { from: number; to: number };
  createdFrom?: number;
  createdTo?: number;
  limit: number;
  cursor?: string;
}

/**
 * What the store applies: plain field filters, plus conditions the core's rules produced
 * (`overdue.ts`, `team-privacy.ts`), each translated to SQL as it stands; the store adds no rule.
 */
export type TicketStoreQuery = Omit<TicketQuery, 'overdueAt'> & { where?: readonly TicketCondition[] };

/** A ticket in a list; `promiseDueAt` only with `promiseDueBetween`. */
export type ListedTicket = Ticket & { promiseDueAt?: number };

export interface TicketStore {
  insert(t: Ticket): Promise<void>;
  update(t: Ticket): Promise<void>;
  findById(id: string): Promise<Ticket | undefined>;
  findByNumber(number: string): Promise<Ticket | undefined>;
  /** The next ticket sequence of a day key (`GD20251009`), inside the creating transaction: 1, 2, … */
  nextNumber(dayKey: string): Promise<number>;
  /**
   * Reads the ticket for a change inside the command's transaction and holds it until the commit
   * (PostgreSQL: SELECT … FOR UPDATE; SQLite runs one writer at a time already), so two parallel
   * commands on one ticket run one after the other and the second sees what the first wrote.
   */
  findForUpdate(id: string): Promise<Ticket | undefined>;
  list(q: TicketStoreQuery): Promise<Page<ListedTicket>>;
  /** How many tickets the query's filters and conditions select (paging and order left out). */
  count(q: Omit<TicketStoreQuery, 'limit' | 'cursor'>): Promise<number>;
}

/** A knowledge article a ticket cites (issue #17): the answer given came from it. */
export interface TicketArticleLink {
  ticketId: string;
  articleId: string;
  linkedAt: number;
  linkedBy: string | null;
  linkedByName: string | null;
}

/** A cited article as the ticket shows it: the link and the article's current title and state. */
export interface LinkedArticle extends TicketArticleLink {
  title: string;
  category: string;
  visibility: string;
  version: number;
  reviewDate: string | null;
}

export interface TicketArticleStore {
  /** The article's title, or undefined when there is no such article. */
  articleTitle(articleId: string): Promise<string | undefined>;
  find(ticketId: string, articleId: string): Promise<TicketArticleLink | undefined>;
  insert(link: TicketArticleLink): Promise<void>;
  remove(ticketId: string, articleId: string): Promise<void>;
  /** The ticket's cited articles, in the order they were linked. */
  forTicket(ticketId: string): Promise<LinkedArticle[]>;
}

export interface TicketHistoryStore {
  /** Appends the entries in the order given. */
  append(...entries: TicketHistoryEntry[]): Promise<void>;
  forTicket(ticketId: string): Promise<TicketHistoryEntry[]>;
}

/** The people tickets are assigned to (the users), as the ticket rules need them. */
export interface TicketPerson {
  id: string;
  displayName: string;
  role: Role;
  team: string | null;
  active: boolean;
}

export interface TicketPeople {
  find(id: string): Promise<TicketPerson | undefined>;
  /** Display names by id, for the ids that exist. */
  names(ids: readonly string[]): Promise<Map<string, string>>;
}

export interface PromiseStore {
  insert(p: TicketPromise): Promise<void>;
  update(p: TicketPromise): Promise<void>;
  findById(id: string): Promise<TicketPromise | undefined>;
  forTicket(ticketId: string): Promise<TicketPromise[]>;
}

export interface ScheduledJob {
  queue: string;
  payload: unknown;
  runAt: number;
  key: string;
}

/** Durable timers (the job queue): scheduling the same key again replaces the pending job. */
export interface Scheduler {
  schedule(queue: string, payload: unknown, o: { runAt: number; key: string }): Promise<unknown>;
  /** Several at once (one statement), each as `schedule` would. */
  scheduleAll(jobs: readonly ScheduledJob[]): Promise<unknown>;
  cancel(key: string): Promise<unknown>;
}

/** Everything one command writes, bound to one transaction. */
export interface CrmStores {
  customers: CustomerStore;
  tickets: TicketStore;
  history: TicketHistoryStore;
  promises: PromiseStore;
  /** Knowledge articles the tickets cite. */
  articles: TicketArticleStore;
  /** The users tickets are assigned to (read in the command's transaction: SQLite has one connection). */
  people: TicketPeople;
  scheduler: Scheduler;
  /**
   * Work other modules attach to a resolve, run inside its transaction (callbacks: CB-AFTER
   * creates the callback task), so the ticket and what follows from it commit together.
   */
  afterResolved?: (t: Ticket, at: number) => Promise<void>;
  /** Work attached to a reopen inside its transaction (callbacks: the pending after-solved callback is withdrawn). */
  afterReopened?: (t: Ticket, at: number) => Promise<void>;
}

/** Runs `fn` in one transaction: it all commits, or nothing does. */
export type UnitOfWork = <T>(fn: (stores: CrmStores) => Promise<T>) => Promise<T>;

export interface DomainEventPublisher {
  publish(e: { type: string; at: number; [k: string]: unknown }): Promise<void>;
}

export interface TicketSettingsSource {
  get(): Promise<TicketSettings>;
}

/** The centre's stored ticket settings (editable by admins); `get` gives the pack defaults for anything not stored. */
export interface TicketSettingsStore extends TicketSettingsSource {
  /** Whether the centre has ever stored its ticket settings. */
  isStored(): Promise<boolean>;
  /** Checks and stores new settings (a bad value is a validation error naming the field). */
  put(input: unknown): Promise<TicketSettings>;
}

/** What the ticket measures read: the tickets created in a period and the promises made on them. */
export interface TicketMeasureStore {
  createdBetween(from: number, to: number): Promise<Ticket[]>;
  promisesOfTicketsCreatedBetween(from: number, to: number): Promise<TicketPromise[]>;
}

/** The working calendar's deadline: `duration` (24h, 2wd, 8bh) after `start`, epoch ms. */
export type DeadlineFn = (start: number, duration: string) => number;

export const promiseJobQueues = { remind: 'tickets.promise_remind', escalate: 'tickets.promise_escalate' } as const;
