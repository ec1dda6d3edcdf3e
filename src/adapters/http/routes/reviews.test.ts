import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scorecardExportWordsEn, scorecardExportWordsZh } from '../../../core/reviews/scorecard.js';
import { describeEachDatabase } from '../../db/test-databases.js';
import { createTestApp, sessionHeaders, TEST_PASSWORD, type TestApp } from '../test-app.js';
import { demoCall, type DemoScenario } from '../../demo/demo-transcripts.js';
import type { Role } from '../../../core/users/roles.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const at = (iso: string): number => Date.parse(iso);

function harness(dialect: 'sqlite' | 'postgres') {
  let t: TestApp;
  const sessions = new Map<string, Record<string, string>>();
  let n = 0;
  const h = {
    get t() {
      return t;
    },
    async open() {
      sessions.clear();
      n = 0;
      t = await createTestApp({ dialect, start: at('2026-03-20T18:00:00+08:00') });
    },
    async call(user: { role: Role; username?: string }, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object): Promise<{ status: number; body: Json }> {
      const name = user.username ?? `t-${user.role}`;
      let headers = sessions.get(name) ?? (await t.as(user.role, { username: name }));
      sessions.set(name, headers);
      let res = await t.app.inject({ method, url, headers, ...(payload !== undefined && { payload }) });
      if (res.statusCode === 401) {
        headers = sessionHeaders(await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: name, password: TEST_PASSWORD } }));
        sessions.set(name, headers);
        res = await t.app.inject({ method, url, headers, ...(payload !== undefined && { payload }) });
      }
      return { status: res.statusCode, body: res.headers['content-type']?.toString().includes('json') ? res.json() : res.body };
    },
    /** A call through CTI and its transcript judged by the engine, as a PBX and the recorder would post them. */
    async judgedCall(agent: string, startedAt: number, scenario: DemoScenario): Promise<{ id: string; fatal: boolean }> {
      const id = `c${++n}`;
      const d = demoCall({ id, scenario, agent, agentName: '小周', customerId: 'x', surname: '赵', phone: '13812345678', startedAt: new Date(startedAt).toISOString(), seed: n });
      const base = { callId: id, queue: 'hotline', caller: '13812345678' };
      const answered = startedAt + d.ringMs;
      const ingest = await h.call({ role: 'admin' }, 'POST', '/api/cti/events', {
        events: [
          { type: 'offered', at: startedAt, ...base },
          { type: 'answered', at: answered, agent, ...base },
          { type: 'ended', at: answered + d.talkMs, by: d.endedBy, agent, ...base },
        ],
      });
      expect(ingest.status, JSON.stringify(ingest.body)).toBe(202);
      const rowId = ingest.body.calls[0].id as string;
      const judged = await h.call({ role: 'admin' }, 'POST', `/api/calls/${encodeURIComponent(rowId)}/transcript`, { ...d.transcript, id: rowId });
      expect(judged.status, JSON.stringify(judged.body)).toBe(200);
      return { id: rowId, fatal: judged.body.quality.fatal as boolean };
    },
  };
  return h;
}

const qa = { role: 'qa' as const, username: 'lin' };
const lead = { role: 'supervisor' as const, username: 'chen' };

