import { describe, expect, it } from 'vitest';
import { formatMessage, type MessageKey, type MessageParams } from '../i18n/messages';
import { coverageStatement } from './coverage-statement';

const in_ = (locale: 'zh-CN' | 'zh-TW' | 'en') => (key: MessageKey, params?: MessageParams) => formatMessage(locale, key, params);
const names: Record<string, string> = { zhou: '小周', li: '李娜' };
const person = (u: string) => names[u] ?? u;

describe('月度抽检说明 on the screen', () => {
  const c = { month: '2026-03', target: 0.2, fatalCalls: 4, fatalSampled: 4, totals: { calls: 155, sampled: 99, reviewed: 50 }, agents: [{ agent: 'zhou', shortfall: 0 }, { agent: 'li', shortfall: 3 }] };

  it('says the figures in the reader’s language, agents by name', () => {
    expect(coverageStatement(c, in_('zh-CN'), person)).toBe('2026-03 共有已质检来电 155 通，抽检 99 通（63.9%），已人工复核 50 通（32.3%）；致命差错来电 4 通，已全部纳入抽检。尚未达到 20% 复核量的坐席：李娜（还差 3 通）。');
    expect(coverageStatement(c, in_('en'), person)).toBe('2026-03: 155 calls checked by the engine, 99 sampled (63.9%), 50 reviewed by hand (32.3%). Every call with a fatal error (4) is in the sample. Below 20% reviewed: 李娜 (3 to go).');
    expect(coverageStatement({ ...c, agents: [], fatalSampled: 3 }, in_('zh-TW'), person)).toBe('2026-03 共有已質檢來電 155 通，抽檢 99 通（63.9%），已人工複核 50 通（32.3%）；致命差錯來電 4 通，尚有 1 通未納入抽檢。每位坐席的複核量均已達到 20%。');
  });
});
