import { describe, expect, it } from 'vitest';
import { linesOfErrors } from './pack-error-lines.js';

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
      { line: 8, path: 'rules.1.kind', place: 'rules[PH-RATE].kind', message: 'unknown rule kind "bogus"' },
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

  it("keeps the error's code and params beside its line and place, for the editor to word", () => {
    const [line] = linesOfErrors(pack, [{ path: 'rules.1.kind', message: 'unknown rule kind "bogus"', code: 'one_of', params: { values: 'phrase, timing' } }]);
    expect(line).toEqual({ line: 8, path: 'rules.1.kind', place: 'rules[PH-RATE].kind', message: 'unknown rule kind "bogus"', code: 'one_of', params: { values: 'phrase, timing' } });
    const broken = linesOfErrors('id: a\nrules:\n  - id: [unclosed\n', []);
    expect(broken.length).toBeGreaterThan(0);
    expect(broken.every((l) => l.code === 'invalid_yaml')).toBe(true);
  });

  it('finds the line in a JSON pack too, and a YAML syntax error where the parser stops', () => {
    const json = '{\n  "id": "x",\n  "rules": [\n    {"id": "A-B", "kind": "nope"}\n  ]\n}';
    expect(linesOfErrors(json, [{ path: 'rules.0.kind', message: 'unknown' }])[0]!.line).toBe(4);
    const broken = linesOfErrors('id: a\nrules:\n  - id: [unclosed\n', [{ path: '(root)', message: 'not valid YAML' }]);
    expect(broken.some((l) => l.line >= 3)).toBe(true);
  });
});
