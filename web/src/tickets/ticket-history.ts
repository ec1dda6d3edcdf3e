import type { Translate } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { formatDueTime } from './ticket-labels';
import type { TicketHistoryEntry, TicketSettings } from './tickets-api';

/** What a history entry is written with: the reader's words, the centre's clock, the people's names. */
export interface HistoryWording {
  t: Translate;
  locale: string;
  /** The centre's zone (`TicketSettings.timeZone`): every time in the history is its wall clock. */
  timeZone?: string;
  /** Display names by user id (`TicketDetail.people`). */
  people: Record<string, string>;
  settings?: Pick<TicketSettings, 'types' | 'complaintClasses' | 'complaintGrades'>;
}

export interface HistoryLine {
  title: string;
  actor: string;
  /** One line per changed field: `状态：待处理 → 处理中`. */
  changes: string[];
  /** What a person wrote with the change; the machine's own notes are never shown (they were English). */
  note: string | null;
}

/** The fields the history names, each with its label; a field not listed is left out rather than shown as a key. */
const fieldLabels: Record<string, MessageKey> = {
  type: 'tickets.field.type',
  complaintClass: 'tickets.field.complaintClass',
  complaintGrade: 'tickets.field.complaintGrade',
  problemType: 'tickets.field.problemType',
  title: 'tickets.field.title',
  description: 'tickets.field.description',
  customerId: 'tickets.field.customerId',
  customerName: 'tickets.field.customerName',
  contactPhone: 'tickets.field.contactPhone',
  callId: 'tickets.field.callId',
  visitId: 'tickets.field.visitId',
  channel: 'tickets.field.channel',
  priority: 'tickets.field.priority',
  assigneeId: 'tickets.field.assigneeId',
  team: 'tickets.field.team',
  callEndedAt: 'tickets.field.callEndedAt',
  status: 'tickets.field.status',
  escalationLevel: 'tickets.field.escalationLevel',
  summary: 'tickets.field.summary',
  promise: 'tickets.field.promise',
  dueAt: 'tickets.field.dueAt',
  keptAt: 'tickets.field.keptAt',
  reminder: 'tickets.field.reminder',
  promiseBroken: 'tickets.field.promiseBroken',
  promiseRenegotiated: 'tickets.field.promiseRenegotiated',
};

const timeFields = new Set(['callEndedAt', 'dueAt', 'keptAt', 'promiseBroken', 'promiseRenegotiated']);
const linkFields = new Set(['customerId', 'callId', 'visitId']);
const promiseStatuses = new Set(['open', 'kept', 'broken', 'renegotiated']);

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function valueText(field: string, value: unknown, w: HistoryWording): string {
  const { t } = w;
  if (value === null || value === undefined || value === '') return t('tickets.history.empty');
  const due = (ms: number) => formatDueTime(ms, w.locale, w.timeZone);
  if (timeFields.has(field) && typeof value === 'number') return due(value);
  if (linkFields.has(field)) return t('tickets.history.linked');
  switch (field) {
    case 'status':
      return t(`tickets.status.${String(value)}` as MessageKey);
    case 'priority':
      return t(`tickets.priority.${String(value)}` as MessageKey);
    case 'channel':
      return t(`tickets.channel.${String(value)}` as MessageKey);
    case 'escalationLevel':
      return t(`tickets.level.${String(value)}` as MessageKey);
    case 'assigneeId':
      return w.people[String(value)] ?? t('tickets.history.formerUser');
    case 'type':
      return w.settings?.types.find((x) => x.key === value)?.label ?? String(value);
    case 'complaintClass':
      return w.settings?.complaintClasses.find((x) => x.key === value)?.label ?? String(value);
    case 'complaintGrade':
      return w.settings?.complaintGrades.find((x) => x.key === value)?.label ?? String(value);
    case 'promise':
      if (typeof value === 'string' && promiseStatuses.has(value)) return t(`tickets.promiseStatus.${value}` as MessageKey);
      if (typeof value === 'object' && 'dueAt' in value && typeof value.dueAt === 'number') {
        const kind = 'kind' in value && typeof value.kind === 'string' ? t(`tickets.promiseKind.${value.kind}` as MessageKey) : '';
        return t('tickets.history.promiseValue', { kind, due: due(value.dueAt) });
      }
      return '';
    case 'reminder':
      return typeof value === 'object' && 'dueAt' in value && typeof value.dueAt === 'number' ? t('tickets.history.reminderValue', { due: due(value.dueAt) }) : '';
    case 'summary':
      if (typeof value === 'object' && 'problemType' in value && 'solution' in value) return clip(`${String(value.problemType)} · ${String(value.solution)}`);
      return '';
    default:
      return typeof value === 'string' ? clip(value) : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
  }
}

/** One history entry as a person reads it (field names in their language, values formatted, times in the centre's zone). */
export function describeHistoryEntry(h: TicketHistoryEntry, w: HistoryWording): HistoryLine {
  const { t } = w;
  const changes = Object.entries(h.changes ?? {}).flatMap(([field, change]) => {
    const label = fieldLabels[field];
    if (!label) return [];
    const to = valueText(field, change.to, w);
    if (change.from === null || change.from === undefined) return [t('tickets.history.set', { field: t(label), to })];
    return [t('tickets.history.change', { field: t(label), from: valueText(field, change.from, w), to })];
  });
  const actor = h.actorId === null ? (h.actorName === 'system' || h.actorName === null ? t('tickets.history.system') : h.actorName) : w.people[h.actorId] ?? h.actorName ?? t('tickets.history.formerUser');
  return { title: t(`tickets.history.${h.action}` as MessageKey), actor, changes, note: h.actorId === null ? null : h.note };
}
