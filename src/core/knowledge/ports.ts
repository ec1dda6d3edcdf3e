import type { Random } from '../shared/random.js';
import type { Page } from '../customers/ports.js';
import type { Clock } from '../shared/clock.js';
import type { TimeZone } from '../calendar/time-zone.js';
import type { AuditLog } from '../users/ports.js';
import type { AgentState, Article, ArticleVersion, Bulletin, BulletinAck } from './model.js';
import type { Keyword, SuggestionCandidate } from './suggest.js';
import type { ShiftStarts } from './shift-starts.js';

export interface ArticleQuery {
  /** Full-text search (either script), the same tokens and query form as tickets. */
  q?: string | undefined;
  category?: string | undefined;
  /** Only articles whose review date is on or before this centre's date. */
  reviewDueOn?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export interface KnowledgeStore {
  insertArticle(a: Article, first: ArticleVersion): Promise<void>;
  /** Writes the article's new state and appends its version row. */
  updateArticle(a: Article, version: ArticleVersion): Promise<void>;
  findArticle(id: string): Promise<Article | undefined>;
  /** The newest article with exactly this title (an import matches articles by title). */
  findArticleByTitle(title: string): Promise<Article | undefined>;
  /** Locks the row on PostgreSQL, so two edits of one article run one after the other. */
  findArticleForUpdate(id: string): Promise<Article | undefined>;
  listArticles(q: ArticleQuery): Promise<Page<Article>>;
  /** Newest first. */
  versions(articleId: string): Promise<ArticleVersion[]>;
  version(articleId: string, version: number): Promise<ArticleVersion | undefined>;
  /** Articles holding any of the keywords, best text rank first, with their tokens. */
  suggestionCandidates(keywords: readonly Keyword[], limit: number): Promise<SuggestionCandidate<Article>[]>;
  categories(): Promise<Array<{ category: string; count: number }>>;
}

export interface BulletinQuery {
  /** Only those in force on this centre's date. */
  inForceOn?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export interface BulletinStore {
  insertBulletin(b: Bulletin): Promise<void>;
  updateBulletin(b: Bulletin): Promise<void>;
  findBulletin(id: string): Promise<Bulletin | undefined>;
  findBulletinForUpdate(id: string): Promise<Bulletin | undefined>;
  listBulletins(q: BulletinQuery): Promise<Page<Bulletin>>;
  /** Every bulletin in force on a date (a handful: the day's changes). */
  bulletinsInForce(today: string): Promise<Bulletin[]>;
  /** The user's acknowledgements of these bulletins (any version). */
  acksOf(userId: string, bulletinIds: readonly string[]): Promise<BulletinAck[]>;
  acksOfBulletin(bulletinId: string): Promise<BulletinAck[]>;
  /** Idempotent: acknowledging the same version twice keeps the first time. */
  insertAck(ack: BulletinAck): Promise<BulletinAck>;
  agentState(userId: string): Promise<AgentState | undefined>;
  setAgentState(s: AgentState): Promise<void>;
}

export interface KnowledgeStores {
  knowledge: KnowledgeStore;
  bulletins: BulletinStore;
}

/** Who is doing it (the signed-in user). */
export interface Actor {
  id: string;
  username: string;
  team: string | null;
}

/** People and calls the bulletin read report looks at, from other modules. */
export interface ReadReportSources {
  /** The agents (active users with role agent) a bulletin could be addressed to. */
  agents(): Promise<Array<{ id: string; username: string; displayName: string; team: string | null }>>;
  /** The user's first sign-in in [from, to), or null. */
  firstSignIn(userId: string, from: number, to: number): Promise<number | null>;
  /** Calls the agent answered that started in [from, to): how many, and when the first started (null: none). */
  answeredCalls(username: string, from: number, to: number): Promise<{ count: number; first: number | null }>;
}

/** The shift start times (`shift-starts.ts`), one settings document. */
export interface ShiftStartsStore {
  get(): Promise<ShiftStarts>;
  put(s: ShiftStarts): Promise<void>;
}

/** What the knowledge and bulletin use cases get: ports only, wired in `adapters/knowledge-services.ts`. */
export interface KnowledgeContext {
  clock: Clock;
  /** Ids of new articles and bulletins. */
  random: Random;
  /** The centre's time zone: bulletins come into force and articles fall due for review by its dates. */
  zone: TimeZone;
  read: KnowledgeStores;
  unitOfWork<T>(fn: (st: KnowledgeStores) => Promise<T>): Promise<T>;
  reportSources: ReadReportSources;
  /** When each agent's shift starts (PH-NOTIFY: signed in 5 minutes before). */
  shifts: ShiftStartsStore;
  /** Who wrote, changed, restored or published what, and who acknowledged which bulletin version (`audit_log`). */
  audit: AuditLog;
}
