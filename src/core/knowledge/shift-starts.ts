import { MS_PER_DAY, MS_PER_MINUTE, parseLocalDate } from '../calendar/local-date.js';
import type { TimeZone } from '../calendar/time-zone.js';
import { AppError, type FieldError } from '../shared/app-error.js';
import { outOfRange } from '../shared/field-error-of.js';

/**
 * PH-NOTIFY "be ready 5 minutes early": the least roster a supervisor needs to check it — when
 * each agent's shift starts (a time of day on the centre's clock). An agent's own time wins over
 * their team's, a team's over the centre's default; no time anywhere: no shift known, nothing
 * flagged. Stored as one settings document, edited by supervisors.
 */
export interface ShiftStarts {
  /** `HH:MM`: every agent's shift start unless their team or they have their own; null: none. */
  default: string | null;
  /** Team → `HH:MM`. */
  teams: Record<string, string>;
  /** Username → `HH:MM`. */
  agents: Record<string, string>;
  /** How long before the shift an agent signs in (PH-NOTIFY: 5 minutes). */
  earlyMinutes: number;
}

export const defaultShiftStarts: ShiftStarts = { default: null, teams: {}, agents: {}, earlyMinutes: 5 };

const LIMITS = { entries: 500, name: 100, earlyMinutes: 120 } as const;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export interface ShiftStartsInput {
  default?: string | null | undefined;
  teams?: Record<string, string> | undefined;
  agents?: Record<string, string> | undefined;
  earlyMinutes?: number | undefined;
}

/** The settings from input over the current ones, or a 400 naming every bad time (`teams.一组`). */
export function shiftStartsFrom(input: ShiftStartsInput, base: ShiftStarts = defaultShiftStarts): ShiftStarts {
  const fields: FieldError[] = [];
  const time = (value: string, path: string): string => {
    const v = value.trim();
    if (!TIME.test(v)) fields.push({ path, message: '上班时间须为 HH:MM（24 小时制），例如 08:30', code: 'invalid_time' });
    return v;
  };
  const map = (m: Record<string, string>, path: 'teams' | 'agents'): Record<string, string> => {
    const entries = Object.entries(m);
    if (entries.length > LIMITS.entries) fields.push({ path, message: `最多 ${LIMITS.entries} 项`, code: 'too_many', params: { maximum: LIMITS.entries } });
    const out: Record<string, string> = {};
    for (const [name, value] of entries.slice(0, LIMITS.entries)) {
      const key = name.trim();
      if (!key || key.length > LIMITS.name) {
        fields.push({ path: `${path}.${name}`, message: path === 'teams' ? '请填写班组名称' : '请填写坐席工号', ...(key ? { code: 'too_long', params: { maximum: LIMITS.name } } : { code: 'required' }) });
      }
      else out[key] = time(value, `${path}.${key}`);
    }
    return out;
  };
  const def = input.default !== undefined ? (input.default === null || input.default.trim() === '' ? null : time(input.default, 'default')) : base.default;
  const teams = input.teams !== undefined ? map(input.teams, 'teams') : base.teams;
  const agents = input.agents !== undefined ? map(input.agents, 'agents') : base.agents;
  const earlyMinutes = input.earlyMinutes ?? base.earlyMinutes;
  if (!Number.isInteger(earlyMinutes) || earlyMinutes < 0 || earlyMinutes > LIMITS.earlyMinutes) {
    fields.push({ path: 'earlyMinutes', message: `提前登录分钟数须为 0 到 ${LIMITS.earlyMinutes} 的整数`, ...outOfRange(earlyMinutes, 0, LIMITS.earlyMinutes) });
  }
  if (fields.length > 0) throw AppError.validation(`班次时间填写有误：${fields.map((f) => `${f.path} ${f.message}`).join('；')}`, fields);
  return { default: def, teams, agents, earlyMinutes };
}

/** The agent's shift start time of day (`HH:MM`): their own, their team's, the default, or null. */
export function shiftStartTimeOf(s: ShiftStarts, agent: { username: string; team: string | null }): string | null {
  return s.agents[agent.username] ?? (agent.team !== null ? s.teams[agent.team] : undefined) ?? s.default;
}

/** The instant the agent's shift starts on a centre's date, or null when no shift time is known. */
export function shiftStartOn(s: ShiftStarts, agent: { username: string; team: string | null }, day: string, zone: TimeZone): number | null {
  const time = shiftStartTimeOf(s, agent);
  const m = time === null ? null : TIME.exec(time);
  if (!m) return null;
  return zone.toInstant(parseLocalDate(day) * MS_PER_DAY + (Number(m[1]) * 60 + Number(m[2])) * MS_PER_MINUTE);
}

/**
 * Signed in later than `earlyMinutes` before the shift (or not at all once that time has passed):
 * PH-NOTIFY's "ready 5 minutes early" missed. False while the time has not come, or with no shift known.
 */
export function signedInLate(s: ShiftStarts, shiftStart: number | null, signedInAt: number | null, now: number): boolean {
  if (shiftStart === null) return false;
  const due = shiftStart - s.earlyMinutes * MS_PER_MINUTE;
  return signedInAt === null ? now > due : signedInAt > due;
}
