import { describe, expect, it } from 'vitest';
import type { QualityResult } from '../quality/quality-types';
import { fillScript } from './scripts';
import { tabooFlags } from './taboo-check';

describe('scripts with names filled in', () => {
  it('fills the centre, the agent and the caller into the opening', () => {
    expect(fillScript('opening', { centre: 'XX客服中心', agentName: '小周', customerTitle: '王先生' }, 'zh-CN')).toBe('您好，这里是XX客服中心，我是客服专员小周，请问王先生有什么可以帮您？');
  });
  it('drops the vocative when the caller is unknown', () => {
    expect(fillScript('hold', { centre: 'XX客服中心', agentName: '小周', customerTitle: '' }, 'zh-CN')).toBe('我需要为您查询一下相关信息，请您稍等1分钟好吗？');
    expect(fillScript('hold', { centre: 'the centre', agentName: 'Zhou', customerTitle: '' }, 'en')).toMatch(/^I need/);
  });
});

describe('taboo flags of a draft reply', () => {
  it('keeps only failed PH-TABOO evidence, with the suggested wording, in text order', () => {
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
    expect(tabooFlags(result).map((f) => [f.quote, f.suggestion])).toEqual([
      ['我不知道', '您的问题我需要查询后回复您'],
      ['你自己看说明', '您的问题我需要查询后回复您'],
    ]);
  });
});
