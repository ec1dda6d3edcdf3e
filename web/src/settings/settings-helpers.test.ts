import { describe, expect, it } from 'vitest';
import { diffLines, withContext } from './line-diff';
import { linesOfErrors } from './pack-error-lines';

const pack = `id: default
name: 默认标准
rules:
  - id: PH-OPEN
    kind: phrase
    title: 开场
  - id: PH-RATE
    kind: bogus
    title: 语速
  - id: PH-BAD
    title: 缺少 kind
`;

describe('validation errors at their line', () => {
  it('puts rules.1.kind on the line of that key', () => {
    expect(linesOfErrors(pack, [{ path: 'rules.1.kind', message: 'unknown rule kind "bogus"' }])).toEqual([
      { line: 8, path: 'rules.1.kind', message: 'unknown rule kind "bogus"' },
    ]);
  });

  it('puts a missing key at the item that lacks it, and a path outside the document on line 1', () => {
    const lines = linesOfErrors(pack, [
      { path: 'rules.2.kind', message: 'Required' },
      { path: 'durations.x', message: 'bad' },
    ]);
    expect(lines.map((l) => [l.path, l.line])).toEqual([
      ['durations.x', 1],
      ['rules.2.kind', 10],
    ]);
  });

  it('finds the line in a JSON pack too, and a YAML syntax error where the parser stops', () => {
    const json = '{\n  "id": "x",\n  "rules": [\n    {"id": "A-B", "kind": "nope"}\n  ]\n}';
    expect(linesOfErrors(json, [{ path: 'rules.0.kind', message: 'unknown' }])[0]!.line).toBe(4);
    const broken = linesOfErrors('id: a\nrules:\n  - id: [unclosed\n', [{ path: '(root)', message: 'not valid YAML' }]);
    expect(broken.some((l) => l.line >= 3)).toBe(true);
  });
});

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
