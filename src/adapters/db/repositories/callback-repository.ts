import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../schema.js';
import type { Dialect } from '../database.js';
import type { CallbackAttemptsTable, CallbackCallLinksTable, CallbackCampaignsTable, CallbackTasksTable } from '../tables/callbacks.js';
import type { Page } from '../../../core/customers/ports.js';
import type { CallbackStore, CallLink, StoredCampaign, StoredTask, TaskQuery } from '../../../core/callbacks/ports.js';
import type { ExistingTask, PlanSummary } from '../../../core/callbacks/plan-campaign.js';
import type { DueWindow } from '../../../core/callbacks/due-window.js';
import type { AbsentMessage, AttemptCall, CallbackAttempt, CallbackReport, CallbackTarget, CloseReason, SelectionRule, TaskStatus } from '../../../core/callbacks/model.js';
import type { AttemptOutcome, CallbackType } from '../../../core/standard/callback-schema.js';
import { newId } from '../../../core/shared/ids.js';
import { systemRandom } from '../../system-random.js';

function toCampaign(r: Selectable<CallbackCampaignsTable>): StoredCampaign {
  const c: StoredCampaign = {
    id: r.id,
    name: r.name,
    type: r.type as CallbackType,
    selection: JSON.parse(r.selection) as SelectionRule,
    period: { from: r.period_from, to: r.period_to },
    ownerTeam: r.owner_team,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    lastPlan: r.last_plan ? (JSON.parse(r.last_plan) as PlanSummary) : null,
  };
  if (r.script !== null) c.script = r.script;
  return c;
}

function campaignValues(c: StoredCampaign) {
  return {
    id: c.id,
    name: c.name,
    type: c.type,
    selection: JSON.stringify(c.selection),
    period_from: c.period.from,
    period_to: c.period.to,
    owner_team: c.ownerTeam,
    script: c.script ?? null,
    created_by: c.createdBy,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    last_plan: c.lastPlan ? JSON.stringify(c.lastPlan) : null,
  };
}

function taskValues(t: StoredTask) {
  return {
    id: t.id,
    task_key: t.key,
    campaign_id: t.campaignId,
    customer_id: t.target.customerId,
    ticket_id: t.target.ticketId ?? null,
    target: JSON.stringify(t.target),
    due: JSON.stringify(t.due),
    due_first: t.due.first,
    due_starts_at: t.due.startsAt,
    due_ends_at: t.due.endsAt,
    agent: t.agent,
    planned_at: t.plannedAt,
    status: t.status,
    close_reason: t.closeReason,
    closed_at: t.closedAt,
    attempt_count: t.attempts.length,
    reminded_at: t.remindedAt ?? null,
    escalated_at: t.escalatedAt ?? null,
    created_at: t.createdAt,
    updated_at: t.updatedAt,
    team: t.team ?? null,
  };
}

function toAttempt(r: Selectable<CallbackAttemptsTable>): CallbackAttempt {
  const a: CallbackAttempt = { at: r.at, agent: r.agent, outcome: r.outcome as AttemptOutcome };
  if (r.note !== null) a.note = r.note;
  if (r.message !== null) a.message = JSON.parse(r.message) as AbsentMessage;
  if (r.report !== null) a.report = JSON.parse(r.report) as CallbackReport;
  if (r.call !== null) a.call = JSON.parse(r.call) as AttemptCall;
  return a;
}

