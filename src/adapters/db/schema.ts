import type { StandardVersionsTable } from './tables/standard.js';
import type { DrillRunsTable, ReviewMonthsTable, ReviewsTable } from './tables/reviews.js';
import type { CallbackAttemptsTable, CallbackCallLinksTable, CallbackCampaignsTable, CallbackReportsTable, CallbackTasksTable } from './tables/callbacks.js';
import type { IdempotencyKeysTable } from './tables/hardening.js';
import type { CallSourceEventsTable, CallsTable, ImportCursorsTable } from './tables/calls.js';
import type { CalendarsTable, HolidayYearsTable } from './tables/calendar.js';
import type { CustomerPhonesTable, CustomerStageHistoryTable, CustomersTable, FtsTable, TicketHistoryTable, TicketNumberDaysTable, TicketPromisesTable, TicketsTable } from './tables/customers-tickets.js';
import type { AgentStatesTable, BulletinAcksTable, BulletinsTable, KbArticleVersionsTable, KbArticlesTable, KbFtsTable, TicketArticlesTable } from './tables/knowledge.js';
import type { VisitCardsTable, VisitDesksTable, VisitIdCopiesTable, VisitMessagesTable, VisitsTable } from './tables/visits.js';
import type { EventLogTable, LoginAttemptsTable } from './tables/scale-out.js';
import type { ApiTokensTable, AuditLogTable, JobsTable, SessionsTable, SettingsTable, UsersTable } from './tables/foundation.js';

/**
 * The whole database as Kysely sees it. Each module keeps its row types in `tables/<module>.ts`
 * and adds its tables here.
 */
export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  jobs: JobsTable;
  settings: SettingsTable;
  customers: CustomersTable;
  customer_phones: CustomerPhonesTable;
  customer_stage_history: CustomerStageHistoryTable;
  tickets: TicketsTable;
  ticket_history: TicketHistoryTable;
  ticket_promises: TicketPromisesTable;
  ticket_number_days: TicketNumberDaysTable;
  ticket_fts: FtsTable;
  customer_fts: FtsTable;
  standard_versions: StandardVersionsTable;
  calls: CallsTable;
  call_source_events: CallSourceEventsTable;
  import_cursors: ImportCursorsTable;
  calendars: CalendarsTable;
  holiday_years: HolidayYearsTable;
  idempotency_keys: IdempotencyKeysTable;
  callback_campaigns: CallbackCampaignsTable;
  callback_tasks: CallbackTasksTable;
  callback_attempts: CallbackAttemptsTable;
  callback_reports: CallbackReportsTable;
  callback_call_links: CallbackCallLinksTable;
  review_months: ReviewMonthsTable;
  reviews: ReviewsTable;
  drill_runs: DrillRunsTable;
  kb_articles: KbArticlesTable;
  kb_article_versions: KbArticleVersionsTable;
  kb_fts: KbFtsTable;
  bulletins: BulletinsTable;
  bulletin_acks: BulletinAcksTable;
  agent_states: AgentStatesTable;
  ticket_articles: TicketArticlesTable;
  visits: VisitsTable;
  visit_desks: VisitDesksTable;
  visit_messages: VisitMessagesTable;
  visit_cards: VisitCardsTable;
  visit_id_copies: VisitIdCopiesTable;
  event_log: EventLogTable;
  login_attempts: LoginAttemptsTable;
}
