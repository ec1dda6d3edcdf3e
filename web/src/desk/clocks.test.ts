import { describe, expect, it } from 'vitest';
import { readClock } from './clocks';

describe('the wrap-up clocks', () => {
  const hangUp = 1_000_000;
  it('shows the full three minutes at hang-up and counts down', () => {
    expect(readClock(hangUp, 3, hangUp)).toMatchObject({ text: '3:00', state: 'running' });
    expect(readClock(hangUp, 3, hangUp + 13_500)).toMatchObject({ text: '2:47', state: 'running' });
  });
  it('warns in the last fifth and goes negative once overdue', () => {
    expect(readClock(hangUp, 5, hangUp + 4 * 60_000 + 30_000).state).toBe('warning');
    expect(readClock(hangUp, 3, hangUp + 192_000)).toMatchObject({ text: '-0:12', state: 'overdue' });
  });
  it('stops at the time taken once the ticket is saved', () => {
    expect(readClock(hangUp, 3, hangUp + 600_000, hangUp + 95_000)).toMatchObject({ text: '1:35', state: 'done' });
  });
});
