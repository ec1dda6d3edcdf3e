import { Tag } from 'antd';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import type { TicketPromise, TicketStatus } from './tickets-api';
import { promiseRisk } from './tickets-api';

const statusColor: Record<TicketStatus, string> = {
  open: 'blue',
  in_progress: 'geekblue',
  waiting_customer: 'gold',
  resolved: 'green',
  closed: 'default',
  reopened: 'volcano',
};

export function TicketStatusTag({ status }: { status: TicketStatus }) {
  const { t } = useI18n();
  return <Tag color={statusColor[status]}>{t(`tickets.status.${status}` as MessageKey)}</Tag>;
}

const riskColor = { kept: 'green', broken: 'red', overdue: 'red', at_risk: 'orange', on_track: 'default', renegotiated: 'purple' } as const;

export function PromiseTag({ promise, now, atRiskWithinMs }: { promise: TicketPromise; now: number; atRiskWithinMs: number }) {
  const { t } = useI18n();
  const risk = promiseRisk(promise, now, atRiskWithinMs);
  return <Tag color={riskColor[risk]}>{t(`tickets.promise.${risk}` as MessageKey)}</Tag>;
}


/**
 * The instant a wall-clock time names in `timeZone` (the centre's), whatever the browser's zone:
 * a time agreed with the customer is the centre's clock. Two passes settle a DST edge.
 */
export function instantInZone(wall: { year: number; month: number; day: number; hour: number; minute: number }, timeZone?: string): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  if (!timeZone) return new Date(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute).getTime();
  const offsetAt = (at: number) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' })
        .formatToParts(at)
        .map((p) => [p.type, Number(p.value)]),
    );
    return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!) - Math.floor(at / 60_000) * 60_000;
  };
  const first = asUtc - offsetAt(asUtc);
  return asUtc - offsetAt(first);
}

/** `10月10日 16:00` (zh), `Oct 10, 16:00` (en), in the centre's zone: how a due time is said to a customer. */
export function formatDueTime(ms: number, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { month: locale.startsWith('zh') ? 'long' : 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false, ...(timeZone && { timeZone }) }).format(ms);
}

/** `3 小时后` / `已超时 2 小时` style relative wording through Intl. */
export function formatRelative(ms: number, now: number, locale: string): string {
  const diff = ms - now;
  const abs = Math.abs(diff);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (abs < 3600_000) return rtf.format(Math.round(diff / 60_000), 'minute');
  if (abs < 48 * 3600_000) return rtf.format(Math.round(diff / 3600_000), 'hour');
  return rtf.format(Math.round(diff / 86_400_000), 'day');
}
