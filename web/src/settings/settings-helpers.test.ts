import { describe, expect, it } from 'vitest';
import { diffLines, withContext } from './line-diff';

describe('line diff', () => {
  it('shows a changed line as removed then added, with line numbers on each side', () => {
    const diff = diffLines('a\nb\nc\nd', 'a\nB\nc\nd\ne');
    expect(diff.filter((l) => l.kind !== 'same')).toEqual([
      { kind: 'removed', text: 'b', oldLine: 2 },
      { kind: 'added', text: 'B', newLine: 2 },
      { kind: 'added', text: 'e', newLine: 5 },
    ]);
    expect(diffLines('x\ny', 'x\ny').every((l) => l.kind === 'same')).toBe(true);
  });

  it('folds unchanged stretches away from the changes', () => {
    const old = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
    const next = old.replace('line 10', 'line ten');
    const shown = withContext(diffLines(old, next), 2);
    expect(shown[0]).toBeNull();
    expect(shown.filter((l) => l !== null)).toHaveLength(6);
    expect(shown[shown.length - 1]).toBeNull();
  });
});
