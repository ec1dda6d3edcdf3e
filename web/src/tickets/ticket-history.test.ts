import { describe, expect, it } from 'vitest';
import { formatMessage, type Locale, type MessageKey, type MessageParams } from '../i18n/messages';
import { describeHistoryEntry } from './ticket-history';
import type { TicketHistoryEntry } from './tickets-api';

const due = Date.parse('2025-10-10T16:00:00+08:00');
const wording = (locale: Locale) => ({
  t: (key: MessageKey, params?: MessageParams) => formatMessage(locale, key, params),
  locale,
  timeZone: 'Asia/Shanghai',
  people: { u_zhou: '小周', u_li: '李娜' },
});
const entry = (over: Partial<TicketHistoryEntry>): TicketHistoryEntry => ({ id: 'th_1', at: due, actorId: 'u_zhou', actorName: 'zhou', action: 'updated', changes: null, note: null, ...over });

describe('the ticket history, written for people', () => {
  it('names fields in the reader’s language and formats values: people by name, due times in the centre’s zone, no JSON', () => {
    const made = describeHistoryEntry(entry({ action: 'promise_made', changes: { promise: { from: null, to: { id: 'pr_1', kind: 'reply', duration: '2wd', dueAt: due } } } }), wording('zh-CN'));
    expect(made).toEqual({ title: '做出承诺', actor: '小周', changes: ['承诺：答复，10月10日 16:00 前'], note: null });
    const assigned = describeHistoryEntry(entry({ action: 'assigned', changes: { assigneeId: { from: 'u_zhou', to: 'u_li' } }, note: '李娜熟悉计费业务' }), wording('zh-CN'));
    expect(assigned.changes).toEqual(['处理人：小周 → 李娜']);
    expect(assigned.note).toBe('李娜熟悉计费业务');
    const changed = describeHistoryEntry(entry({ changes: { priority: { from: 'normal', to: 'high' }, status: { from: 'open', to: 'in_progress' }, callId: { from: null, to: 'call-0001' } } }), wording('zh-TW'));
    expect(changed.changes).toEqual(['優先級：普通 → 高', '狀態：待處理 → 處理中', '關聯來電：已關聯']);
    const renegotiated = describeHistoryEntry(entry({ action: 'promise_renegotiated', changes: { dueAt: { from: due, to: due + 20 * 3600_000 } } }), wording('en'));
    expect(renegotiated).toMatchObject({ title: 'Reply time renegotiated', changes: ['Reply due: Oct 10, 16:00 → Oct 11, 12:00'] });
    for (const line of [made, assigned, changed]) expect([line.title, line.actor, ...line.changes].join(' ')).not.toMatch(/[{}]|pr_|u_zhou|dueAt|assigneeId/);
  });

  it('shows the system as 系统 and never its machine notes (older ones were English)', () => {
    const broken = describeHistoryEntry(entry({ actorId: null, actorName: 'system', action: 'promise_broken', changes: { promise: { from: 'open', to: 'broken' } }, note: 'promise pr_1 due 2025-10-10T08:00:00.000Z not kept' }), wording('zh-CN'));
    expect(broken).toEqual({ title: '承诺违约', actor: '系统', changes: ['承诺：进行中 → 已违约'], note: null });
  });
});