function toTask(r: Selectable<CallbackTasksTable>, attempts: CallbackAttempt[]): StoredTask {
  return {
    id: r.id,
    key: r.task_key,
    campaignId: r.campaign_id,
    target: JSON.parse(r.target) as CallbackTarget,
    due: JSON.parse(r.due) as DueWindow,
    agent: r.agent,
    plannedAt: r.planned_at,
    attempts,
    status: r.status as TaskStatus,
    closeReason: r.close_reason as CloseReason | null,
    closedAt: r.closed_at,
    remindedAt: r.reminded_at,
    escalatedAt: r.escalated_at,
    team: r.team,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

// SQLite takes at most 32,766 parameters per statement: 21 columns × 1,000 rows stays below.
const CHUNK = 1000;

function encodeCursor(plannedAt: number | null, id: string): string {
  return Buffer.from(JSON.stringify([plannedAt, id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { plannedAt: number | null; id: string } | undefined {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && (v[0] === null || typeof v[0] === 'number') && typeof v[1] === 'string') return { plannedAt: v[0] as number | null, id: v[1] };
  } catch {
    // A cursor that is not ours starts from the beginning.
  }
  return undefined;
}

/** Campaigns, tasks, attempts and reports of the callbacks module. Data access only: rules live in src/core/callbacks. */
export class CallbackRepository implements CallbackStore {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: Dialect,
  ) {}

  async insertCampaign(c: StoredCampaign): Promise<void> {
    await this.db.insertInto('callback_campaigns').values(campaignValues(c)).execute();
  }

  async updateCampaign(c: StoredCampaign): Promise<void> {
    const { id: _id, created_at: _c, ...rest } = campaignValues(c);
    await this.db.updateTable('callback_campaigns').set(rest).where('id', '=', c.id).execute();
  }

  async findCampaign(id: string): Promise<StoredCampaign | undefined> {
    const r = await this.db.selectFrom('callback_campaigns').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toCampaign(r);
  }

  async listCampaigns(): Promise<StoredCampaign[]> {
    const rows = await this.db.selectFrom('callback_campaigns').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
    return rows.map(toCampaign);
  }

  async insertTasks(tasks: readonly StoredTask[]): Promise<string[]> {
    const added: string[] = [];
    for (let i = 0; i < tasks.length; i += CHUNK) {
      // RETURNING: the rows really inserted (a key that exists is skipped by the unique index, not counted).
      const rows = await this.db
        .insertInto('callback_tasks')
        .values(tasks.slice(i, i + CHUNK).map(taskValues))
        .onConflict((oc) => oc.column('task_key').doNothing())
        .returning('id')
        .execute();
      for (const r of rows) added.push(r.id);
    }
    return added;
  }

  private async withAttempts(rows: Selectable<CallbackTasksTable>[]): Promise<StoredTask[]> {
    const byTask = new Map<string, CallbackAttempt[]>();
    const withAny = rows.filter((r) => r.attempt_count > 0).map((r) => r.id);
    for (let i = 0; i < withAny.length; i += CHUNK) {
      const attempts = await this.db.selectFrom('callback_attempts').selectAll().where('task_id', 'in', withAny.slice(i, i + CHUNK)).orderBy('task_id').orderBy('seq').execute();
      for (const a of attempts) {
        let list = byTask.get(a.task_id);
        if (!list) byTask.set(a.task_id, (list = []));
        list.push(toAttempt(a));
      }
    }
    return rows.map((r) => toTask(r, byTask.get(r.id) ?? []));
  }

  async findTask(id: string): Promise<StoredTask | undefined> {
    const r = await this.db.selectFrom('callback_tasks').selectAll().where('id', '=', id).executeTakeFirst();
    return r && (await this.withAttempts([r]))[0];
  }

  async findTaskForUpdate(id: string): Promise<StoredTask | undefined> {
    let q = this.db.selectFrom('callback_tasks').selectAll().where('id', '=', id);
    // SQLite has no row locks and needs none: its one writer runs transactions one at a time.
    if (this.dialect === 'postgres') q = q.forUpdate();
    const r = await q.executeTakeFirst();
    return r && (await this.withAttempts([r]))[0];
  }

  async findTaskByKey(key: string): Promise<StoredTask | undefined> {
    const r = await this.db.selectFrom('callback_tasks').selectAll().where('task_key', '=', key).executeTakeFirst();
    return r && (await this.withAttempts([r]))[0];
  }

  async updateTask(t: StoredTask): Promise<void> {
    const { id: _id, task_key: _k, created_at: _c, ...rest } = taskValues(t);
    await this.db.updateTable('callback_tasks').set(rest).where('id', '=', t.id).execute();
  }

  async appendAttempt(task: StoredTask, attempt: CallbackAttempt): Promise<void> {
    const id = newId(systemRandom, attempt.at, 'ca_');
    await this.db
      .insertInto('callback_attempts')
      .values({
        id,
        task_id: task.id,
        seq: task.attempts.length,
        at: attempt.at,
        agent: attempt.agent,
        outcome: attempt.outcome,
        note: attempt.note ?? null,
        message: attempt.message ? JSON.stringify(attempt.message) : null,
        report: attempt.report ? JSON.stringify(attempt.report) : null,
        call: attempt.call ? JSON.stringify(attempt.call) : null,
      })
      .execute();
    const r = attempt.report;
    if (!r) return;
    await this.db
      .insertInto('callback_reports')
      .values({
        id: newId(systemRandom, attempt.at, 'cr_'),
        task_id: task.id,
        attempt_id: id,
        campaign_id: task.campaignId,
        customer_id: task.target.customerId,
        ticket_id: task.target.ticketId ?? null,
        at: r.at,
        type: r.type,
        satisfaction: r.satisfaction,
        solved: r.solved ? 1 : 0,
        follow_up_needed: r.followUpNeeded ? 1 : 0,
        agent: r.agent,
        report: JSON.stringify(r),
      })
      .execute();
  }

  async listTasks(q: TaskQuery): Promise<Page<StoredTask>> {
    let query = this.db.selectFrom('callback_tasks').selectAll();
    if (q.status && q.status.length > 0) query = query.where('status', 'in', q.status);
    if (q.due) query = query.where('due_starts_at', '<', q.due.to).where('due_ends_at', '>', q.due.from);
    if (q.agent !== undefined) query = query.where('agent', '=', q.agent);
    if (q.campaignId !== undefined) query = query.where('campaign_id', '=', q.campaignId);
    if (q.ticketId !== undefined) query = query.where('ticket_id', '=', q.ticketId);
    if (q.overdueAt !== undefined) query = query.where('status', '!=', 'closed').where('due_ends_at', '<=', q.overdueAt);
    const scope = q.scope;
    if (scope) {
      // task-scope.ts in SQL: tasks of the reader's teams (null: without a team) or assigned to them.
      const teams = scope.teams.filter((t): t is string => t !== null);
      const withoutTeam = scope.teams.includes(null);
      query = query.where((eb) =>
        eb.or([
          ...(teams.length > 0 ? [eb('team', 'in', teams)] : []),
          ...(withoutTeam ? [eb('team', 'is', null)] : []),
          ...(scope.agent !== null ? [eb('agent', '=', scope.agent)] : []),
        ]),
      );
    }
    // Soonest planned first, unplanned last; the id breaks ties so pages never overlap.
    const c = q.cursor ? decodeCursor(q.cursor) : undefined;
    const NONE = Number.MAX_SAFE_INTEGER;
    if (c) {
      const p = c.plannedAt ?? NONE;
      query = query.where((eb) =>
        eb.or([
          eb(eb.fn.coalesce('planned_at', eb.val(NONE)), '>', p),
          eb.and([eb(eb.fn.coalesce('planned_at', eb.val(NONE)), '=', p), eb('id', '>', c.id)]),
        ]),
      );
    }
    const rows = await query
      .orderBy((eb) => eb.fn.coalesce('planned_at', eb.val(NONE)))
      .orderBy('id')
      .limit(q.limit + 1)
      .execute();
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return { items: await this.withAttempts(page), nextCursor: rows.length > q.limit && last ? encodeCursor(last.planned_at, last.id) : null };
  }

  async existingOf(campaignId: string): Promise<ExistingTask[]> {
    const rows = await this.db.selectFrom('callback_tasks').select(['task_key', 'agent', 'planned_at']).where('campaign_id', '=', campaignId).execute();
    return rows.map((r) => ({ key: r.task_key, agent: r.agent, plannedAt: r.planned_at }));
  }

  async tasksForKpi(from: number, to: number): Promise<StoredTask[]> {
    const rows = await this.db
      .selectFrom('callback_tasks')
      .selectAll()
      .where((eb) => eb.or([eb.and([eb('due_ends_at', '>=', from), eb('due_ends_at', '<', to)]), eb.and([eb('closed_at', '>=', from), eb('closed_at', '<', to)])]))
      .orderBy('id')
      .execute();
    return this.withAttempts(rows);
  }

  async reportSatisfaction(from: number, to: number): Promise<{ customerId: string; score: number; at: number }[]> {
    const rows = await this.db.selectFrom('callback_reports').select(['customer_id', 'satisfaction', 'at']).where('at', '>=', from).where('at', '<', to).orderBy('at').execute();
    return rows.map((r) => ({ customerId: r.customer_id, score: r.satisfaction, at: r.at }));
  }

  async reportsOfCustomers(customerIds: readonly string[]): Promise<{ customerId: string; score: number; at: number }[]> {
    if (customerIds.length === 0) return [];
    const rows = await this.db.selectFrom('callback_reports').select(['customer_id', 'satisfaction', 'at']).where('customer_id', 'in', [...customerIds]).orderBy('at').execute();
    return rows.map((r) => ({ customerId: r.customer_id, score: r.satisfaction, at: r.at }));
  }

  async reportsOfCustomer(customerId: string): Promise<{ at: number; score: number; ticketId: string | null; taskId: string }[]> {
    const rows = await this.db.selectFrom('callback_reports').select(['at', 'satisfaction', 'ticket_id', 'task_id']).where('customer_id', '=', customerId).orderBy('at').execute();
    return rows.map((r) => ({ at: r.at, score: r.satisfaction, ticketId: r.ticket_id, taskId: r.task_id }));
  }

  async openTasksOfCustomer(customerId: string): Promise<StoredTask[]> {
    const rows = await this.db.selectFrom('callback_tasks').selectAll().where('customer_id', '=', customerId).where('status', '!=', 'closed').orderBy('planned_at').orderBy('id').execute();
    return this.withAttempts(rows);
  }

  async linkCall(link: CallLink): Promise<boolean> {
    const rows = await this.db
      .insertInto('callback_call_links')
      .values({ call_id: link.callId, task_id: link.taskId, external_id: link.externalId, linked_by: link.linkedBy, agent: link.agent, linked_at: link.linkedAt })
      .onConflict((oc) => oc.column('call_id').doNothing())
      .returning('call_id')
      .execute();
    return rows.length > 0;
  }

  async callsOfTask(taskId: string): Promise<CallLink[]> {
    const rows = await this.db.selectFrom('callback_call_links').selectAll().where('task_id', '=', taskId).orderBy('linked_at').orderBy('call_id').execute();
    return rows.map(toLink);
  }

  async taskOfCall(callId: string): Promise<CallLink | undefined> {
    const r = await this.db.selectFrom('callback_call_links').selectAll().where('call_id', '=', callId).executeTakeFirst();
    return r && toLink(r);
  }
}

function toLink(r: Selectable<CallbackCallLinksTable>): CallLink {
  return { callId: r.call_id, taskId: r.task_id, externalId: r.external_id, linkedBy: r.linked_by as CallLink['linkedBy'], agent: r.agent, linkedAt: r.linked_at };
}
