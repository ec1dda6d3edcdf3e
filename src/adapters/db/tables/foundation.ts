// Row shapes of the foundation tables. Times are epoch milliseconds (bigint in PostgreSQL, parsed
// to number by the driver setup; integer in SQLite); booleans are 0/1 integers; structured values
// are JSON text. That keeps one migration set and one set of queries for both databases.

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  team: string | null;
  password_hash: string;
  active: number;
  created_at: number;
  updated_at: number;
}

export interface SessionsTable {
  /** sha256 of the cookie token: a leaked database does not yield working sessions. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
  ip: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface AuditLogTable {
  id: string;
  at: number;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  detail: string | null;
  ip: string | null;
}

export interface JobsTable {
  id: string;
  queue: string;
  payload: string;
  run_at: number;
  /** Set when a worker claims the job; a crashed worker's claim expires and the job runs again. */
  locked_until: number | null;
  attempts: number;
  max_attempts: number;
  status: string;
  last_error: string | null;
  unique_key: string | null;
  created_at: number;
  updated_at: number;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: number;
}
