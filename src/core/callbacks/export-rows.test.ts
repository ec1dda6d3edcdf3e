import { describe, expect, it } from 'vitest';
import { timeZone } from '../calendar/time-zone.js';
import { defaultCallbackSettings } from '../standard/callback-schema.js';
import { callbackExportWordsEn, reportTable, targetListTable } from './export-rows.js';
import type { CallbackTask } from './model.js';

const zone = timeZone('Asia/Shanghai');
const start = Date.parse('2025-09-28T00:00:00+08:00');
const task: CallbackTask = {
  key: 'c/C1/T9',
  campaignId: 'c',
  target: { customerId: 'C1', customerCode: 'K0001', customerName: '王先生', number: '13800000001', numberKind: 'home', ticketId: 'T9', reason: '投诉工单 T9 已解决，回访确认' },
  due: { first: '2025-09-28', last: '2025-09-30', startsAt: start, endsAt: start + 3 * 86_400_000, covered: true, uncoveredYears: [] },
  agent: 'A01',
  plannedAt: null,
  attempts: [
    { at: start + 9 * 3_600_000, agent: 'A01', outcome: 'no_answer' },
    {
      at: start + 15 * 3_600_000,
      agent: 'A01',
      outcome: 'reached',
      report: { customerName: '王先生', contact: '13800000001', at: start + 15 * 3_600_000, type: 'mediation', content: '确认退款已到账', opinions: '希望短信通知', satisfaction: 5, solved: true, followUpNeeded: false, agent: '小周' },
    },
  ],
  status: 'closed',
  closeReason: 'reached',
  closedAt: start + 15 * 3_600_000,
};

describe('CB-REPORT: the target list and the callback report as tables', () => {
  it('客户回访对象表: one row per task with its window, attempts and state', () => {
    const t = targetListTable([task], zone);
    expect(t.title).toBe('客户回访对象表');
    expect(t.rows).toEqual([['K0001', '王先生', '13800000001', '住宅', '投诉工单 T9 已解决，回访确认', 'T9', '2025-09-28', '2025-09-30', 'A01', '', '2', '接通', '已结束（已回访）']]);
  });

  it('in English: the words and the reason chosen in English, what people wrote as written; the ticket by its number', () => {
    const t = targetListTable([{ ...task, target: { ...task.target, ticketNumber: 'GD20250927-0003', reasonEn: 'complaint ticket T9 solved: confirm with the customer' } }], zone, callbackExportWordsEn);
    expect(t.title).toBe('Callback targets');
    expect(t.rows[0]).toEqual(['K0001', '王先生', '13800000001', 'Home', 'complaint ticket T9 solved: confirm with the customer', 'GD20250927-0003', '2025-09-28', '2025-09-30', 'A01', '', '2', 'Reached', 'Closed (reached)']);
  });

  it('客户回访报告表: one row per report with every field of the form', () => {
    const t = reportTable([task], zone, defaultCallbackSettings);
    expect(t.header).toHaveLength(10);
    expect(t.rows).toEqual([['王先生', '13800000001', '2025-09-28T15:00:00+08:00', '调解回访', '确认退款已到账', '希望短信通知', '5', '是', '否', '小周']]);
  });
});
