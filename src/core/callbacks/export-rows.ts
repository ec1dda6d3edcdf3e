import type { TimeZone } from '../calendar/time-zone.js';
import { formatInstant } from '../calendar/time-zone.js';
import type { CallbackSettings } from '../standard/callback-schema.js';
import type { AttemptOutcome, CallbackTask, CloseReason, NumberKind, TaskStatus } from './model.js';

/**
 * CB-REPORT: the two lists the standard asks a centre to keep, as header + rows of plain text that
 * the export (phase 2: CSV and XLSX) writes as they are — 客户回访对象表 (the target list) and
 * 客户回访报告表 (one row per callback that reached the customer). Instants are shown in the
 * centre's zone with their offset, so a row means the same moment wherever it is opened.
 */
export interface ExportTable {
  title: string;
  header: string[];
  rows: string[][];
}

/**
 * The fixed words of both lists (titles, column headers, states), in Simplified Chinese and English.
 * A 繁體 reader gets the Simplified words converted by the adapter (one converter for all server
 * text, see adapters/export/reader-words.ts); what customers and agents wrote is never translated.
 */
export interface CallbackExportWords {
  targetTitle: string;
  targetHeader: string[];
  reportTitle: string;
  reportHeader: string[];
  numberKind: Record<NumberKind, string>;
  status: Record<TaskStatus, string>;
  close: Record<CloseReason, string>;
  outcome: Record<AttemptOutcome, string>;
  yes: string;
  no: string;
  /** The target's selection reason as the list shows it (kept in both languages when planned). */
  reason: (target: Pick<CallbackTask['target'], 'reason' | 'reasonEn'>) => string;
  /** `已结束（已回访）`: a closed task's state with its reason. */
  closedWith: (status: string, reason: string) => string;
}

export const callbackExportWordsZh: CallbackExportWords = {
  targetTitle: '客户回访对象表',
  targetHeader: ['客户编号', '客户名称', '电话', '电话类型', '选择原因', '关联工单', '回访期开始', '回访期结束', '回访人', '计划时间', '拨打次数', '最近结果', '状态'],
  reportTitle: '客户回访报告表',
  reportHeader: ['客户名称', '联系人/电话', '回访时间', '回访类型', '回访内容', '意见和建议', '满意度（1–5）', '问题是否解决', '是否需要跟进', '回访人'],
  numberKind: { home: '住宅', work: '单位' },
  status: { pending: '待回访', retry: '待重拨', closed: '已结束' },
  close: {
    reached: '已回访',
    attempts_exhausted: '多次未接通',
    wrong_number: '号码错误',
    refused: '客户拒绝',
    window_passed: '超出回访期',
    ticket_reopened: '工单已重开，撤回',
  },
  outcome: { reached: '接通', no_answer: '无人接听', busy: '占线', wrong_number: '号码错误', absent: '本人不在', refused: '拒绝' },
  yes: '是',
  no: '否',
  reason: (target) => target.reason,
  closedWith: (status, reason) => `${status}（${reason}）`,
};

export const callbackExportWordsEn: CallbackExportWords = {
  targetTitle: 'Callback targets',
  targetHeader: ['Customer no.', 'Customer', 'Phone', 'Phone type', 'Selection reason', 'Ticket', 'Window opens', 'Window closes', 'Agent', 'Planned for', 'Attempts', 'Last outcome', 'State'],
  reportTitle: 'Callback reports',
  reportHeader: ['Customer', 'Contact / phone', 'Called at', 'Callback type', 'Callback notes', 'Opinions and suggestions', 'Satisfaction (1–5)', 'Problem solved', 'Follow-up needed', 'Agent'],
  numberKind: { home: 'Home', work: 'Work' },
  status: { pending: 'To call', retry: 'To call again', closed: 'Closed' },
  close: {
    reached: 'reached',
    attempts_exhausted: 'no answer after every attempt',
    wrong_number: 'wrong number',
    refused: 'customer refused',
    window_passed: 'window passed',
    ticket_reopened: 'ticket reopened, withdrawn',
  },
  outcome: { reached: 'Reached', no_answer: 'No answer', busy: 'Busy', wrong_number: 'Wrong number', absent: 'Person not available', refused: 'Refused' },
  yes: 'Yes',
  no: 'No',
  reason: (target) => target.reasonEn ?? target.reason,
  closedWith: (status, reason) => `${status} (${reason})`,
};

export function targetListTable(tasks: readonly CallbackTask[], zone: TimeZone, words: CallbackExportWords = callbackExportWordsZh): ExportTable {
  const at = (ms: number | null) => (ms === null ? '' : formatInstant(ms, zone));
  return {
    title: words.targetTitle,
    header: words.targetHeader,
    rows: tasks.map((t) => {
      const last = t.attempts[t.attempts.length - 1];
      return [
        t.target.customerCode ?? t.target.customerId,
        t.target.customerName,
        t.target.number,
        words.numberKind[t.target.numberKind],
        words.reason(t.target),
        // The number the customer was told; tasks planned before numbers were kept name the ticket by its id.
        t.target.ticketNumber ?? t.target.ticketId ?? '',
        t.due.first,
        t.due.last,
        t.agent ?? '',
        at(t.plannedAt),
        String(t.attempts.length),
        last ? words.outcome[last.outcome] : '',
        t.status === 'closed' && t.closeReason ? words.closedWith(words.status.closed, words.close[t.closeReason]) : words.status[t.status],
      ];
    }),
  };
}

export function reportTable(tasks: readonly CallbackTask[], zone: TimeZone, settings: Pick<CallbackSettings, 'types'>, words: CallbackExportWords = callbackExportWordsZh): ExportTable {
  const rows: string[][] = [];
  for (const t of tasks) {
    for (const a of t.attempts) {
      const r = a.report;
      if (!r) continue;
      rows.push([
        r.customerName,
        r.contact,
        formatInstant(r.at, zone),
        settings.types[r.type].name,
        r.content,
        r.opinions,
        String(r.satisfaction),
        r.solved ? words.yes : words.no,
        r.followUpNeeded ? words.yes : words.no,
        r.agent,
      ]);
    }
  }
  return { title: words.reportTitle, header: words.reportHeader, rows };
}
