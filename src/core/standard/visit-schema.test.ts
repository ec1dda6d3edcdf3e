import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePackText } from './validate.js';
import { defaultVisitSettings, visitSettingsSchema } from './visit-schema.js';
import { cardItems } from '../visits/card-items.js';
import { visitRulesFrom } from '../visits/visit-rules.js';

describe('the pack’s visits: section', () => {
  it('the default pack spells out exactly the defaults a pack without the section means', () => {
    const parsed = parsePackText(readFileSync(new URL('./default-pack.yaml', import.meta.url), 'utf8'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.pack.visits).toEqual(defaultVisitSettings);
    expect(defaultVisitSettings.cardItems.map((i) => i.id)).toEqual(cardItems.map((i) => i.id));
  });

  it('a centre’s own limits become the rules: 5 minutes, a three-step chain, its own card', () => {
    const rules = visitRulesFrom(visitSettingsSchema.parse({ waitLimitMinutes: 5, chain: [{ role: 'supervisor', label: '值班主管' }, { role: 'supervisor', label: '客服主管' }, { role: 'manager', label: '管理处主管' }], cardItems: [{ id: 'VS-TEA', label: '奉茶' }] }));
    expect(rules).toMatchObject({ waitLimitMs: 300_000, supervisorAfterMs: 180_000, apologyAfterMs: 60_000 });
    expect(rules.chain.map((s) => s.label)).toEqual(['值班主管', '客服主管', '管理处主管']);
    expect(rules.cardItems).toEqual([{ id: 'VS-TEA', label: '奉茶' }]);
  });

  it('refuses a duplicate card item and a zero limit, naming the field', () => {
    const dup = visitSettingsSchema.safeParse({ cardItems: [{ id: 'VS-TEA', label: 'a' }, { id: 'VS-TEA', label: 'b' }] });
    expect(dup.success).toBe(false);
    expect(dup.error?.issues[0]?.path).toEqual(['cardItems']);
    expect(visitSettingsSchema.safeParse({ waitLimitMinutes: 0 }).error?.issues[0]?.path).toEqual(['waitLimitMinutes']);
  });
});
