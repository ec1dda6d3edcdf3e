import type { Page } from '../customers/ports.js';
import type { ExistingTask, PlanSummary } from './plan-campaign.js';
import type { CallbackAttempt, CallbackTask, Campaign, TaskStatus } from './model.js';
import type { TaskScope } from './task-scope.js';

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
  /** The team the task belongs to (its campaign's owner team; after-solved: the ticket's team); null: none. */
  team?: string | null;
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
  /** Only the tasks this reader may see (`task-scope.ts`); absent: every task. */
  scope?: TaskScope | null;
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
  /** Open tasks of a customer (an outbound call to their number is linked to one of them). */
  openTasksOfCustomer(customerId: string): Promise<StoredTask[]>;
  /** Links an outbound call to a task; a call already linked keeps its link. Returns whether it was new. */
  linkCall(link: CallLink): Promise<boolean>;
  /** The calls linked to a task, oldest first. */
  callsOfTask(taskId: string): Promise<CallLink[]>;
  /** The task a call is linked to, if any. */
  taskOfCall(callId: string): Promise<CallLink | undefined>;
}

/** An outbound call placed for a task (CTI event naming the task, or the agent dialling its customer). */
export interface CallLink {
  /** The call's row id (`/api/calls/:id`). */
  callId: string;
  taskId: string;
  /** The PBX's call id. */
  externalId: string;
  linkedBy: 'reference' | 'number';
  agent: string | null;
  linkedAt: number;
}
