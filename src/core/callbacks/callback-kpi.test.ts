import { describe, expect, it } from 'vitest';
import { callbackKpi } from './callback-kpi.js';
import type { CallbackTask } from './model.js';

const DAY = 86_400_000;
const start = Date.parse('2025-09-28T00:00:00+08:00');
function task(attempts: CallbackTask['attempts'], status: CallbackTask['status'] = 'closed'): CallbackTask {
  return {
    key: 'k',
    campaignId: 'c',
    target: { customerId: 'C', customerName: '王先生', number: '1', numberKind: 'home', reason: '' },
    due: { first: '2025-09-28', last: '2025-09-30', startsAt: start, endsAt: start + 3 * DAY, covered: true, uncoveredYears: [] },
    agent: 'A01',
    plannedAt: null,
    attempts,
    status,
    closeReason: null,
    closedAt: null,
  };
}

describe('KPI-CB: callbacks that reached the customer within the 1–3 working day window', () => {
  it('counts reached-in-window over the tasks that can be judged; open tasks still in time wait', () => {
    const reached = (at: number) => ({ at, agent: 'A01', outcome: 'reached' as const });
    const tasks = [
      task([reached(start + DAY)]),
      task([reached(start + 4 * DAY)]), // reached, but late
      task([{ at: start + DAY, agent: 'A01', outcome: 'no_answer' }], 'retry'), // still in time: not judged yet
      task([], 'closed'),
    ];
    expect(callbackKpi(tasks, start + 2 * DAY)).toEqual({ judged: 3, reachedInWindow: 1, rate: 1 / 3 });
    expect(callbackKpi(tasks, start + 5 * DAY)).toEqual({ judged: 4, reachedInWindow: 1, rate: 0.25 });
    expect(callbackKpi([], start).rate).toBeNull();
  });
});
