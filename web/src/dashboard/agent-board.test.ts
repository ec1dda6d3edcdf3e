import { describe, expect, it } from 'vitest';
import { changesBoard, stateCounts, stateDuration } from './agent-board';

describe('agent-status board helpers', () => {
  it('runs the duration on the server clock, hours once past one', () => {
    const since = 1_000_000;
    expect(stateDuration({ since }, since + 65_000, 0)).toBe('1:05');
    // The browser is 30 s behind the server: the duration still reads from the server's clock.
    expect(stateDuration({ since }, since + 35_000, 30_000)).toBe('1:05');
    expect(stateDuration({ since }, since + 3_725_000, 0)).toBe('1:02:05');
    expect(stateDuration({ since: null }, since, 0)).toBe('—');
    expect(stateDuration({ since }, since - 5_000, 0)).toBe('0:00');
  });

  it('counts states and knows which events change the board', () => {
    expect(stateCounts([{ state: 'talking' }, { state: 'talking' }, { state: 'idle' }])).toMatchObject({ talking: 2, idle: 1, on_hold: 0 });
    expect(['call.hold', 'ticket.updated', 'agent.state', 'stream.reset'].every(changesBoard)).toBe(true);
    expect(changesBoard('visit.called')).toBe(false);
  });
});
