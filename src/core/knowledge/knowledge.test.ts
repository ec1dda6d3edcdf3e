import { describe, expect, it } from 'vitest';
import { diffLines } from './article-diff.js';
import { pendingBulletins } from './bulletin-rules.js';
import { conversationKeywords, rankSuggestions } from './suggest.js';
import { searchTokens } from '../search/search-text.js';
import type { Bulletin } from './model.js';

const b = (id: string, o: Partial<Bulletin> = {}): Bulletin => ({ id, title: id, body: 'x', kind: 'notice', effectiveDate: '2026-03-02', untilDate: null, audience: [], version: 1, versionAt: 0, backdated: false, publishedBy: null, createdAt: 0, updatedAt: 0, ...o });

describe('knowledge rules', () => {
  it('pending: in force today, addressed to the team, current version not acknowledged', () => {
    const all = [b('all'), b('mine', { audience: ['一组'] }), b('theirs', { audience: ['二组'] }), b('later', { effectiveDate: '2026-03-03' }), b('over', { effectiveDate: '2026-02-01', untilDate: '2026-03-01' }), b('edited', { version: 2 })];
    const acks = [{ bulletinId: 'all', version: 1 }, { bulletinId: 'edited', version: 1 }];
    expect(pendingBulletins(all, acks, '一组', '2026-03-02').map((x) => x.id)).toEqual(['mine', 'edited']);
    expect(pendingBulletins(all, acks, null, '2026-03-02').map((x) => x.id)).toEqual(['edited']);
  });

  it('suggestions: the words of the conversation, not its small talk; more and longer matches first', () => {
    const words = conversationKeywords('您好，请问有什么可以帮您？\n我想问一下退款多久到账，发票怎么开');
    expect(words.map((w) => w.word)).toEqual(expect.arrayContaining(['退款', '发票']));
    expect(words.map((w) => w.word)).not.toContain('您好');
    const cand = (title: string, body: string) => ({ article: title, title, tokens: searchTokens(title, title, body) });
    const ranked = rankSuggestions([cand('开票说明', '电子发票'), cand('退款与发票', '退款到账后开具发票'), cand('宽带报修', '光猫')], words);
    expect(ranked.map((r) => r.article)).toEqual(['退款与发票', '开票说明']);
  });

  it('diffs articles line by line', () => {
    expect(diffLines('a\nb\nc', 'a\nc\nd')).toEqual([
      { op: 'same', text: 'a' },
      { op: 'remove', text: 'b' },
      { op: 'same', text: 'c' },
      { op: 'add', text: 'd' },
    ]);
  });
});
