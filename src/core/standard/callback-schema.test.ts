import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { callbackSettingsSchema, defaultCallbackSettings } from './callback-schema.js';
import { parsePackText, validatePack } from './validate.js';

const defaultText = readFileSync(new URL('./default-pack.yaml', import.meta.url), 'utf8');

describe("the pack's callbacks section (CB-AFTER, CB-WINDOW, CB-TYPE)", () => {
  it("spells out exactly the contract's defaults that a pack without the section gets", () => {
    const doc = parse(defaultText) as Record<string, unknown>;
    expect(callbackSettingsSchema.parse(doc.callbacks)).toEqual(defaultCallbackSettings);
    const result = parsePackText(defaultText);
    expect(result.ok && result.pack.callbacks).toEqual(defaultCallbackSettings);
    delete doc.callbacks;
    const older = validatePack(doc);
    expect(older.ok && older.pack.callbacks).toEqual(defaultCallbackSettings);
  });

  it('has the contract defaults: 1st–3rd working day; home 08:00–22:00 without 12–14 and 18–19; work 09–12, 13–18, not from 17:45, not before 10:00 after days off', () => {
    const s = defaultCallbackSettings;
    expect(s.dueWindow).toEqual({ firstWorkday: 1, lastWorkday: 3 });
    expect(s.windows.home.hours).toEqual([{ start: '08:00', end: '22:00' }]);
    expect(s.windows.home.exclude.map((x) => `${x.id} ${x.start}-${x.end}`)).toEqual(['lunch 12:00-14:00', 'dinner 18:00-19:00']);
    expect(s.windows.work).toMatchObject({ days: 'working-days', endOfDayMinutes: 15, afterDaysOffNotBefore: '10:00' });
    expect(Object.keys(s.types)).toEqual(['explanation', 'promotion', 'relationship', 'mediation', 'suggestion', 'guidance']);
    expect(s.types.promotion.requiresMarketingConsent).toBe(true);
    for (const t of Object.values(s.types)) expect(t.opening).toMatch(/\{customerName\}.*您现在方便听电话吗？$/); // CB-OPEN
  });

  it('rejects a window that leaves no callable minute, with the path and the reason', () => {
    const doc = parse(defaultText) as { callbacks: { windows: { work: Record<string, unknown>; home: Record<string, unknown> } } };
    doc.callbacks.windows.work.afterDaysOffNotBefore = '18:00';
    const afterOff = validatePack(doc);
    expect(afterOff.ok).toBe(false);
    if (!afterOff.ok) expect(afterOff.errors).toContainEqual({ path: 'callbacks.windows.work.afterDaysOffNotBefore', message: expect.stringContaining('没有任何可拨打的时间'), code: 'no_calling_hours' });

    const none = parse(defaultText) as typeof doc;
    none.callbacks.windows.home.exclude = [{ id: 'all-day', start: '00:00', end: '24:00', reason: '全天', reasonEn: 'all day' }];
    const r = validatePack(none);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toContainEqual({ path: 'callbacks.windows.home', message: expect.stringContaining('no callable minute'), code: 'no_calling_hours' });
  });

  it('names malformed fields', () => {
    const doc = parse(defaultText) as {
      callbacks: { windows: { home: { hours: { start: string }[] } }; dueWindow: unknown; retry: { busy: { maxAttempts: number } } };
    };
    doc.callbacks.windows.home.hours[0]!.start = '8am';
    doc.callbacks.dueWindow = { firstWorkday: 3, lastWorkday: 1 };
    doc.callbacks.retry.busy.maxAttempts = 0;
    const r = validatePack(doc);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const paths = r.errors.map((e) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['callbacks.windows.home.hours.0.start', 'callbacks.dueWindow.lastWorkday', 'callbacks.retry.busy.maxAttempts']));
      // Issue #21: each says what is wrong as a code the editor words in the author's language.
      expect(r.errors.find((e) => e.path === 'callbacks.dueWindow.lastWorkday')).toMatchObject({ code: 'too_small', params: { minimum: 3 } });
      expect(r.errors.find((e) => e.path === 'callbacks.retry.busy.maxAttempts')).toMatchObject({ code: 'too_small', params: { minimum: 1 } });
    }
  });
});
