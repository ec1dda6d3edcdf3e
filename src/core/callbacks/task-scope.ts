import { AppError } from '../shared/app-error.js';
import type { Role } from '../users/roles.js';

/** Who reads or works callback tasks. */
export interface CallbackReader {
  username: string | null;
  role: Role | null;
  team: string | null;
}

/**
 * Which tasks a reader may see, as data the repository spells in SQL (`listTasks`) and a single
 * read checks in memory (`mayReadTask`): the same rule either way. `null`: every task.
 * - agent: tasks of their team, tasks without a team (like a ticket without one), and tasks
 *   assigned to them;
 * - supervisor with a team: their team's tasks and tasks without a team; a supervisor without a
 *   team leads the whole centre;
 * - QA, manager, admin: every task.
 */
export interface TaskScope {
  /** Tasks of these teams (null: tasks without a team). */
  teams: (string | null)[];
  /** And the tasks assigned to this agent, whatever their team. */
  agent: string | null;
}

export function taskScope(reader: CallbackReader): TaskScope | null {
  switch (reader.role) {
    case 'agent':
      return { teams: reader.team !== null ? [reader.team, null] : [null], agent: reader.username ?? '' };
    case 'supervisor':
      return reader.team !== null ? { teams: [reader.team, null], agent: reader.username } : null;
    case 'qa':
    case 'manager':
    case 'admin':
    case null:
      return null;
    default: {
      const never: never = reader.role;
      throw new Error(`unknown role ${String(never)}`);
    }
  }
}

export function mayReadTask(reader: CallbackReader, task: { team?: string | null; agent: string | null }): boolean {
  const scope = taskScope(reader);
  if (scope === null) return true;
  if (scope.agent !== null && task.agent === scope.agent) return true;
  return scope.teams.includes(task.team ?? null);
}

/**
 * May the reader record an attempt on this task: they may read it, and an agent only works a task
 * that is theirs or not yet given to anyone (a colleague's task stays the colleague's).
 */
export function mayWorkTask(reader: CallbackReader, task: { team?: string | null; agent: string | null }): boolean {
  if (!mayReadTask(reader, task)) return false;
  return reader.role !== 'agent' || task.agent === null || task.agent === reader.username;
}

export function assertReadableTask(reader: CallbackReader, task: { team?: string | null; agent: string | null }): void {
  if (!mayReadTask(reader, task)) throw AppError.forbidden('这是其他团队的回访任务 / this callback task belongs to another team');
}

/** A campaign is read by whoever may see its owner team's tasks. */
export function mayReadCampaign(reader: CallbackReader, campaign: { ownerTeam: string }): boolean {
  const scope = taskScope(reader);
  return scope === null || scope.teams.includes(campaign.ownerTeam);
}

/** A supervisor with a team runs campaigns for that team only; errors name `ownerTeam`. */
export function assertMayLeadTeam(reader: CallbackReader, ownerTeam: string): void {
  if (mayReadCampaign(reader, { ownerTeam })) return;
  const message = `只能为本团队（${reader.team ?? '—'}）安排回访 / a supervisor runs campaigns for their own team`;
  throw new AppError('FORBIDDEN', message, [{ path: 'ownerTeam', message, code: 'own_team_only', params: { team: reader.team ?? '—' } }]);
}
