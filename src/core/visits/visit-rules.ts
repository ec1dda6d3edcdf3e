import { MS_PER_DAY } from '../calendar/local-date.js';
import { formatLocalDate } from '../calendar/local-date.js';
import type { TimeZone } from '../calendar/time-zone.js';

/** One step of the walk-in escalation chain (CP-CHAIN, 000): who the visit goes up to. */
export interface ChainStep {
  /** The role that takes the visit at this step (`supervisor`: 客服主管; `manager`: 管理处主管). */
  role: 'supervisor' | 'manager';
  label: string;
}

/**
 * The walk-in limits. Defaults from KF-1 (000): 3 minutes before a waiting visitor is someone
 * else's to serve. Kept as data so the pack can carry them (not yet wired to the pack: the pack
 * schema is the standard module's; see docs/requirements.md).
 */
export interface VisitRules {
  /** VS-BUSY1/2: a visitor waiting this long alerts the staff member. */
  waitLimitMs: number;
  /** The alert unanswered this long goes on to the supervisor. */
  supervisorAfterMs: number;
  /** VS-OWNER: a message is passed on within this, unless a time was promised. */
  messagePassOnMs: number;
  /** An urgent message: the colleague is phoned at once, and it must be passed on within this. */
  urgentMessagePassOnMs: number;
  /** VS-SWITCH: a visitor who waited at least this long is greeted with the apology. */
  apologyAfterMs: number;
  /** VS-ESCALATE / CP-CHAIN: 相关人员/客服主管 → 管理处主管. */
  chain: readonly ChainStep[];
}

export const defaultVisitRules: VisitRules = {
  waitLimitMs: 3 * 60_000,
  supervisorAfterMs: 3 * 60_000,
  messagePassOnMs: 2 * 3_600_000,
  urgentMessagePassOnMs: 15 * 60_000,
  apologyAfterMs: 60_000,
  chain: [
    { role: 'supervisor', label: '客服主管' },
    { role: 'manager', label: '管理处主管' },
  ],
};

/** The centre's local date of an instant (queue numbers restart each day). */
export function localDay(zone: TimeZone, at: number): string {
  return formatLocalDate(Math.floor(zone.toLocalMs(at) / MS_PER_DAY));
}

export { cardItems, cardItemIds, type CardItemId } from './card-items.js';
