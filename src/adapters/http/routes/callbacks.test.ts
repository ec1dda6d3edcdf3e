import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { describeEachDatabase } from '../../db/test-databases.js';
import { createTestApp, sessionHeaders, TEST_PASSWORD, type TestApp } from '../test-app.js';
import type { Dialect } from '../../db/database.js';
import { callbackExportWordsEn, targetListTable, reportTable } from '../../../core/callbacks/export-rows.js';

const at = (iso: string): number => Date.parse(iso);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function harness(dialect: Dialect, start: string) {
  let t: TestApp;
  const sessions = new Map<string, Record<string, string>>();
  const h = {
    get t() {
      return t;
    },
    async open() {
      sessions.clear();
      t = await createTestApp({ dialect, start: at(start) });
    },
    async call(role: 'agent' | 'supervisor' | 'admin', method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object, username?: string): Promise<{ status: number; body: Json; raw: Buffer; headers: Record<string, unknown> }> {
      const name = username ?? `t-${role}`;
      let headers = sessions.get(name) ?? (await t.as(role, username ? { username, team: 'callback' } : {}));
      let res = await t.app.inject({ method, url, headers, ...(payload !== undefined && { payload }) });
      if (res.statusCode === 401) {
        // The test clock jumped days ahead and the session expired: sign in again, as a person would.
        headers = sessionHeaders(await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: name, password: TEST_PASSWORD } }));
        sessions.set(name, headers);
        res = await t.app.inject({ method, url, headers, ...(payload !== undefined && { payload }) });
      }
      return { status: res.statusCode, body: res.headers['content-type']?.toString().includes('json') ? res.json() : null, raw: res.rawPayload, headers: res.headers };
    },
    async customer(name: string, extra: object = {}): Promise<string> {
      const r = await h.call('admin', 'POST', '/api/customers', { name, ...extra });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.id ?? r.body.customer?.id;
    },
  };
  return h;
}

const complaint = (customerId: string) => ({ type: 'complaint', complaintClass: 'billing', complaintGrade: 'general', customerId, description: '9月账单多扣了50元流量费，要求核实并退还' });
const report = (o: { solved: boolean; satisfaction: number; at: number }) => ({
  customerName: '赵先生',
  contact: '本人',
  at: o.at,
  type: 'mediation',
  content: '确认多扣费用是否已退还',
  opinions: '希望以后账单清楚些',
  satisfaction: o.satisfaction,
  solved: o.solved,
  followUpNeeded: !o.solved,
  agent: 'cb-a1',
});

