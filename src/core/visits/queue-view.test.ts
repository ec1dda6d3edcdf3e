import { describe, expect, it } from 'vitest';
import { maskSurname, visitFigures, withWaitClock } from './queue-view.js';
import { defaultVisitRules } from './visit-rules.js';
import type { Visit } from './model.js';

const T0 = Date.parse('2026-03-02T09:00:00+08:00');
const visit = (o: Partial<Visit>): Visit => ({
  id: 'v',
  day: '2026-03-02',
  number: 1,
  visitor: { surname: '王先生', phone: null, customerId: null },
  purpose: '咨询',
  urgent: false,
  forStaff: null,
  status: 'waiting',
  arrivedAt: T0,
  calledAt: null,
  servedBy: null,
  finishedAt: null,
  alertedAt: null,
  supervisorAlertedAt: null,
  escalationLevel: 0,
  heldCall: null,
  ticketId: null,
  history: [],
  registeredBy: null,
  updatedAt: T0,
  ...o,
});

describe('the waiting-room display and the reception figures', () => {
  it('masks a surname to its first character, keeping the title', () => {
    expect(['王先生', '欧阳女士', '李', '  张小姐 '].map(maskSurname)).toEqual(['王*先生', '欧*女士', '李*', '张*小姐']);
  });

  it('a waiting clock stops when the visitor is called and is overdue only while waiting past 3 minutes or urgent', () => {
    expect(withWaitClock(visit({}), defaultVisitRules, T0 + 179_999)).toMatchObject({ waitedSeconds: 179, overdue: false });
    expect(withWaitClock(visit({}), defaultVisitRules, T0 + 180_000)).toMatchObject({ waitedSeconds: 180, overdue: true });
    expect(withWaitClock(visit({ urgent: true }), defaultVisitRules, T0)).toMatchObject({ overdue: true });
    expect(withWaitClock(visit({ status: 'serving', calledAt: T0 + 60_000 }), defaultVisitRules, T0 + 3_600_000)).toMatchObject({ waitedSeconds: 60, overdue: false });
  });

  it('counts visitors per hour, wait percentiles, the share called within 3 minutes and hand-offs', () => {
    const hour = (at: number) => new Date(at + 8 * 3_600_000).getUTCHours();
    const f = visitFigures(
      [
        visit({ calledAt: T0 + 60_000, history: [{ at: T0, action: 'handed_off', by: 'a', to: 'b' }] }),
        visit({ calledAt: T0 + 240_000 }),
        visit({ arrivedAt: T0 + 3_600_000 }),
      ],
      [],
      defaultVisitRules,
      hour,
      T0 + 7_200_000,
    );
    expect(f).toMatchObject({ visitors: 3, waitP50Seconds: 60, waitP90Seconds: 240, servedWithinLimit: 0.5, handOffs: 1, messagesOverdue: 0 });
    expect(f.perHour[9]).toBe(2);
    expect(f.perHour[10]).toBe(1);
  });
});
