/**
 * The knowledge base (知识库) and shift bulletins (班前公告), issue #17. Plain data: no imports, so the
 * shared HTTP contract (`src/contract/knowledge.ts`) and the web can use these constants too.
 */

/** `internal`: for agents only; `public`: its answer may be given to customers word for word. */
export const articleVisibilities = ['internal', 'public'] as const;
export type ArticleVisibility = (typeof articleVisibilities)[number];

export interface ArticleContent {
  title: string;
  /** The wording an agent gives the customer (inserted into a chat reply from the desk). */
  answer: string;
  /** Background, steps, exceptions: what the agent reads, not what they say. */
  details: string | null;
  category: string;
  visibility: ArticleVisibility;
  /** The user who keeps the article true. */
  ownerId: string | null;
  /** `YYYY-MM-DD` (the centre's date): from that day the article is flagged for review. */
  reviewDate: string | null;
}

export interface Article extends ArticleContent {
  id: string;
  /** 1 on creation, +1 per edit or restore; an edit names the version it started from. */
  version: number;
  createdAt: number;
  updatedAt: number;
  updatedBy: string | null;
}

/** One stored version of an article: its whole content as it was after that edit. */
export interface ArticleVersion extends ArticleContent {
  articleId: string;
  version: number;
  editedAt: number;
  editedBy: string | null;
  note: string | null;
  /** Set when this version restored an older one. */
  restoredFrom: number | null;
}

export const bulletinKinds = ['product', 'policy', 'notice'] as const;
export type BulletinKind = (typeof bulletinKinds)[number];

export interface BulletinContent {
  title: string;
  body: string;
  kind: BulletinKind;
  /** `YYYY-MM-DD` (the centre's date) from which agents must read it before going ready. */
  effectiveDate: string;
  /** Last day in force (inclusive); null: until withdrawn. */
  untilDate: string | null;
  /** Teams it is addressed to; empty: everyone. */
  audience: string[];
}

export interface Bulletin extends BulletinContent {
  id: string;
  /** +1 on each edit of what agents read: an edited bulletin asks everyone again. */
  version: number;
  /** When this version was published (the edit time for version > 1). */
  versionAt: number;
  /** Published with an effective date already past: allowed, and shown as such. */
  backdated: boolean;
  publishedBy: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface BulletinAck {
  bulletinId: string;
  version: number;
  userId: string;
  username: string;
  ackedAt: number;
}

export const agentReadiness = ['ready', 'not_ready'] as const;
export type AgentReadiness = (typeof agentReadiness)[number];

export interface AgentState {
  userId: string;
  username: string;
  state: AgentReadiness;
  since: number;
}
