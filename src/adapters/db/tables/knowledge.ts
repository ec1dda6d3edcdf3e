import type { FtsTable } from './customers-tickets.js';

/** Row types of the knowledge module (migration 010-knowledge). Times are epoch ms; dates `YYYY-MM-DD`. */
export interface KbArticlesTable {
  id: string;
  title: string;
  answer: string;
  details: string | null;
  category: string;
  visibility: string;
  owner_id: string | null;
  review_date: string | null;
  version: number;
  created_at: number;
  updated_at: number;
  updated_by: string | null;
  search_tokens: string;
  search_seq: number | null;
}

export interface KbArticleVersionsTable {
  article_id: string;
  version: number;
  /** JSON of the article's content (title, answer, details, category, visibility, ownerId, reviewDate). */
  content: string;
  edited_at: number;
  edited_by: string | null;
  note: string | null;
  restored_from: number | null;
}

export type KbFtsTable = FtsTable;

export interface BulletinsTable {
  id: string;
  title: string;
  body: string;
  kind: string;
  effective_date: string;
  until_date: string | null;
  /** JSON array of team names; [] = everyone. */
  audience: string;
  version: number;
  version_at: number;
  backdated: number;
  published_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface BulletinAcksTable {
  bulletin_id: string;
  version: number;
  user_id: string;
  username: string;
  acked_at: number;
}

export interface AgentStatesTable {
  user_id: string;
  username: string;
  state: string;
  since: number;
}

/** A knowledge article cited by a ticket (migration 014-ticket-articles). */
export interface TicketArticlesTable {
  ticket_id: string;
  article_id: string;
  linked_at: number;
  linked_by: string | null;
  linked_by_name: string | null;
}
