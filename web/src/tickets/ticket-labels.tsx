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

const riskColor = { kept: 'green', broken: 'red', overdue: 'red', at_risk: 'orange', on_track: 'default' } as const;

export function PromiseTag({ promise, now, atRiskWithinMs }: { promise: TicketPromise; now: number; atRiskWithinMs: number }) {
  const { t } = useI18n();
  const risk = promiseRisk(promise, now, atRiskWithinMs);
  return <Tag color={riskColor[risk]}>{t(`tickets.promise.${risk}` as MessageKey)}</Tag>;
}

export function formatDateTime(ms: number | null | undefined, locale: string): string {
  if (ms === null || ms === undefined) return '—';
  return new Date(ms).toLocaleString(locale, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
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