describe('the quality review cycle over HTTP', () => {
  describeEachDatabase('QA-SAMPLE: the month’s sample', (_db, dialect) => {
    const h = harness(dialect);
    beforeEach(() => h.open());
    afterEach(() => h.t.close());

    it('gives every agent a share ≥ 0.2 and every fatal and complaint call; drawing again adds nothing; new calls are topped up, never redrawn', async () => {
      const scenarios: DemoScenario[] = ['ideal', 'ideal', 'no-closing', 'ideal', 'taboo', 'complaint-good', 'ideal', 'unexplained-hold'];
      const made: Array<{ id: string; fatal: boolean; agent: string }> = [];
      for (let i = 0; i < 33; i++) {
        const agent = ['zhou', 'li', 'wang'][i % 3]!;
        const day = 1 + (i % 19);
        const c = await h.judgedCall(agent, at(`2026-03-${String(day).padStart(2, '0')}T10:00:00+08:00`) + i * 60_000, scenarios[i % scenarios.length]!);
        made.push({ ...c, agent });
      }
      // One call in February stays out of March's sample.
      await h.judgedCall('zhou', at('2026-02-27T10:00:00+08:00'), 'ideal');
      // A complaint ticket filed on a good call: the call is sampled as a complaint call.
      const customer = (await h.call({ role: 'admin' }, 'POST', '/api/customers', { name: '赵先生' })).body;
      const complaintCall = made.find((c) => !c.fatal)!;
      const ticket = await h.call({ role: 'agent', username: complaintCall.agent }, 'POST', '/api/tickets', { type: 'complaint', complaintClass: 'billing', complaintGrade: 'general', customerId: customer.id ?? customer.customer?.id, description: '本月账单多扣了50元流量费，要求核实并退还', contactPhone: '13812345678', customerName: '赵先生', callId: complaintCall.id });
      expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);

      // Agents may not draw.
      expect((await h.call({ role: 'agent', username: 'zhou' }, 'POST', '/api/reviews/sample', { month: '2026-03' })).status).toBe(403);
      expect((await h.call(qa, 'POST', '/api/reviews/sample', { month: '2026-3' })).body.error.fields[0]).toMatchObject({ path: 'month', code: 'invalid_format' });

      const first = await h.call(qa, 'POST', '/api/reviews/sample', { month: '2026-03' });
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      expect(first.body.calls).toBe(33);
      const fatal = made.filter((c) => c.fatal);
      expect(fatal.length).toBeGreaterThan(0);
      expect(first.body.added.fatal).toBe(fatal.length);
      expect(first.body.added.complaint).toBe(1);

      const coverage = (await h.call(qa, 'GET', '/api/reviews/coverage?month=2026-03')).body;
      expect(coverage.target).toBe(0.2);
      expect(coverage.agents.map((a: Json) => a.agent)).toEqual(['li', 'wang', 'zhou']);
      for (const a of coverage.agents) {
        expect(a.calls).toBe(11);
        expect(a.share).toBeGreaterThanOrEqual(0.2);
      }
      expect(coverage.fatalSampled).toBe(coverage.fatalCalls);
      expect(coverage.statement).toContain('2026-03');
      const queue = (await h.call(qa, 'GET', '/api/reviews?month=2026-03&limit=500')).body.items as Json[];
      for (const c of fatal) expect(queue.find((r) => r.callId === c.id)?.reason).toBe('fatal');
      expect(queue.find((r) => r.callId === complaintCall.id)?.reason).toBe('complaint');

      // Again over the same calls: nothing new, the same seed.
      const again = (await h.call(qa, 'POST', '/api/reviews/sample', { month: '2026-03' })).body;
      expect(again.added).toEqual({ quota: 0, fatal: 0, complaint: 0 });
      expect(again.total).toBe(first.body.total);
      expect(again.seed).toBe(first.body.seed);

      // Ten days later, the month has more calls: topped up, nothing earlier redrawn.
      h.t.clock.set(at('2026-03-30T18:00:00+08:00'));
      for (let i = 0; i < 15; i++) await h.judgedCall(['zhou', 'li', 'wang'][i % 3]!, at(`2026-03-${String(21 + (i % 9)).padStart(2, '0')}T11:00:00+08:00`) + i * 60_000, i === 7 ? 'taboo' : 'ideal');
      const topUp = (await h.call(qa, 'POST', '/api/reviews/sample', { month: '2026-03' })).body;
      expect(topUp.seed).toBe(first.body.seed);
      expect(topUp.added.quota).toBeGreaterThan(0);
      expect(topUp.added.fatal).toBe(1);
      const after = (await h.call(qa, 'GET', '/api/reviews?month=2026-03&limit=500')).body.items as Json[];
      expect(after.length).toBe(topUp.total);
      for (const r of queue) expect(after.find((x) => x.id === r.id)?.callId).toBe(r.callId);
      const late = after.filter((r) => r.callStartedAt >= at('2026-03-21T00:00:00+08:00'));
      expect(late.length).toBeGreaterThan(0);
      for (const a of (await h.call(qa, 'GET', '/api/reviews/coverage?month=2026-03')).body.agents) {
        expect(a.calls).toBe(16);
        expect(a.share).toBeGreaterThanOrEqual(0.2);
      }
      expect((await h.call(qa, 'POST', '/api/reviews/sample', { month: '2026-03' })).body.added).toEqual({ quota: 0, fatal: 0, complaint: 0 });
    });
  });

  describeEachDatabase('verdicts, agreement, appeals and scorecards', (_db, dialect) => {
    const h = harness(dialect);
    beforeEach(() => h.open());
    afterEach(() => h.t.close());

    it('a disagreement with a PH-TABOO hit shows in its precision; an accepted appeal changes the agent’s scorecard', async () => {
      const taboo = await h.judgedCall('zhou', at('2026-03-05T10:00:00+08:00'), 'taboo');
      const noClosing = await h.judgedCall('zhou', at('2026-03-06T10:00:00+08:00'), 'no-closing');
      await h.judgedCall('zhou', at('2026-03-07T10:00:00+08:00'), 'ideal');
      expect(taboo.fatal).toBe(true);
      await h.call(qa, 'POST', '/api/reviews/sample', { month: '2026-03' });
      // The no-closing call may not be drawn: a reviewer reviews it anyway (recorded as extra).
      const extra = await h.call(qa, 'POST', '/api/reviews', { callId: noClosing.id });
      expect([200, 201]).toContain(extra.status);
      expect((await h.call({ role: 'agent', username: 'zhou' }, 'POST', '/api/reviews', { callId: noClosing.id })).status).toBe(403);
      const queue = (await h.call(qa, 'GET', '/api/reviews?month=2026-03')).body.items as Json[];
      const tabooReview = queue.find((r) => r.callId === taboo.id);
      const closingReview = queue.find((r) => r.callId === noClosing.id);
      expect(tabooReview.engine.checks.find((c: Json) => c.rule === 'PH-TABOO').ok).toBe(false);

      // The reviewer disagrees with the taboo hit.
      const page = await h.call(qa, 'GET', `/api/reviews/${tabooReview.id}`);
      expect(page.body.call.transcript.utterances.length).toBeGreaterThan(0);
      // An English reader reads the engine's checks in English; verdicts and points are the stored ones.
      const english = await h.call(qa, 'GET', `/api/reviews/${tabooReview.id}?lang=en`);
      const tabooEn = english.body.review.engine.checks.find((c: Json) => c.rule === 'PH-TABOO');
      expect(tabooEn.message).toMatch(/^Taboo phrases/);
      expect(english.body.review.engine.checks.map((c: Json) => [c.rule, c.ok, c.points])).toEqual(page.body.review.engine.checks.map((c: Json) => [c.rule, c.ok, c.points]));
      const noComment = await h.call(qa, 'PATCH', `/api/reviews/${tabooReview.id}`, { verdicts: [{ rule: 'PH-TABOO', verdict: 'disagree' }], submit: true });
      expect(noComment.status).toBe(400);
      expect(noComment.body.error.fields[0]).toMatchObject({ path: 'verdicts.0.comment', code: 'required' });
      const given = await h.call(qa, 'PATCH', `/api/reviews/${tabooReview.id}`, { verdicts: [{ rule: 'PH-TABOO', verdict: 'disagree', comment: '客户先说的“不知道”，坐席是在复述' }], timeSpentMs: 95_000, submit: true });
      expect(given.status, JSON.stringify(given.body)).toBe(200);
      expect(given.body.status).toBe('reviewed');
      expect(given.body.timeSpentMs).toBe(95_000);
      expect(given.body.failed).not.toContain('PH-TABOO');

      const agreement = (await h.call(qa, 'GET', '/api/reviews/agreement')).body;
      expect(agreement.rules.find((r: Json) => r.rule === 'PH-TABOO')).toMatchObject({ reviewed: 1, agree: 0, precision: 0, falseAlarms: 1, flagged: true });

      // The other call: the reviewer agrees with the engine on every check.
      const closingChecks = (closingReview.engine.checks as Json[]).filter((c) => c.ok !== null);
      const failedRule = closingChecks.find((c) => c.ok === false).rule as string;
      const reviewed = await h.call(qa, 'PATCH', `/api/reviews/${closingReview.id}`, { verdicts: closingChecks.map((c) => ({ rule: c.rule, verdict: 'agree' })), submit: true });
      expect(reviewed.body.failed).toContain(failedRule);
      const before = (await h.call(lead, 'GET', '/api/reviews/scorecards?month=2026-03')).body.items.find((s: Json) => s.agent === 'zhou');
      expect(before.reviewed).toBe(2);
      // #21: the exported scorecards read in the reader's language (Chinese by default).
      const zhCsv = (await h.call(lead, 'GET', '/api/reviews/scorecards?month=2026-03&format=csv')).body as string;
      expect(zhCsv.slice(1).split('\r\n')[0]).toBe(scorecardExportWordsZh.header.join(','));
      const enCsv = (await h.call(lead, 'GET', '/api/reviews/scorecards?month=2026-03&format=csv&lang=en')).body as string;
      expect(enCsv.slice(1).split('\r\n')[0]).toBe(scorecardExportWordsEn.header.join(','));
      const twCsv = (await h.call(lead, 'GET', '/api/reviews/scorecards?month=2026-03&format=csv&lang=zh-TW')).body as string;
      expect(twCsv.slice(1).split('\r\n')[0]).toContain('複核平均分');

      const zhou = { role: 'agent' as const, username: 'zhou' };
      // The agent sees the reviewed calls, acknowledges, and appeals a check that did not fail: 409.
      const mine = (await h.call(zhou, 'GET', '/api/reviews')).body.items as Json[];
      expect(mine.map((r) => r.id).sort()).toEqual([tabooReview.id, closingReview.id].sort());
      expect((await h.call(zhou, 'POST', `/api/reviews/${closingReview.id}/ack`)).body.acknowledgedAt).not.toBeNull();
      const passed = closingChecks.find((c) => c.ok === true).rule as string;
      const wrong = await h.call(zhou, 'POST', `/api/reviews/${closingReview.id}/appeal`, { checks: [{ rule: passed, reason: '这一项没有扣分' }] });
      expect(wrong.status).toBe(409);
      expect(wrong.body.error.fields[0]).toMatchObject({ path: 'checks.0.rule', code: 'check_not_failed' });
      const appeal = await h.call(zhou, 'POST', `/api/reviews/${closingReview.id}/appeal`, { checks: [{ rule: failedRule, reason: '客户说完再见就挂了，没来得及说结束语' }] });
      expect(appeal.status, JSON.stringify(appeal.body)).toBe(200);
      expect(appeal.body.appeals[0]).toMatchObject({ level: 1, status: 'open' });

      // The review's own reviewer may not decide it; the lead accepts it.
      expect((await h.call(qa, 'POST', `/api/reviews/${closingReview.id}/decide`, { decision: 'accept', comment: '同意' })).status).toBe(403);
      const decided = await h.call(lead, 'POST', `/api/reviews/${closingReview.id}/decide`, { decision: 'accept', comment: '录音核实，客户已先挂机，采纳申诉' });
      expect(decided.status, JSON.stringify(decided.body)).toBe(200);
      expect(decided.body.appeals[0]).toMatchObject({ status: 'accepted', upheld: [failedRule], decidedBy: 'chen' });
      expect(decided.body.score).toBeGreaterThan(reviewed.body.score);
      expect(decided.body.history.map((e: Json) => e.kind)).toEqual(['drawn', 'reviewed', 'acknowledged', 'appealed', 'decided']);

      const afterCard = (await h.call(lead, 'GET', '/api/reviews/scorecards?month=2026-03')).body.items.find((s: Json) => s.agent === 'zhou');
      expect(afterCard.reviewedScore).toBeGreaterThan(before.reviewedScore);
      expect(afterCard.appeals).toMatchObject({ filed: 1, upheld: 1 });
      const count = (card: Json) => card.topFailed.find((f: Json) => f.rule === failedRule)?.count ?? 0;
      expect(count(afterCard)).toBe(count(before) - 1);
      // The agent sees their own scorecard only.
      expect((await h.call(zhou, 'GET', '/api/reviews/scorecards?month=2026-03')).body.items.map((s: Json) => s.agent)).toEqual(['zhou']);
      // Issue #21: each card names the agent as people read it (the display name; the login when the user has none of its own).
      expect(afterCard.agentName).toEqual(expect.any(String));
      expect(afterCard.agentName).toBe((await h.t.ctx.users.list()).find((u) => u.username === 'zhou')?.displayName);

      // A second appeal after the window: 409 with the reason.
      h.t.clock.set(h.t.clock.now() + 8 * 86_400_000);
      const late = await h.call(zhou, 'POST', `/api/reviews/${tabooReview.id}/appeal`, { checks: [{ rule: given.body.failed[0] ?? 'PH-OPEN.greeting', reason: '理由' }] });
      expect(late.status).toBe(409);
      expect(late.body.error.message).toContain('申诉期已过');
    });
  });
});
