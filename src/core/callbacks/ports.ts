import type { Page } from '../customers/ports.js';
import type { ExistingTask, PlanSummary } from './plan-campaign.js';
import type { CallbackAttempt, CallbackTask, Campaign, TaskStatus } from './model.js';

/** A campaign as stored: the campaign plus who made it and its last plan (the progress screen). */
export interface StoredCampaign extends Campaign {
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
  lastPlan: PlanSummary | null;
}

/** A task as stored: the core's task plus its row id (the URL's `:id`). */
export interface StoredTask extends CallbackTask {
  id: string;
  /** FU-REMIND: when the agent was reminded that the window closes soon. */
  remindedAt?: number | null;
  /** When the task was escalated to the supervisors, its window closed unreached. */
  escalatedAt?: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface TaskQuery {
  status?: TaskStatus[];
  /** Tasks whose due window contains this instant's local day: its [startsAt, endsAt) overlaps [from, to). */
  due?: { from: number; to: number };
  agent?: string;
  campaignId?: string;
  ticketId?: string;
  /** Open tasks whose due window has ended before this instant. */
  overdueAt?: number;
  limit: number;
  cursor?: string;
}

/** What the callback use cases need from storage; `adapters/db/repositories/callback-repository.ts` satisfies it. */
export interface CallbackStore {
  insertCampaign(c: StoredCampaign): Promise<void>;
  updateCampaign(c: StoredCampaign): Promise<void>;
  findCampaign(id: string): Promise<StoredCampaign | undefined>;
  listCampaigns(): Promise<StoredCampaign[]>;
  /** Inserts new tasks; a task whose key exists is left as it is (planning twice adds nothing). Returns the ids really inserted. */
  insertTasks(tasks: readonly StoredTask[]): Promise<string[]>;
  findTask(id: string): Promise<StoredTask | undefined>;
  /** Reads the task for a change and holds it until the commit (PostgreSQL: FOR UPDATE). */
  findTaskForUpdate(id: string): Promise<StoredTask | undefined>;
  findTaskByKey(key: string): Promise<StoredTask | undefined>;
  updateTask(t: StoredTask): Promise<void>;
  /** Appends the task's newest attempt (and its report row when it has one). */
  appendAttempt(task: StoredTask, attempt: CallbackAttempt): Promise<void>;
  listTasks(q: TaskQuery): Promise<Page<StoredTask>>;
  /** Every task of a campaign (with agent and planned time): the planner keeps their slots. */
  existingOf(campaignId: string): Promise<ExistingTask[]>;
  /** Tasks whose due window ends in [from, to) or that were closed in it: KPI-CB judges them. */
  tasksForKpi(from: number, to: number): Promise<StoredTask[]>;
  /** Satisfaction answers (1–5) of reports in [from, to). */
  reportSatisfaction(from: number, to: number): Promise<{ customerId: string; score: number; at: number }[]>;
  /** A customer's report satisfaction answers, oldest first (the customer page). */
  reportsOfCustomer(customerId: string): Promise<{ at: number; score: number; ticketId: string | null; taskId: string }[]>;
}
