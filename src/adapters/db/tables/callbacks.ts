export interface CallbackCampaignsTable {
  id: string;
  name: string;
  type: string;
  selection: string;
  period_from: string;
  period_to: string;
  owner_team: string;
  script: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  last_plan: string | null;
}

export interface CallbackTasksTable {
  id: string;
  task_key: string;
  campaign_id: string;
  customer_id: string;
  ticket_id: string | null;
  target: string;
  due: string;
  due_first: string;
  due_starts_at: number;
  due_ends_at: number;
  agent: string | null;
  planned_at: number | null;
  status: string;
  close_reason: string | null;
  closed_at: number | null;
  attempt_count: number;
  reminded_at: number | null;
  escalated_at: number | null;
  created_at: number;
  updated_at: number;
  /** Migration 018: the team the task belongs to (task scoping). */
  team: string | null;
}

export interface CallbackAttemptsTable {
  id: string;
  task_id: string;
  seq: number;
  at: number;
  agent: string;
  outcome: string;
  note: string | null;
  message: string | null;
  report: string | null;
  /** Migration 018: the linked call's figures (JSON `AttemptCall`), when the attempt was a call we saw. */
  call: string | null;
}

export interface CallbackReportsTable {
  id: string;
  task_id: string;
  attempt_id: string;
  campaign_id: string;
  customer_id: string;
  ticket_id: string | null;
  at: number;
  type: string;
  satisfaction: number;
  solved: number;
  follow_up_needed: number;
  agent: string;
  report: string;
}

/** Migration 018: the outbound call placed for a callback task. */
export interface CallbackCallLinksTable {
  call_id: string;
  task_id: string;
  external_id: string;
  linked_by: string;
  agent: string | null;
  linked_at: number;
}
