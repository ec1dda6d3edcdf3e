import { describe, expect, it } from 'vitest';
import { callbackSummary } from './callback-summary.js';
import type { CallbackTask } from './model.js';

const DAY = 86_400_000;
const start = Date.parse('2025-09-28T00:00:00+08:00');
function task(agent: string | null, status: CallbackTask['status'] = 'pending'): CallbackTask {
  return {
    key: `k-${agent ?? 'none'}-${status}`,
    campaignId: 'c',
    target: { customerId: 'C', customerName: '王先生', number: '1', numberKind: 'home', reason: '' },
    due: { first: '2025-09-28', last: '2025-09-30', startsAt: start, endsAt: start + 3 * DAY, covered: true, uncoveredYears: [] },
    agent,
    plannedAt: null,
    attempts: [],
    status,
    closeReason: null,
    closedAt: null,
  };
}

describe("the supervisor's callback summary", () => {
  it('gives tasks no agent holds a row of their own, marked unassigned so each screen words it in its language', () => {
    const s = callbackSummary([task('A01'), task(null), task(null)], start + DAY);
    expect(s.byAgent).toEqual([
      expect.objectContaining({ agent: 'A01', assigned: true, tasks: 1, open: 1 }),
      expect.objectContaining({ assigned: false, tasks: 2, open: 2 }),
    ]);
  });
});
