import { describe, expect, it } from 'vitest';
import { parseTranscriptInput } from './transcript-input';

describe('pasted transcripts', () => {
  it('reads one pretty-printed transcript, an array, and a {transcripts} batch', () => {
    expect(parseTranscriptInput('{\n  "utterances": []\n}').transcripts).toEqual([{ utterances: [] }]);
    expect(parseTranscriptInput('[{"id":"a"},{"id":"b"}]').transcripts).toHaveLength(2);
    expect(parseTranscriptInput('{"transcripts":[{"id":"a"}]}').transcripts).toEqual([{ id: 'a' }]);
  });

  it('reads JSON Lines and names the bad line while keeping the others', () => {
    const parsed = parseTranscriptInput('{"id":"a","utterances":[]}\n\n{"id":"b",\n{"id":"c","utterances":[]}');
    expect(parsed.transcripts.map((t) => (t as { id: string }).id)).toEqual(['a', 'c']);
    expect(parsed.errors.map((e) => e.line)).toEqual([3]);
  });

  it('reports a broken multi-line document as one error, not as bad JSON Lines', () => {
    const parsed = parseTranscriptInput('{\n  "id": "a",\n  "utterances": [\n}');
    expect(parsed.transcripts).toEqual([]);
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]!.message).toMatch(/JSON/);
  });
});