describe('callbacks over HTTP', () => {
  describeEachDatabase('the ticket loop (CB-AFTER → CB-REOPEN, KPI-CB, KPI-FCR)', (_db, dialect) => {
    const h = harness(dialect, '2025-09-26T10:00:00+08:00');
    beforeEach(() => h.open());
    afterEach(() => h.t.close());

    it('a ticket reopened before its callback withdraws that callback (not counted in KPI-CB); solving it again schedules a new one', async () => {
      const sun = await h.customer('孙先生', { phones: [{ number: '13712345678', kind: 'mobile' }] });
      const id = (await h.call('agent', 'POST', '/api/tickets', complaint(sun))).body.ticket.id as string;
      h.t.clock.set(at('2025-09-26T17:00:00+08:00'));
      expect((await h.call('agent', 'POST', `/api/tickets/${id}/resolve`, { solution: '已核实并退还50元' })).status).toBe(200);
      const [first] = (await h.call('supervisor', 'GET', `/api/callbacks?ticket=${id}`)).body.items as Json[];
      expect(first).toMatchObject({ status: 'pending' });

      // The customer calls back the next morning: the problem is not solved, the agent reopens the ticket.
      h.t.clock.set(at('2025-09-27T09:30:00+08:00'));
      expect((await h.call('agent', 'POST', `/api/tickets/${id}/reopen`, { reason: '客户来电：仍被多扣费' })).status).toBe(200);
      const withdrawn = (await h.call('supervisor', 'GET', `/api/callbacks/${first.id}`)).body.task;
      expect(withdrawn).toMatchObject({ status: 'closed', closeReason: 'ticket_reopened' });
      // A callback that had nothing left to confirm is neither reached nor missed.
      h.t.clock.set(at('2025-10-10T09:00:00+08:00'));
      const kpi = (await h.call('supervisor', 'GET', `/api/kpi?from=${at('2025-09-01T00:00:00+08:00')}&to=${at('2025-10-31T00:00:00+08:00')}`)).body;
      expect(kpi.callbackWithinWindowRate).toEqual({ value: null, reason: 'no callbacks due or closed in the period' });

      // Solved again: this solve is confirmed by a callback of its own.
      expect((await h.call('agent', 'POST', `/api/tickets/${id}/resolve`, { solution: '补退剩余费用' })).status).toBe(200);
      const tasks = (await h.call('supervisor', 'GET', `/api/callbacks?ticket=${id}`)).body.items as Json[];
      expect(tasks.map((t) => t.status).sort()).toEqual(['closed', 'pending']);
    });

    it('solving a complaint creates its callback task with that window; "not solved" reopens the ticket; "solved" closes the loop and counts in KPI-CB', async () => {
      const zhao = await h.customer('赵先生', { phones: [{ number: '13812341234', kind: 'mobile' }] });
      const qian = await h.customer('钱女士', { phones: [{ number: '13912345678', kind: 'mobile' }] });
      const a = (await h.call('agent', 'POST', '/api/tickets', complaint(zhao))).body.ticket.id as string;
      const b = (await h.call('agent', 'POST', '/api/tickets', complaint(qian))).body.ticket.id as string;
      const enquiry = (await h.call('agent', 'POST', '/api/tickets', { type: 'inquiry', customerId: zhao, description: '询问本月套餐余量和流量使用情况' })).body;
      h.t.clock.set(at('2025-09-26T17:00:00+08:00'));
      for (const id of [a, b]) expect((await h.call('agent', 'POST', `/api/tickets/${id}/resolve`, { solution: '已核实并退还50元' })).status).toBe(200);
      if (enquiry?.ticket) await h.call('agent', 'POST', `/api/tickets/${enquiry.ticket.id}/resolve`, { solution: '已告知' });

      const list = (await h.call('supervisor', 'GET', '/api/callbacks?status=pending')).body.items as Json[];
      expect(list.map((t) => t.target.ticketId).sort()).toEqual([a, b].sort());
      const taskA = list.find((t) => t.target.ticketId === a);
      // Solved on Friday 26 September 2025: the 1st–3rd working day after, with 调休 (Sunday 28th is a working day).
      expect([taskA.due.first, taskA.due.last]).toEqual(['2025-09-28', '2025-09-30']);
      expect(taskA.target.number).not.toContain('13812341234');
      expect(taskA.callableNow).toMatchObject({ callable: false, rule: 'before-due-window', next: taskA.plannedAt });

      // After-solved tasks arrive unassigned: a supervisor gives this one to an agent (an unknown user is a 400 naming it).
      expect(taskA.agent).toBeNull();
      expect((await h.call('supervisor', 'PATCH', `/api/callbacks/${taskA.id}`, { agent: 'nobody' })).body.error.fields[0].path).toBe('agent');
      await h.call('agent', 'GET', '/api/callbacks', undefined, 'cb-a1');
      expect((await h.call('supervisor', 'PATCH', `/api/callbacks/${taskA.id}`, { agent: 'cb-a1' })).body.task.agent).toBe('cb-a1');
      expect((await h.call('agent', 'PATCH', `/api/callbacks/${taskA.id}`, { agent: 'cb-a1' })).status).toBe(403);

      // The agent calls at the planned time: not solved → the ticket is reopened, the report named in its history.
      h.t.clock.set(taskA.plannedAt);
      const detail = (await h.call('agent', 'GET', `/api/callbacks/${taskA.id}`)).body;
      expect(detail.task, JSON.stringify(detail)).toBeDefined();
      expect(detail.task.callableNow.callable).toBe(true);
      expect(detail.script.opening).toContain('赵先生');
      expect(detail.ticket.id).toBe(a);
      expect(detail.callLimitSeconds).toBe(180);
      const notSolved = await h.call('agent', 'POST', `/api/callbacks/${taskA.id}/attempts`, { outcome: 'reached', report: report({ solved: false, satisfaction: 2, at: taskA.plannedAt }) }, 'cb-a1');
      expect(notSolved.status, JSON.stringify(notSolved.body)).toBe(201);
      expect(notSolved.body.reopen).toMatchObject({ requirement: 'CB-REOPEN', ticketId: a });
      const ticketA = (await h.call('supervisor', 'GET', `/api/tickets/${a}`)).body;
      expect(ticketA.ticket).toMatchObject({ status: 'reopened', reopenCount: 1 });
      const reopened = ticketA.history.find((e: Json) => e.action === 'reopened');
      expect(reopened.note).toContain(`回访任务 ${taskA.id}`);
      expect(reopened.actorName).toBe('cb-a1');
      // The report asked for follow-up (FU-REMIND): the reopened ticket carries a follow-up promise with its timers.
      expect(ticketA.promises.filter((p: Json) => p.kind === 'follow_up' && p.status === 'open')).toHaveLength(1);

      // The other customer is reached and satisfied: the loop closes.
      const taskB = list.find((t) => t.target.ticketId === b);
      h.t.clock.set(Math.max(taskB.plannedAt, taskA.plannedAt + 60_000));
      const solved = await h.call('agent', 'POST', `/api/callbacks/${taskB.id}/attempts`, { outcome: 'reached', report: report({ solved: true, satisfaction: 5, at: h.t.clock.now() }) }, 'cb-a1');
      expect(solved.status).toBe(201);
      expect(solved.body.task).toMatchObject({ status: 'closed', closeReason: 'reached' });
      expect(solved.body.reopen).toBeNull();
      expect((await h.call('supervisor', 'GET', `/api/tickets/${b}`)).body.ticket.status).toBe('resolved');

      // The reopened ticket is solved again: this solve is confirmed by a callback of its own (CB-REOPEN:
      // reopened until the customer agrees it is solved), due 1–3 working days after it.
      expect((await h.call('agent', 'POST', `/api/tickets/${a}/resolve`, { solution: '补退剩余费用' })).status).toBe(200);
      const ofA = (await h.call('supervisor', 'GET', `/api/callbacks?ticket=${a}`)).body.items as Json[];
      expect(ofA).toHaveLength(2);
      expect(ofA.filter((t) => t.status === 'pending')).toHaveLength(1);

      const kpi = (await h.call('supervisor', 'GET', `/api/kpi?from=2025-09-01T00:00:00%2B08:00&to=2025-10-31T00:00:00%2B08:00`)).body;
      expect(kpi.callbackWithinWindowRate).toEqual({ value: 1, reason: null });
      expect(kpi.ticketTargets.callbackWithinWindowRate).toMatchObject({ requirement: 'KPI-CB' });
      // Three resolved tickets (the inquiry gets no callback: not a complaint), one reopened by its callback: FCR 2/3.
      expect(kpi.firstContactResolution.value).toBeCloseTo(2 / 3);
      // KPI-CSAT pools the callback reports (2 and 5 → mean 3.5 → 70).
      expect(kpi.satisfaction.value).toBe(70);
    });
  });

  describeEachDatabase('campaigns, plans, attempts and exports', (_db, dialect) => {
    const h = harness(dialect, '2025-09-10T10:00:00+08:00');
    beforeEach(() => h.open());
    afterEach(() => h.t.close());

    async function lowSatisfactionCustomers() {
      const mk = async (name: string, sat: number, extra: object) => {
        const id = await h.customer(name, extra);
        const r = await h.call('agent', 'POST', '/api/tickets', { type: 'inquiry', customerId: id, description: `${name}咨询宽带资费和套餐变更办理方式`, contactPhone: '13700009999', summary: { problemType: '资费', solution: '已说明', satisfaction: sat } });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
        return id;
      };
      return {
        low: await mk('孙先生', 2, { phones: [{ number: '13700001111', kind: 'mobile' }] }),
        lowWork: await mk('周女士', 1, { phones: [{ number: '01088886666', kind: 'work' }] }),
        happy: await mk('吴先生', 5, { phones: [{ number: '13700002222', kind: 'mobile' }] }),
        doNotCall: await mk('郑女士', 1, { phones: [{ number: '13700003333', kind: 'mobile' }], contactPreferences: { consentToCallbacks: false } }),
        noNumber: await mk('王先生', 2, {}),
      };
    }

    const campaign = (below?: number) => ({
      name: '上月满意度较低客户回访',
      type: 'mediation',
      selection: { kind: 'low-satisfaction', from: '2025-09-01T00:00:00+08:00', to: '2025-10-01T00:00:00+08:00', ...(below !== undefined && { below }) },
      period: { from: '2025-10-09', to: '2025-10-17' },
      ownerTeam: 'callback',
    });

    it('"low satisfaction last month" selects exactly the customers below the threshold, plans them inside their windows, and exports open in a spreadsheet', async () => {
      const c = await lowSatisfactionCustomers();
      await h.call('agent', 'GET', '/api/callbacks', undefined, 'cb-a1');
      await h.call('agent', 'GET', '/api/callbacks', undefined, 'cb-a2');
      h.t.clock.set(at('2025-10-08T10:00:00+08:00'));

      const preview = await h.call('supervisor', 'POST', '/api/callbacks/campaigns/preview', campaign());
      expect(preview.status, JSON.stringify(preview.body)).toBe(200);
      expect(preview.body).toMatchObject({ count: 2, matched: 4, skipped: { do_not_call: 1, no_valid_number: 1, no_marketing_consent: 0 } });
      expect(preview.body.sample.map((s: Json) => s.customerId).sort()).toEqual([c.low, c.lowWork].sort());

      const none = await h.call('supervisor', 'POST', '/api/callbacks/campaigns', campaign(1));
      expect(none.status).toBe(400);
      expect(none.body.error.fields[0].path).toBe('selection');
      expect(none.body.error.message).toContain('没有选中任何客户');

      const created = await h.call('supervisor', 'POST', '/api/callbacks/campaigns', campaign());
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const id = created.body.campaign.id as string;

      const dry = await h.call('supervisor', 'POST', `/api/callbacks/campaigns/${id}/plan`, { dryRun: true });
      expect(dry.body.summary.planned).toBe(2);
      expect((await h.call('supervisor', 'GET', `/api/callbacks?campaign=${id}`)).body.items).toHaveLength(0);
      const plan = await h.call('supervisor', 'POST', `/api/callbacks/campaigns/${id}/plan`, {});
      expect(plan.body.summary).toMatchObject({ planned: 2, alreadyPlanned: 0 });
      const again = await h.call('supervisor', 'POST', `/api/callbacks/campaigns/${id}/plan`, {});
      expect(again.body.summary).toMatchObject({ planned: 0, alreadyPlanned: 2 });

      const tasks = (await h.call('supervisor', 'GET', `/api/callbacks?campaign=${id}`)).body.items as Json[];
      expect(tasks).toHaveLength(2);
      expect(new Set(tasks.map((t) => t.agent))).toEqual(new Set(['cb-a1', 'cb-a2']));
      for (const t of tasks) {
        expect(t.plannedAt).toBeGreaterThanOrEqual(t.due.startsAt);
        expect(t.plannedAt).toBeLessThan(t.due.endsAt);
      }
      // The work number waits for office hours (and 10:00 on the first working day after the National Day holiday).
      const work = tasks.find((t) => t.target.numberKind === 'work');
      expect(new Date(work.plannedAt).toISOString()).toBe('2025-10-09T02:00:00.000Z');

      // Agent view: the list of the agent's own tasks due that day, and an absent outcome without its message is a 400 naming it.
      h.t.clock.set(at('2025-10-09T12:30:00+08:00'));
      const mine = (await h.call('agent', 'GET', '/api/callbacks?agent=me&due=today', undefined, 'cb-a1')).body.items as Json[];
      expect(mine.length).toBe(1);
      const home = tasks.find((t) => t.target.numberKind === 'home');
      const lunch = (await h.call('agent', 'GET', `/api/callbacks/${home.id}`, undefined, 'cb-a1')).body.task.callableNow;
      expect(lunch).toMatchObject({ callable: false });
      expect(lunch.reason).toBeTruthy();
      expect(lunch.next).toBe(at('2025-10-09T14:00:00+08:00'));
      const owner = home.agent as string;
      const absent = await h.call('agent', 'POST', `/api/callbacks/${home.id}/attempts`, { outcome: 'absent' }, owner);
      expect(absent.status).toBe(400);
      expect(absent.body.error.fields.map((f: Json) => f.path)).toEqual(['message']);
      const half = await h.call('agent', 'POST', `/api/callbacks/${home.id}/attempts`, { outcome: 'absent', message: { left: '请回电' } }, owner);
      expect(half.status).toBe(400);
      expect(half.body.error.fields.map((f: Json) => f.path)).toEqual(['message.takenBy.name', 'message.takenBy.relation', 'message.callAgainAt']);
      // Issue #21: each says what is wrong as a code the web words in the reader's language.
      expect(half.body.error.fields.map((f: Json) => f.code)).toEqual(['required', 'required', 'required']);
      const badReport = await h.call('agent', 'POST', `/api/callbacks/${home.id}/attempts`, { outcome: 'reached', report: { ...report({ solved: true, satisfaction: 9, at: 0 }), at: 'yesterday', type: 'gossip', agent: owner } }, owner);
      expect(badReport.status).toBe(400);
      expect(badReport.body.error.fields).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: 'report.at', code: 'invalid_format', params: { format: 'instant' } }),
          expect.objectContaining({ path: 'report.type', code: 'one_of' }),
          expect.objectContaining({ path: 'report.satisfaction', code: 'one_of', params: { values: '1–5' } }),
        ]),
      );
      const other = owner === 'cb-a1' ? 'cb-a2' : 'cb-a1';
      expect((await h.call('agent', 'POST', `/api/callbacks/${home.id}/attempts`, { outcome: 'no_answer' }, other)).status).toBe(403);
      h.t.clock.set(at('2025-10-09T14:05:00+08:00'));
      // KPI-CB judges the attempt's time: a client may not place it in the future or before the task.
      for (const when of [at('2025-10-09T15:00:00+08:00'), at('2025-09-01T10:00:00+08:00')]) {
        const faked = await h.call('agent', 'POST', `/api/callbacks/${home.id}/attempts`, { outcome: 'no_answer', at: when }, owner);
        expect(faked.status).toBe(400);
        expect(faked.body.error.fields.map((f: Json) => [f.path, f.code])).toEqual([['at', 'attempt_time']]);
      }
      const reached = await h.call('agent', 'POST', `/api/callbacks/${home.id}/attempts`, { outcome: 'reached', report: { ...report({ solved: true, satisfaction: 4, at: h.t.clock.now() }), customerName: '孙先生', agent: owner } }, owner);
      expect(reached.status, JSON.stringify(reached.body)).toBe(201);

      const summary = (await h.call('supervisor', 'GET', `/api/callbacks/summary?campaign=${id}`)).body;
      expect(summary).toMatchObject({ tasks: 2, reached: 1, open: 1, reachedRate: 1, satisfaction: 4 });

      // 客户回访对象表 as XLSX, read back with exceljs: the columns of the list, one row per task, numbers masked.
      const xlsx = await h.call('supervisor', 'GET', `/api/callbacks/export?list=targets&format=xlsx&campaign=${id}`);
      expect(xlsx.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.raw as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      expect(sheet.name).toBe('客户回访对象表');
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      expect(header).toEqual(targetListTable([], { name: 'Asia/Shanghai' } as never).header);
      expect(sheet.rowCount).toBe(3);
      const numbers = [2, 3].map((r) => String(sheet.getRow(r).getCell(3).value));
      expect(numbers.every((n) => n.includes('*'))).toBe(true);

      // 客户回访报告表 as CSV (UTF-8 with BOM): the report just written.
      const csv = await h.call('supervisor', 'GET', `/api/callbacks/export?list=reports&format=csv&campaign=${id}`);
      const text = csv.raw.toString('utf8');
      expect(text.startsWith('\ufeff')).toBe(true);
      const lines = text.slice(1).trim().split(/\r\n/);
      expect(lines[0]).toBe(reportTable([], { name: 'Asia/Shanghai' } as never, { types: {} as never }).header.join(','));
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain('孙先生');

      // #21: the file reads like the screen it came from: English headers and values for an English
      // reader, Traditional for a 繁體 one; what the agent wrote (孙先生) stays as written.
      const english = (await h.call('supervisor', 'GET', `/api/callbacks/export?list=reports&format=csv&campaign=${id}&lang=en`)).raw.toString('utf8').slice(1).trim().split(/\r\n/);
      expect(english[0]).toBe(callbackExportWordsEn.reportHeader.join(','));
      expect(english[1]).toContain('孙先生');
      expect(english[1]).toMatch(/,Yes,No,|,No,No,|,Yes,Yes,|,No,Yes,/);
      const traditional = await h.call('supervisor', 'GET', `/api/callbacks/export?list=targets&format=csv&campaign=${id}&lang=zh-TW`);
      expect(traditional.headers['content-disposition']).toContain(encodeURIComponent('客戶回訪對象表'));
      const twHeader = traditional.raw.toString('utf8').slice(1).split(/\r\n/)[0];
      expect(twHeader).toContain('客戶編號');
      expect(twHeader).toContain('回訪期開始');
      expect((await h.call('supervisor', 'GET', `/api/callbacks/export?list=targets&format=csv&lang=fr`)).status).toBe(400);

      // The reached report feeds the customer's satisfaction: a new "low satisfaction" preview no longer … still counts the old score, and the new 4 is above the threshold.
      const customerAfter = await h.call('supervisor', 'POST', '/api/callbacks/campaigns/preview', { ...campaign(), selection: { kind: 'low-satisfaction', from: '2025-10-01T00:00:00+08:00', to: '2025-11-01T00:00:00+08:00', below: 5 } });
      expect(customerAfter.body.sample.map((s: Json) => s.customerId)).toEqual([c.low]);
      const overview = (await h.call('supervisor', 'GET', `/api/customers/${c.low}/overview`)).body;
      expect(overview.satisfaction.map((x: Json) => [x.satisfaction, x.source])).toEqual([
        [2, undefined],
        [4, 'callback'],
      ]);
    });
  });

  describeEachDatabase('bad input says what is wrong', (_db, dialect) => {
    const h = harness(dialect, '2025-09-10T10:00:00+08:00');
    beforeEach(() => h.open());
    afterEach(() => h.t.close());

    it('a window setting that leaves no callable minute is rejected with the reason; a rule whose customers are all skipped says why', async () => {
      const source = (await h.call('admin', 'GET', '/api/standard')).body.source as string;
      const edited = source.replace('        - { start: "08:00", end: "22:00" }\n      exclude:\n', '        - { start: "12:30", end: "13:30" }\n      exclude:\n');
      expect(edited).not.toBe(source);
      const put = await h.call('admin', 'PUT', '/api/standard', { source: edited });
      expect(put.status).toBe(400);
      const field = put.body.error.fields.find((f: Json) => String(f.path).startsWith('callbacks.windows.home'));
      expect(field?.message).toContain('没有任何可拨打的时间');

      const only = await h.customer('郑女士', { phones: [{ number: '13700003333', kind: 'mobile' }], contactPreferences: { consentToCallbacks: false } });
      await h.call('agent', 'POST', '/api/tickets', { type: 'inquiry', customerId: only, contactPhone: '13700003333', description: '咨询宽带资费和套餐变更办理方式', summary: { problemType: '资费', solution: '已说明', satisfaction: 1 } });
      const r = await h.call('supervisor', 'POST', '/api/callbacks/campaigns', { name: '低满意度', type: 'mediation', selection: { kind: 'low-satisfaction', from: '2025-09-01T00:00:00+08:00', to: '2025-10-01T00:00:00+08:00' }, period: { from: '2025-10-09', to: '2025-10-17' }, ownerTeam: 'callback' });
      expect(r.status).toBe(400);
      expect(r.body.error.fields[0]).toMatchObject({ path: 'selection', code: 'selects_none', params: { matched: 1 } });
      expect(r.body.error.message).toContain('都不能拨打');
      expect(r.body.error.message).toContain('do_not_call 1');
      const badPeriod = await h.call('supervisor', 'POST', '/api/callbacks/campaigns', { name: '错', type: 'mediation', selection: { kind: 'cold' }, period: { from: '2025-10-17', to: '2025-10-09' }, ownerTeam: 'callback' });
      expect(badPeriod.status).toBe(400);
      expect(badPeriod.body.error.fields).toEqual([{ path: 'period.to', message: expect.any(String), code: 'ends_before_start', params: { start: '2025-10-17' } }]);
      expect((await h.call('agent', 'POST', '/api/callbacks/campaigns', { name: '坐席不能建', type: 'mediation', selection: { kind: 'cold' }, period: { from: '2025-10-09', to: '2025-10-17' }, ownerTeam: 'callback' })).status).toBe(403);
      expect((await h.call('supervisor', 'GET', '/api/callbacks?status=done')).body.error.fields[0]).toMatchObject({ path: 'query.status', code: 'one_of' });
      expect((await h.call('supervisor', 'GET', '/api/callbacks?due=2025-13-01')).body.error.fields[0]).toMatchObject({ path: 'query.due', code: 'invalid_format', params: { format: 'date' } });
      expect((await h.call('agent', 'GET', '/api/callbacks/cb_nope')).status).toBe(404);
    });
  });
});
