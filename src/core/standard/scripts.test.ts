import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parsePackText } from './validate.js';
import { standardScripts } from './scripts.js';
import { compilePack, inspectTranscript } from '../quality/index.js';
import type { StandardPack } from './schema.js';

const source = readFileSync(new URL('./default-pack.yaml', import.meta.url), 'utf8');
function defaultPack(): StandardPack {
  const r = parsePackText(source);
  if (!r.ok) throw new Error('default pack invalid');
  return r.pack;
}

describe('standard scripts from a pack', () => {
  it('says each moment of the call once, in the order the standard asks, with the names as placeholders', () => {
    const s = standardScripts(defaultPack());
    expect(s.steps.opening.text).toBe('您好，这里是{centre}，我是客服专员{agentNames}，请问有什么可以帮您？');
    // Reason, consent and time limit are all in HD-WHY's sentence: HD-ASK and HD-LIMIT add nothing.
    expect(s.steps.hold.parts.map((p) => [p.requirement, p.inText])).toEqual([
      ['HD-WHY', true],
      ['HD-ASK', false],
      ['HD-LIMIT', false],
    ]);
    expect(s.steps.holdReturn.text).toBe('不好意思，让您久等了。');
    expect(s.steps.transfer.text).toContain('您看可以吗？请问您贵姓？');
    expect(s.steps.closing.text).toBe('请问还有其他需要协助的吗？感谢您的来电，祝您生活愉快，再见！');
  });

  it('lists every taboo phrase set of PH-TABOO with its replacement wording', () => {
    const s = standardScripts(defaultPack());
    expect(s.taboo.map((e) => e.set)).toEqual(['taboo_dont_know', 'taboo_unclear', 'taboo_not_mine', 'taboo_read_yourself', 'taboo_blame', 'taboo_refuse', 'taboo_not_ours', 'taboo_flat_refusal']);
    expect(s.taboo.find((e) => e.set === 'taboo_read_yourself')).toMatchObject({ requirement: 'PH-TABOO', replacement: '我来一步步为您说明：第一步……您看这样可以吗？' });
    expect(s.taboo.every((e) => e.phrases.length > 0)).toBe(true);
  });

  it("uses the centre's own wording and names when the pack is edited", () => {
    const pack = defaultPack();
    const edited: StandardPack = {
      ...pack,
      variables: { ...pack.variables, centre: ['平安客服中心'] },
      rules: pack.rules.map((r) => (r.id === 'PH-CLOSE' ? { ...r, suggestion: '感谢致电平安客服中心，再见！' } : r)),
    };
    const s = standardScripts(edited);
    expect(s.variables.centre).toEqual(['平安客服中心']);
    expect(s.steps.closing.text).toBe('请问还有其他需要协助的吗？感谢致电{centre}，再见！');
  });

  // The desk said 这里是XX客服中心 even after a centre saved its own name: the pack's wording held
  // the example name, which only matched while the variable still had its example value.
  it('keeps the opening a template after the centre renames itself, and quality results name the centre', () => {
    const pack = defaultPack();
    const renamed: StandardPack = { ...pack, variables: { ...pack.variables, centre: ['杭州市民热线'], agentNames: ['王芳'] } };
    expect(standardScripts(renamed).steps.opening.text).toBe('您好，这里是{centre}，我是客服专员{agentNames}，请问有什么可以帮您？');
    const result = inspectTranscript(
      { id: 'no-identity', channel: 'phone', direction: 'inbound', utterances: [{ speaker: 'agent', text: '喂，什么事？' }, { speaker: 'customer', text: '我想查一下账单。' }] },
      compilePack(renamed),
    );
    const identity = result.checks.find((c) => c.rule === 'PH-OPEN.identity');
    expect(identity?.suggestion).toBe('您好，这里是杭州市民热线，我是客服专员王芳，……');
  });
});
