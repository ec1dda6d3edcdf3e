import { describe, expect, it } from 'vitest';
import { diffLines } from './article-diff.js';
import { bulletinContent, pendingBulletins, unreadBulletinsConflict } from './bulletin-rules.js';
import { articleContent } from './article-rules.js';
import { conversationKeywords, rankSuggestions } from './suggest.js';
import { searchTokens } from '../search/search-text.js';
import type { Bulletin } from './model.js';
import { defaultShiftStarts, shiftStartOn, shiftStartsFrom, shiftStartTimeOf, signedInLate } from './shift-starts.js';
import { timeZone } from '../calendar/time-zone.js';
import { AppError } from '../shared/app-error.js';

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

  it("shift starts: the agent's own time over the team's over the default; signed in under 5 minutes before the shift is flagged", () => {
    const s = shiftStartsFrom({ default: '09:00', teams: { 二组: ' 08:30' }, agents: { a1024: '13:00' } });
    expect(s).toEqual({ default: '09:00', teams: { 二组: '08:30' }, agents: { a1024: '13:00' }, earlyMinutes: 5 });
    expect(shiftStartTimeOf(s, { username: 'a1024', team: '二组' })).toBe('13:00');
    expect(shiftStartTimeOf(s, { username: 'a2048', team: '二组' })).toBe('08:30');
    expect(shiftStartTimeOf(s, { username: 'a4096', team: null })).toBe('09:00');
    expect(shiftStartTimeOf(defaultShiftStarts, { username: 'a4096', team: null })).toBeNull();
    const shanghai = timeZone('Asia/Shanghai');
    const start = shiftStartOn(s, { username: 'a2048', team: '二组' }, '2026-03-02', shanghai);
    expect(start).toBe(Date.parse('2026-03-02T08:30:00+08:00'));
    const at = (hm: string) => Date.parse(`2026-03-02T${hm}:00+08:00`);
    expect(signedInLate(s, start, at('08:25'), at('12:00'))).toBe(false);
    expect(signedInLate(s, start, at('08:26'), at('12:00'))).toBe(true);
    // Not signed in: not flagged before 08:25, flagged after.
    expect(signedInLate(s, start, null, at('08:20'))).toBe(false);
    expect(signedInLate(s, start, null, at('08:26'))).toBe(true);
    expect(signedInLate(s, null, at('11:00'), at('12:00'))).toBe(false);
    // An edit keeps what it does not name; a bad time names its place.
    expect(shiftStartsFrom({ default: null }, s)).toMatchObject({ default: null, teams: { 二组: '08:30' } });
    try {
      shiftStartsFrom({ teams: { 一组: '8点半' }, default: '24:00', earlyMinutes: -1 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).fields?.map((f) => f.path)).toEqual(['default', 'teams.一组', 'earlyMinutes']);
      // Issue #21: with a code the web words in the reader's language.
      expect((e as AppError).fields?.map((f) => [f.code, f.params])).toEqual([
        ['invalid_time', undefined],
        ['invalid_time', undefined],
        ['too_small', { minimum: 0 }],
      ]);
    }
  });

  // Issue #21: an article's or a bulletin's bad fields carry a code and params, not only a Chinese sentence.
  it('article and bulletin checks name what is wrong as codes', () => {
    const fieldsOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return Object.fromEntries(((e as AppError).fields ?? []).map((x) => [x.path, [x.code, x.params]]));
      }
      return {};
    };
    expect(fieldsOf(() => articleContent({ title: ' ', answer: 'x'.repeat(5001), visibility: 'everyone' as never, reviewDate: '2026-02-30' }))).toEqual({
      title: ['required', undefined],
      answer: ['too_long', { maximum: 5000 }],
      visibility: ['one_of', { values: 'internal, public' }],
      reviewDate: ['invalid_date', undefined],
    });
    expect(fieldsOf(() => bulletinContent({ title: '新资费', body: '内容', kind: 'gossip' as never, effectiveDate: '2026-03-10', untilDate: '2026-03-01', audience: ['组'.repeat(101)] }))).toEqual({
      kind: ['one_of', { values: 'product, policy, notice' }],
      untilDate: ['ends_before_start', { start: '2026-03-10' }],
      'audience.0': ['too_long', { maximum: 100 }],
    });
    expect(fieldsOf(() => bulletinContent({ title: '新资费', body: '内容', effectiveDate: '2026/3/10' }))).toEqual({ effectiveDate: ['invalid_date', undefined] });
    const [unread] = unreadBulletinsConflict([b('b1', { title: '五一调价', version: 2, effectiveDate: '2026-04-28' })]).fields ?? [];
    expect(unread).toMatchObject({ path: 'bulletins.b1', code: 'unread_bulletin', params: { title: '五一调价', version: 2, effectiveDate: '2026-04-28' } });
  });
});
