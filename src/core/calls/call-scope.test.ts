import { describe, expect, it } from 'vitest';
import { agentScope, maySeeCall } from './call-scope.js';

describe('who sees which calls', () => {
  it('an agent is held to the calls they answered, whatever agent they ask for', () => {
    expect(agentScope({ username: 'ana', role: 'agent' }, 'bo')).toBe('ana');
    expect(agentScope({ username: 'ana', role: 'agent' })).toBe('ana');
    expect(maySeeCall({ username: 'ana', role: 'agent' }, { agent: 'ana' })).toBe(true);
    expect(maySeeCall({ username: 'ana', role: 'agent' }, { agent: 'bo' })).toBe(false);
    // A call nobody answered is no agent's own.
    expect(maySeeCall({ username: 'ana', role: 'agent' }, { agent: null })).toBe(false);
  });

  it('leads see every call, or the agent they ask for', () => {
    for (const role of ['supervisor', 'qa', 'manager', 'admin'] as const) {
      expect(agentScope({ username: 'sam', role })).toBeUndefined();
      expect(agentScope({ username: 'sam', role }, 'bo')).toBe('bo');
      expect(maySeeCall({ username: 'sam', role }, { agent: 'bo' })).toBe(true);
    }
  });
});
