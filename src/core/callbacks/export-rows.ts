import type { TimeZone } from '../calendar/time-zone.js';
import { formatInstant } from '../calendar/time-zone.js';
import type { CallbackSettings } from '../standard/callback-schema.js';
import type { CallbackTask, CloseReason, TaskStatus } from './model.js';

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

const statusZh: Record<TaskStatus, string> = { pending: '待回访', retry: '待重拨', closed: '已结束' };
const closeZh: Record<CloseReason, string> = {
  reached: '已回访',
  attempts_exhausted: '多次未接通',
  wrong_number: '号码错误',
  refused: '客户拒绝',
  window_passed: '超出回访期',
  ticket_reopened: '工单已重开，撤回',
};
const outcomeZh = { reached: '接通', no_answer: '无人接听', busy: '占线', wrong_number: '号码错误', absent: '本人不在', refused: '拒绝' } as const;

export function targetListTable(tasks: readonly CallbackTask[], zone: TimeZone): ExportTable {
  const at = (ms: number | null) => (ms === null ? '' : formatInstant(ms, zone));
  return {
    title: '客户回访对象表',
    header: ['客户编号', '客户名称', '电话', '电话类型', '选择原因', '关联工单', '回访期开始', '回访期结束', '回访人', '计划时间', '拨打次数', '最近结果', '状态'],
    rows: tasks.map((t) => {
      const last = t.attempts[t.attempts.length - 1];
      return [
        t.target.customerCode ?? t.target.customerId,
        t.target.customerName,
        t.target.number,
        t.target.numberKind === 'home' ? '住宅' : '单位',
        t.target.reason,
        t.target.ticketId ?? '',
        t.due.first,
        t.due.last,
        t.agent ?? '',
        at(t.plannedAt),
        String(t.attempts.length),
        last ? outcomeZh[last.outcome] : '',
        t.status === 'closed' && t.closeReason ? `${statusZh.closed}（${closeZh[t.closeReason]}）` : statusZh[t.status],
      ];
    }),
  };
}

export function reportTable(tasks: readonly CallbackTask[], zone: TimeZone, settings: Pick<CallbackSettings, 'types'>): ExportTable {
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
        r.solved ? '是' : '否',
        r.followUpNeeded ? '是' : '否',
        r.agent,
      ]);
    }
  }
  return { title: '客户回访报告表', header: ['客户名称', '联系人/电话', '回访时间', '回访类型', '回访内容', '意见和建议', '满意度（1–5）', '问题是否解决', '是否需要跟进', '回访人'], rows };
}
