import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { parsePackText, validatePack } from './validate.js';

const defaultText = readFileSync(new URL('./default-pack.yaml', import.meta.url), 'utf8');

describe('validatePack', () => {
  it('accepts the default pack', () => {
    const result = parsePackText(defaultText);
    expect(result.ok).toBe(true);
    if (result.ok) expect(`${result.pack.id}@${result.pack.version}`).toBe('default@1');
  });

  it('rejects a broken pack with errors that name the path and the problem', () => {
    const pack = parse(defaultText) as { rules: Array<Record<string, unknown>>; phraseSets: Record<string, { regex?: string[] }>; durations: Record<string, string> };
    pack.rules[0]!.kind = 'phrases';
    const kinds = validatePack(pack);
    expect(kinds.ok).toBe(false);
    if (!kinds.ok) expect(kinds.errors[0]).toMatchObject({ path: 'rules.0.kind', message: expect.stringContaining('unknown rule kind "phrases"') });

    const broken = parse(defaultText) as typeof pack;
    broken.phraseSets.greeting!.regex = ['(unclosed'];
    const rate = broken.rules.findIndex((r) => r.kind === 'speech-rate');
    broken.rules[rate]!.band = { min: 230, max: 220 };
    broken.durations.followUpReply = '24x';
    const result = validatePack(broken);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const paths = result.errors.map((e) => e.path);
      expect(paths).toContain('phraseSets.greeting.regex.0');
      expect(paths).toContain(`rules.${rate}.band`);
      expect(paths).toContain('durations.followUpReply');
      expect(result.errors.find((e) => e.path === `rules.${rate}.band`)?.message).toMatch(/min 230 is greater than max 220/);
    }
  });

  it('names unknown phrase sets and missing fields', () => {
    const pack = parse(defaultText) as { rules: Array<Record<string, unknown>> };
    pack.rules[1]!.match = ['no_such_set'];
    delete pack.rules[2]!.severity;
    const result = validatePack(pack);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => e.path)).toContain('rules.2.severity');
    }
    const only = parse(defaultText) as { rules: Array<Record<string, unknown>> };
    only.rules[1]!.match = ['no_such_set'];
    const r2 = validatePack(only);
    expect(!r2.ok && r2.errors[0]).toMatchObject({ path: 'rules.1.match.0', message: 'unknown phrase set "no_such_set"' });
  });

  it('names unknown sets in the chat additions: openers, unlessNear, readBack, detect.opening', () => {
    const pack = parse(defaultText) as {
      rules: Array<Record<string, unknown>>;
      phraseSets: Record<string, Record<string, unknown>>;
      detect: { opening: Record<string, unknown> };
    };
    const greeting = pack.rules.findIndex((r) => r.id === 'PH-OPEN.greeting');
    const confirm = pack.rules.findIndex((r) => r.id === 'PH-CONFIRM');
    pack.rules[greeting]!.openers = { chat: ['no_address'] };
    pack.rules[confirm]!.readBack = ['no_read_back'];
    pack.phraseSets.taboo_flat_refusal!.unlessNear = ['no_excuse'];
    pack.detect.opening.filler = ['no_filler'];
    const result = validatePack(pack);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => [e.path, e.message])).toEqual(
        expect.arrayContaining([
          [`rules.${greeting}.openers.chat.0`, 'unknown phrase set "no_address"'],
          [`rules.${confirm}.readBack.0`, 'unknown phrase set "no_read_back"'],
          ['phraseSets.taboo_flat_refusal.unlessNear.0', 'unknown phrase set "no_excuse"'],
          ['detect.opening.filler.0', 'unknown phrase set "no_filler"'],
        ]),
      );
    }
    // A pack written before these existed (no detect.opening) is still valid.
    const older = parse(defaultText) as { detect: Record<string, unknown> };
    delete older.detect.opening;
    expect(validatePack(older).ok).toBe(true);
  });

  it('reports YAML syntax errors', () => {
    const result = parsePackText('id: [unclosed');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ path: '(root)', code: 'invalid_yaml' });
  });

  // Issue #21: the editor words each error in the author's language from its code and params.
  it('gives every error a code and the params the editor words it with', () => {
    const pack = parse(defaultText) as { rules: Array<Record<string, unknown>>; phraseSets: Record<string, { phrases?: unknown[]; regex?: string[] }>; durations: Record<string, string> };
    pack.phraseSets.greeting!.regex = ['(unclosed'];
    const rate = pack.rules.findIndex((r) => r.kind === 'speech-rate');
    pack.rules[rate]!.band = { min: 230, max: 220 };
    pack.rules[1]!.match = ['no_such_set'];
    pack.rules[2]!.id = pack.rules[0]!.id;
    pack.durations.followUpReply = '24x';
    const result = validatePack(pack);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const at = (path: string) => result.errors.find((e) => e.path === path);
    expect(at('phraseSets.greeting.regex.0')).toMatchObject({ code: 'invalid_regex' });
    expect(at(`rules.${rate}.band`)).toMatchObject({ code: 'min_above_max', params: { min: 230, max: 220 } });
    expect(at('rules.1.match.0')).toMatchObject({ code: 'unknown_phrase_set', params: { name: 'no_such_set' } });
    expect(at('rules.2.id')).toMatchObject({ code: 'duplicate' });
    expect(at('durations.followUpReply')).toMatchObject({ code: 'invalid_duration' });
    // zod's own checks too: a missing key, a value not among the allowed ones.
    const missing = parse(defaultText) as typeof pack;
    delete missing.rules[3]!.severity;
    delete missing.rules[3]!.title;
    const r2 = validatePack(missing);
    expect(!r2.ok && r2.errors.find((e) => e.path === 'rules.3.title')).toMatchObject({ code: 'required' });
    expect(!r2.ok && r2.errors.find((e) => e.path === 'rules.3.severity')).toMatchObject({ code: 'one_of', params: { values: expect.stringContaining('major') } });
    const kind = parse(defaultText) as typeof pack;
    kind.rules[0]!.kind = 'phrases';
    const r3 = validatePack(kind);
    expect(!r3.ok && r3.errors[0]).toMatchObject({ path: 'rules.0.kind', code: 'one_of', params: { values: expect.stringContaining('speech-rate') } });
    expect(result.errors.every((e) => e.code !== undefined && e.code !== 'invalid')).toBe(true);
  });
});
