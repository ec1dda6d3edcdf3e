import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../db/test-databases.js';
import { createTestApp, type TestApp } from '../test-app.js';
import type { Role } from '../../../core/users/roles.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

// Issue #17: articles linked from tickets, and the audit trail of the knowledge base and bulletins.
describeEachDatabase('knowledge articles cited by tickets; audit of articles and bulletins (issue #17)', (_db, dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ dialect });
  });
  afterEach(async () => t.close());

  type Who = { role: Role; username?: string; team?: string };
  async function call(who: Who, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object): Promise<{ status: number; body: Json }> {
    const headers = await t.as(who.role, { ...(who.username && { username: who.username }), ...(who.team && { team: who.team }) });
    const res = await t.app.inject({ method, url, headers, ...(payload !== undefined && { payload }) });
    return { status: res.statusCode, body: res.json() };
  }
  const supervisor: Who = { role: 'supervisor', username: 'lead', team: 'A' };
  const a1: Who = { role: 'agent', username: 'a1', team: 'A' };
  const b1: Who = { role: 'agent', username: 'b1', team: 'B' };
  const manager: Who = { role: 'manager', username: 'mgr' };
  const admin: Who = { role: 'admin', username: 'root' };

  async function ticket(who: Who, team: string, description: string): Promise<string> {
    const r = await call(who, 'POST', '/api/tickets', { type: 'inquiry', customerName: '孙先生', contactPhone: '13812341234', description, team });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.ticket.id;
  }

  it("a ticket cites an article (in its history, once), the article lists the tickets citing it that the reader may see, and unlinking is recorded too", async () => {
    const refund = (await call(supervisor, 'POST', '/api/knowledge', { title: '退款流程', answer: '退款审核通过后3至5个工作日原路退回。', category: '账务' })).body;
    const ta = await ticket(a1, 'A', '客户询问退款多久到账，已按退款流程答复');
    const tb = await ticket(b1, 'B', '客户询问退款进度，已按流程答复');

    const linked = await call(a1, 'POST', `/api/tickets/${ta}/articles`, { articleId: refund.id });
    expect(linked.status).toBe(200);
    expect(linked.body.linked).toBe(true);
    expect(linked.body.items).toEqual([expect.objectContaining({ articleId: refund.id, title: '退款流程', category: '账务', version: 1, linkedByName: 'a1' })]);
    // Citing it again changes nothing: no second row, no second history entry.
    const again = await call(a1, 'POST', `/api/tickets/${ta}/articles`, { articleId: refund.id });
    expect(again.body).toMatchObject({ linked: false, items: [expect.objectContaining({ articleId: refund.id })] });
    expect((await call(b1, 'POST', `/api/tickets/${tb}/articles`, { articleId: refund.id })).body.linked).toBe(true);

    const detail = await call(a1, 'GET', `/api/tickets/${ta}`);
    const linkedEntries = detail.body.history.filter((h: Json) => h.action === 'article_linked');
    expect(linkedEntries).toEqual([expect.objectContaining({ actorName: 'a1', note: '《退款流程》', changes: { article: { from: null, to: refund.id } } })]);
    expect((await call(a1, 'GET', `/api/tickets/${ta}/articles`)).body.items.map((x: Json) => x.title)).toEqual(['退款流程']);

    // The article's page: a manager sees both tickets, an agent of team A only theirs (team B's is neither listed nor counted).
    const all = await call(manager, 'GET', `/api/knowledge/${refund.id}/tickets`);
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(2);
    expect(all.body.items.map((x: Json) => x.id).sort()).toEqual([ta, tb].sort());
    // Numbers in the cited tickets are masked, as in every ticket list.
    expect(JSON.stringify(all.body)).not.toContain('13812341234');
    const mine = await call(a1, 'GET', `/api/knowledge/${refund.id}/tickets`);
    expect(mine.body).toMatchObject({ total: 1, items: [expect.objectContaining({ id: ta })] });
    const paged = await call(manager, 'GET', `/api/knowledge/${refund.id}/tickets?limit=1`);
    expect(paged.body.items).toHaveLength(1);
    expect(paged.body.total).toBe(2);
    const rest = await call(manager, 'GET', `/api/knowledge/${refund.id}/tickets?limit=1&cursor=${encodeURIComponent(paged.body.nextCursor)}`);
    expect([...paged.body.items, ...rest.body.items].map((x: Json) => x.id).sort()).toEqual([ta, tb].sort());

    // Team privacy on the ticket side: team B cannot read, cite on or uncite team A's ticket.
    expect((await call(b1, 'GET', `/api/tickets/${ta}/articles`)).status).toBe(403);
    expect((await call(b1, 'POST', `/api/tickets/${ta}/articles`, { articleId: refund.id })).status).toBe(403);
    expect((await call(b1, 'DELETE', `/api/tickets/${ta}/articles/${refund.id}`)).status).toBe(403);
    // Bad input: an unknown article, an unknown ticket, an article not cited.
    expect((await call(a1, 'POST', `/api/tickets/${ta}/articles`, { articleId: 'kb_nothing' })).status).toBe(404);
    expect((await call(a1, 'POST', '/api/tickets/tk_nothing/articles', { articleId: refund.id })).status).toBe(404);
    expect((await call(a1, 'GET', '/api/knowledge/kb_nothing/tickets')).status).toBe(404);
    const empty = await call(a1, 'POST', `/api/tickets/${ta}/articles`, { articleId: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields[0].path).toContain('articleId');

    const removed = await call(a1, 'DELETE', `/api/tickets/${ta}/articles/${refund.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.items).toEqual([]);
    expect((await call(a1, 'DELETE', `/api/tickets/${ta}/articles/${refund.id}`)).status).toBe(404);
    const after = await call(a1, 'GET', `/api/tickets/${ta}`);
    expect(after.body.history.filter((h: Json) => h.action === 'article_unlinked')).toEqual([expect.objectContaining({ actorName: 'a1', note: '《退款流程》' })]);
    expect((await call(manager, 'GET', `/api/knowledge/${refund.id}/tickets`)).body.total).toBe(1);
  });

  it('writing, editing, restoring articles, publishing and editing bulletins and each first acknowledgement are in the audit log', async () => {
    // A second apart each, so the log's newest-first order is the order of the steps.
    const step = async <R>(r: Promise<R>): Promise<R> => {
      const out = await r;
      t.clock.advance(1000);
      return out;
    };
    const a = (await step(call(supervisor, 'POST', '/api/knowledge', { title: '发票开具', answer: '电子发票24小时内发送。' }))).body;
    await step(call(supervisor, 'PATCH', `/api/knowledge/${a.id}`, { version: 1, answer: '电子发票48小时内发送。', note: '时限调整' }));
    // Saving without a change is no new version and no audit line.
    await step(call(supervisor, 'PATCH', `/api/knowledge/${a.id}`, { version: 2, answer: '电子发票48小时内发送。' }));
    await step(call(supervisor, 'POST', `/api/knowledge/${a.id}/restore`, { version: 1, baseVersion: 2 }));
    const b = (await step(call(supervisor, 'POST', '/api/bulletins', { title: '3月资费调整', body: '流量包月费调整为25元。', effectiveDate: '2026-02-27' }))).body;
    await step(call(supervisor, 'PATCH', `/api/bulletins/${b.id}`, { body: '流量包月费调整为20元。', version: 1 }));
    await step(call(a1, 'POST', `/api/bulletins/${b.id}/ack`));
    // Acknowledging again keeps the first time and writes nothing.
    await step(call(a1, 'POST', `/api/bulletins/${b.id}/ack`));

    const audit = await call(admin, 'GET', '/api/audit?limit=100');
    expect(audit.status).toBe(200);
    const mine = audit.body.items.filter((e: Json) => /^(knowledge|bulletin)\./.test(e.action)).reverse();
    expect(mine.map((e: Json) => [e.action, e.actorName, e.targetType, e.targetId, e.detail.version])).toEqual([
      ['knowledge.article_created', 'lead', 'article', a.id, 1],
      ['knowledge.article_edited', 'lead', 'article', a.id, 2],
      ['knowledge.article_restored', 'lead', 'article', a.id, 3],
      ['bulletin.published', 'lead', 'bulletin', b.id, 1],
      ['bulletin.edited', 'lead', 'bulletin', b.id, 2],
      ['bulletin.acknowledged', 'a1', 'bulletin', b.id, 2],
    ]);
    expect(mine[1].detail).toMatchObject({ from: 1, note: '时限调整', title: '发票开具' });
    expect(mine[2].detail).toMatchObject({ restoredFrom: 1 });
    expect(mine[3].detail).toMatchObject({ backdated: true, effectiveDate: '2026-02-27' });
    expect(mine[4].detail).toMatchObject({ from: 1, fields: ['body'], askedAgain: true });
  });
});
