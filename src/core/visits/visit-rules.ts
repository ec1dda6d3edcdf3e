import { MS_PER_DAY } from '../calendar/local-date.js';
import { formatLocalDate } from '../calendar/local-date.js';
import type { TimeZone } from '../calendar/time-zone.js';
import { defaultVisitSettings, type VisitSettings } from '../standard/visit-schema.js';

/** One step of the walk-in escalation chain (CP-CHAIN, 000): who the visit goes up to. */
export interface ChainStep {
  /** The role that takes the visit at this step (`supervisor`: 客服主管; `manager`: 管理处主管). */
  role: 'supervisor' | 'manager';
  label: string;
}

/**
 * The walk-in limits, from the pack in force (`visits:`, `core/standard/visit-schema.ts`; KF-1's
 * defaults: 3 minutes before a waiting visitor is someone else's to serve). `visitRulesFrom` turns the
 * pack's section into these; the services read the pack again when it changes.
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
  /** What a supervisor scores on an observation card (VS-GREET, VS-TEA, …). */
  cardItems: readonly { id: string; label: string }[];
}

/** The pack's `visits:` section as the use cases read it. */
export function visitRulesFrom(s: VisitSettings): VisitRules {
  return {
    waitLimitMs: Math.round(s.waitLimitMinutes * 60_000),
    supervisorAfterMs: Math.round(s.supervisorAfterMinutes * 60_000),
    messagePassOnMs: s.messagePassOnMinutes * 60_000,
    urgentMessagePassOnMs: s.urgentMessagePassOnMinutes * 60_000,
    apologyAfterMs: s.apologyAfterSeconds * 1000,
    chain: s.chain,
    cardItems: s.cardItems,
  };
}

export const defaultVisitRules: VisitRules = visitRulesFrom(defaultVisitSettings);

/** The centre's local date of an instant (queue numbers restart each day). */
export function localDay(zone: TimeZone, at: number): string {
  return formatLocalDate(Math.floor(zone.toLocalMs(at) / MS_PER_DAY));
}

export { cardItems, cardItemIds, type CardItemId } from './card-items.js';
