import { describe, expect, it } from 'vitest';
import type { QualityResult } from '../quality/quality-types';
import { fillScript, type TabooEntry } from './scripts';
import { tabooFlags } from './taboo-check';

const variables = { company: ['XX公司'], centre: ['XX客服中心'], agentNames: ['小周'] };

describe("the pack's scripts with names filled in", () => {
  it('fills the centre and the signed-in agent, and greets a known caller by name', () => {
    const opening = '您好，这里是{centre}，我是客服专员{agentNames}，请问有什么可以帮您？';
    expect(fillScript(opening, { variables, agentName: '安娜', customerTitle: '' })).toBe('您好，这里是XX客服中心，我是客服专员安娜，请问有什么可以帮您？');
    expect(fillScript(opening, { variables, agentName: '安娜', customerTitle: '王先生' })).toBe('王先生您好，这里是XX客服中心，我是客服专员安娜，请问有什么可以帮您？');
  });
  it('addresses the caller before the other steps, and leaves an unknown placeholder visible', () => {
    expect(fillScript('请您稍等1分钟好吗？', { variables, agentName: '安娜', customerTitle: '王先生' })).toBe('王先生，请您稍等1分钟好吗？');
    expect(fillScript('感谢致电{hotline}', { variables, agentName: '安娜', customerTitle: '' })).toBe('感谢致电{hotline}');
  });
});

describe('taboo flags of a draft reply', () => {
  const result: QualityResult = {
    id: 'draft',
    standard: 'default@1',
    score: 0,
    fatal: true,
    checks: [
      { rule: 'PH-OPEN.greeting', ok: false, severity: 'major', points: 10, evidence: [{ utterance: 0, from: 5, to: 5, at: null, quote: '', missing: true }], message: '开场问候：未找到' },
      { rule: 'PH-TABOO', ok: false, severity: 'fatal', points: 100, evidence: [{ utterance: 0, from: 7, to: 13, at: null, quote: '你自己看说明' }, { utterance: 0, from: 2, to: 6, at: null, quote: '我不知道' }], message: '禁忌用语', suggestion: '您的问题我需要查询后回复您' },
    ],
  };

  it('keeps only failed PH-TABOO evidence, in text order', () => {
    expect(tabooFlags(result).map((f) => [f.quote, f.suggestion])).toEqual([
      ['我不知道', '您的问题我需要查询后回复您'],
      ['你自己看说明', '您的问题我需要查询后回复您'],
    ]);
  });

  it("gives each quote its own phrase set's replacement from the pack's taboo list", () => {
    const taboo: TabooEntry[] = [
      { set: 'taboo_dont_know', requirement: 'PH-TABOO', description: null, phrases: ['我不知道'], replacement: '您的问题我需要查询后回复您' },
      { set: 'taboo_read_yourself', requirement: 'PH-TABOO', description: null, phrases: ['你自己看说明', '自己看说明'], replacement: '我来一步步为您说明' },
    ];
    expect(tabooFlags(result, taboo).map((f) => [f.quote, f.suggestion])).toEqual([
      ['我不知道', '您的问题我需要查询后回复您'],
      ['你自己看说明', '我来一步步为您说明'],
    ]);
  });
});
