import { expect, it } from 'vitest';
import { describeEachDatabase } from '../test-databases.js';
import { KnowledgeRepository } from './knowledge-repository.js';
import { BulletinRepository } from './bulletin-repository.js';
import type { Article, ArticleVersion, Bulletin } from '../../../core/knowledge/model.js';
import { conversationKeywords } from '../../../core/knowledge/suggest.js';

const T = Date.parse('2026-03-02T09:00:00+08:00');

function article(id: string, title: string, answer: string, version = 1): [Article, ArticleVersion] {
  const a: Article = { id, title, answer, details: null, category: '账务', visibility: 'internal', ownerId: null, reviewDate: null, version, createdAt: T, updatedAt: T, updatedBy: null };
  return [a, { title, answer, details: null, category: '账务', visibility: 'internal', ownerId: null, reviewDate: null, articleId: id, version, editedAt: T, editedBy: null, note: null, restoredFrom: null }];
}

function bulletin(id: string, effectiveDate: string, untilDate: string | null = null): Bulletin {
  return { id, title: `公告${id}`, body: '内容', kind: 'notice', effectiveDate, untilDate, audience: [], version: 1, versionAt: T, backdated: false, publishedBy: null, createdAt: T, updatedAt: T };
}

describeEachDatabase('knowledge storage', (getDb) => {
  const articles = () => new KnowledgeRepository(getDb().db, getDb().dialect);
  const bulletins = () => new BulletinRepository(getDb().db, getDb().dialect);

  it('finds articles by their tokens in either script, and by the new text after an edit only', async () => {
    const repo = articles();
    await repo.insertArticle(...article('kb_1', '退款流程', '审核通过后原路退回'));
    await repo.insertArticle(...article('kb_2', '退款規則', '七日內申請'));
    await repo.insertArticle(...article('kb_3', '宽带报修', '重启光猫'));
    const ids = async (q: string) => (await repo.listArticles({ q, limit: 10 })).items.map((a) => a.id).sort();
    expect(await ids('退款')).toEqual(['kb_1', 'kb_2']);
    expect(await ids('規則')).toEqual(['kb_2']);
    expect(await ids('规则')).toEqual(['kb_2']);
    const [edited, v2] = article('kb_3', '宽带报修', '请拨打95000报修', 2);
    await repo.updateArticle(edited, v2);
    expect(await ids('光猫')).toEqual([]);
    expect(await ids('报修')).toEqual(['kb_3']);
    expect((await repo.versions('kb_3')).map((v) => v.version)).toEqual([2, 1]);
    expect((await repo.version('kb_3', 1))?.answer).toBe('重启光猫');
    // Suggestion candidates: any keyword matches.
    const cands = await repo.suggestionCandidates(conversationKeywords('退款多久能到，光猫也坏了'), 10);
    expect(cands.map((c) => c.article.id).sort()).toEqual(['kb_1', 'kb_2']);
    // Paging by offset over a ranked search.
    const first = await repo.listArticles({ q: '退款', limit: 1 });
    const second = await repo.listArticles({ q: '退款', limit: 1, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((a) => a.id).sort()).toEqual(['kb_1', 'kb_2']);
    expect(second.nextCursor).toBeNull();
  });

  it('keeps bulletins in force by date, acknowledgements once per version, and the agent state', async () => {
    const repo = bulletins();
    await repo.insertBulletin(bulletin('b1', '2026-03-01'));
    await repo.insertBulletin(bulletin('b2', '2026-03-03'));
    await repo.insertBulletin(bulletin('b3', '2026-02-01', '2026-02-28'));
    expect((await repo.bulletinsInForce('2026-03-02')).map((b) => b.id)).toEqual(['b1']);
    const first = await repo.insertAck({ bulletinId: 'b1', version: 1, userId: 'u1', username: 'a1', ackedAt: T });
    const again = await repo.insertAck({ bulletinId: 'b1', version: 1, userId: 'u1', username: 'a1', ackedAt: T + 1000 });
    expect(again.ackedAt).toBe(first.ackedAt);
    await repo.insertAck({ bulletinId: 'b1', version: 2, userId: 'u1', username: 'a1', ackedAt: T + 2000 });
    expect((await repo.acksOf('u1', ['b1', 'b2'])).map((a) => a.version).sort()).toEqual([1, 2]);
    expect(await repo.agentState('u1')).toBeUndefined();
    await repo.setAgentState({ userId: 'u1', username: 'a1', state: 'ready', since: T });
    await repo.setAgentState({ userId: 'u1', username: 'a1', state: 'not_ready', since: T + 5 });
    expect(await repo.agentState('u1')).toEqual({ userId: 'u1', username: 'a1', state: 'not_ready', since: T + 5 });
  });
});
