import type { AppContext } from '../../app.js';
import { createAppContext, ensureFirstAdmin } from '../../app.js';
import type { Config } from '../../config.js';
import { fixedClock, type ManualClock } from '../../core/shared/clock.js';
import { localDateOf } from '../../core/knowledge/dates.js';
import { timeZone } from '../../core/calendar/time-zone.js';
import type { TicketActor } from '../../core/tickets/ticket-service.js';
import type { LifecycleStage } from '../../core/customers/customer.js';
import type { Role } from '../../core/users/roles.js';
import { buildServer } from '../http/server.js';
import { registerTicketJobs } from '../jobs/ticket-jobs.js';
import { DEMO_CENTRE, DEMO_COMPANY, demoCall, demoScenarios, type DemoScenario } from './demo-transcripts.js';
import { createCampaign } from '../../core/callbacks/campaign-commands.js';
import { planStoredCampaign } from '../../core/callbacks/plan-stored-campaign.js';
import { recordTaskAttempt } from '../../core/callbacks/record-task-attempt.js';
import { sampleMonth } from '../../core/reviews/sample-month.js';
import { monthOf } from '../../core/reviews/month.js';
import { submitReview } from '../../core/reviews/review-commands.js';
import { appealReview, decideAppeal } from '../../core/reviews/appeal-commands.js';
import { findScenario } from '../../core/reviews/drill-scenarios.js';
import { finishDrill, replyInDrill, startDrill } from '../../core/reviews/drill.js';

export const DEMO_PASSWORD = 'kefu-demo-2026';

const staff: Array<{ username: string; displayName: string; role: Role; team: string }> = [
  { username: 'zhou', displayName: '小周', role: 'agent', team: '热线一组' },
  { username: 'li', displayName: '李娜', role: 'agent', team: '热线一组' },
  { username: 'wang', displayName: '王强', role: 'agent', team: '热线二组' },
  { username: 'chen', displayName: '陈主管', role: 'supervisor', team: '热线一组' },
  { username: 'lin', displayName: '林质检', role: 'qa', team: '质检组' },
  { username: 'zhao', displayName: '赵经理', role: 'manager', team: '管理部' },
];

const surnames = ['赵', '钱', '孙', '李', '周', '吴', '郑', '王', '冯', '陈', '褚', '卫', '蒋', '沈', '韩', '杨', '朱', '秦', '许', '何', '吕', '施', '张', '孔', '曹', '严', '华', '金', '魏', '陶'];
const givenNames = ['建国', '秀英', '伟', '芳', '敏', '静', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '霞', '平', '刚', '丽'];
const companies = [null, null, null, '建国贸易', '西湖物流', '钱塘科技', '东方酒店', null, '华夏建材', null];
const stages: LifecycleStage[] = ['new', 'new', 'loyal', 'loyal', 'loyal', 'potential', 'referrer'];

/** A small deterministic generator: the same demo every time. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;

/**
 * Fills an empty database with a believable week of a hotline: users of every role, customers,
 * calls with transcripts judged by the standard (good calls and the classic failures), tickets in
 * every state, promises kept and broken, escalations and a reopened complaint.
 *
 * The week is replayed on a clock of its own, starting seven days ago, so that reminders,
 * escalations and broken promises happen through the real job timers, as they would have. Runs
 * once: a marker in the settings keeps a restart from adding it twice.
 */
export async function seedDemoData(config: Config, say: (m: string) => void, realNow: number = Date.now()): Promise<void> {
  const start = startOfLocalDay(realNow - 7 * DAY, config.timeZone) + 8 * 3600_000;
  const clock = fixedClock(start);
  const ctx = await createAppContext(config, { clock });
  try {
    if (await ctx.settings.get('demo.seeded')) return;
    say('正在生成演示数据（一周的来电、工单与回访）…');
    await seed(ctx, clock, realNow, start);
    await ctx.settings.put('demo.seeded', { at: realNow }, clock.now());
    say(`演示数据已生成。登录账号：坐席 zhou / li / wang，主管 chen，质检 lin，经理 zhao，管理员 admin；密码均为 ${DEMO_PASSWORD}。`);
  } finally {
    await ctx.close();
  }
}

async function seed(ctx: AppContext, clock: ManualClock, realNow: number, start: number): Promise<void> {
  const rand = prng(20260302);
  await ensureFirstAdmin(ctx);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

  for (const s of staff) await ctx.users.createUser({ ...s, password: DEMO_PASSWORD });
  // The pack knows the demo centre and agents by name: identity checks recognise the agents, and the
  // desk's scripts read 这里是惠民客服中心 rather than the default pack's XX placeholder.
  const active = await ctx.standard.active();
  const variables = { ...active.pack.variables, company: [DEMO_COMPANY], centre: [DEMO_CENTRE], agentNames: staff.filter((s) => s.role === 'agent').map((s) => s.displayName) };
  await ctx.standard.update({ ...active.pack, variables }, { id: null, name: 'demo' }, '演示：加入中心名称与坐席姓名');

  const agents = await Promise.all(staff.filter((s) => s.role === 'agent').map(async (s) => ({ ...s, id: (await ctx.users.list()).find((u) => u.username === s.username)!.id })));
  const actorOf = (a: (typeof agents)[number]): TicketActor => ({ id: a.id, username: a.username, role: 'agent', team: a.team });

  const customers: Array<{ id: string; name: string; surname: string; phone: string }> = [];
  for (let i = 0; i < 48; i++) {
    const surname = surnames[i % surnames.length]!;
    const name = surname + givenNames[(i * 7) % givenNames.length]!;
    const phone = `13${(800000000 + i * 1_234_567 + 13).toString().slice(0, 9)}`;
    const c = await ctx.crm.customers.create(
      {
        name,
        company: companies[i % companies.length] ?? null,
        vip: i % 9 === 0,
        stage: stages[i % stages.length]!,
        phones: [{ number: phone, kind: i % 4 === 0 ? 'work' : 'mobile' }],
        tags: i % 5 === 0 ? ['宽带'] : i % 5 === 1 ? ['账单'] : [],
      },
      { id: null, username: 'demo', role: 'admin' },
    );
    customers.push({ id: c.id, name, surname, phone });
  }

  registerTicketJobs(ctx);
  const app = await buildServer(ctx, { logger: false });
  const token = await ctx.users.issueApiToken('admin', 'demo-seed', { id: null, name: 'demo' });
  const auth = { authorization: `Bearer ${token}` };
  const post = async (url: string, payload: unknown) => {
    const res = await app.inject({ method: 'POST', url, headers: auth, payload: payload as object });
    if (res.statusCode >= 400) throw new Error(`demo seed: ${url} → ${res.statusCode} ${res.body}`);
    return res.json() as Record<string, unknown>;
  };

  type Todo = { at: number; run: () => Promise<void> };
  const todo: Todo[] = [];
  let n = 0;
  // Seven past days and today up to now, so the dashboard's "today" has figures too.
  for (let day = 0; day < 8; day++) {
    const dayStart = clock.now() + day * DAY;
    const calls = 22 + Math.floor(rand() * 14);
    for (let k = 0; k < calls; k++) {
      const offeredAt = dayStart + Math.floor(rand() * 13 * 3600_000) + (rand() < 0.3 ? 60_000 : 0);
      if (offeredAt > realNow - 10 * 60_000) continue;
      const customer = pick(customers);
      const agent = pick(agents);
      const scenario: DemoScenario = pick(demoScenarios);
      const abandoned = rand() < 0.08;
      const seed = ++n; // captured per call: the closure runs later, when n has moved on
      const id = `demo-${seed}`;
      todo.push({ at: offeredAt, run: () => playCall({ id, offeredAt, customer, agent, scenario, abandoned, seed }) });
    }
  }

  let ticketNo = 0;
  async function playCall(c: { id: string; offeredAt: number; customer: (typeof customers)[number]; agent: (typeof agents)[number]; scenario: DemoScenario; abandoned: boolean; seed: number }): Promise<void> {
    // Chats carry no call events; the demo keeps to phone calls so the hotline figures stay true.
    if (c.scenario.startsWith('chat')) return;
    const d = demoCall({ id: c.id, scenario: c.scenario, agent: c.agent.username, agentName: c.agent.displayName, customerId: c.customer.id, surname: c.customer.surname, phone: c.customer.phone, startedAt: new Date(c.offeredAt).toISOString(), seed: c.seed });
    const base = { callId: c.id, queue: c.customer.id.length % 3 === 0 ? 'vip' : 'hotline', caller: c.customer.phone };
    if (c.abandoned) {
      await post('/api/cti/events', { events: [{ type: 'offered', at: c.offeredAt, ...base }, { type: 'ringing', at: c.offeredAt + 500, agent: c.agent.username, ...base }, { type: 'ended', at: c.offeredAt + 25_000, by: 'customer', ...base }] });
      return;
    }
    const answeredAt = c.offeredAt + d.ringMs;
    const endedAt = answeredAt + d.talkMs;
    const events: Array<Record<string, unknown>> = [
      { type: 'offered', at: c.offeredAt, ...base },
      { type: 'ringing', at: c.offeredAt + 300, agent: c.agent.username, ...base },
      { type: 'answered', at: answeredAt, agent: c.agent.username, ...base },
    ];
    for (const e of d.transcript.events ?? []) {
      if (e.type === 'hold' || e.type === 'unhold') events.push({ type: e.type, at: c.offeredAt + e.at, agent: c.agent.username, ...base });
    }
    events.push({ type: 'ended', at: endedAt, by: d.endedBy, agent: c.agent.username, ...base });
    const ingest = await post('/api/cti/events', { events });
    const stored = (ingest.calls as Array<{ id: string }>)[0];
    if (!stored) return;
    await post(`/api/calls/${encodeURIComponent(stored.id)}/transcript`, { ...d.transcript, id: stored.id });

    // About a third of the calls need a ticket: complaints always; the ticket usually follows
    // within the 3 minutes PH-TICKET3 asks, sometimes late.
    const complaint = c.scenario.startsWith('complaint') || c.scenario === 'taboo' || c.scenario === 'agent-hangup';
    if (!complaint && rand() > 0.25) return;
    const ticketAt = endedAt + (rand() < 0.8 ? 60_000 + Math.floor(rand() * 100_000) : 240_000 + Math.floor(rand() * 300_000));
    todo.push({ at: ticketAt, run: () => makeTicket(c, stored.id, endedAt, complaint) });
  }

  async function makeTicket(c: { customer: (typeof customers)[number]; agent: (typeof agents)[number]; scenario: DemoScenario }, callId: string, callEndedAt: number, complaint: boolean): Promise<void> {
    ticketNo++;
    const actor = actorOf(c.agent);
    const description = ticketDescriptions[c.scenario];
    const detail = await ctx.crm.tickets.create(
      {
        type: complaint ? 'complaint' : c.scenario === 'unexplained-hold' ? 'repair' : 'inquiry',
        ...(complaint && { complaintClass: c.scenario === 'complaint-no-apology' ? 'delivery' : c.scenario === 'complaint-good' ? 'billing' : 'service', complaintGrade: ticketNo % 5 === 0 ? 'serious' : 'general' }),
        description,
        customerId: c.customer.id,
        customerName: `${c.customer.surname}先生`,
        contactPhone: c.customer.phone,
        callId,
        callEndedAt,
        team: c.agent.team,
        assigneeId: c.agent.id,
        summary: rand() < 0.85 ? { problemType: complaint ? '投诉' : '咨询', solution: complaint ? '已登记并承诺回复时间' : '已当场答复', satisfaction: complaint ? 3 + Math.floor(rand() * 2) : 4 + Math.floor(rand() * 2) } : null,
      },
      actor,
    );
    const t = detail.ticket;
    const fate = rand();
    if (!complaint) {
      if (fate < 0.7) todo.push({ at: clock.now() + 20 * 60_000, run: async () => void (await ctx.crm.tickets.resolve(t.id, { solution: '已答复客户' }, actor)) });
      return;
    }
    // Complaints: most answered in time; some late (the promise breaks and escalates); one in
    // six reopened after the callback found the problem unsolved (CB-REOPEN).
    if (fate < 0.55) {
      todo.push({ at: clock.now() + (4 + Math.floor(rand() * 20)) * 3600_000, run: async () => void (await ctx.crm.tickets.resolve(t.id, { solution: '已核实并处理，电话告知客户' }, actor)) });
      if (fate < 0.2) todo.push({ at: clock.now() + 3 * DAY, run: async () => void (await ctx.crm.tickets.close(t.id, { note: '回访客户满意' }, actor)) });
    } else if (fate < 0.72) {
      todo.push({ at: clock.now() + 2 * 3600_000, run: async () => void (await ctx.crm.tickets.resolve(t.id, { solution: '已退还差额' }, actor)) });
      todo.push({ at: clock.now() + 2 * DAY, run: async () => void (await ctx.crm.tickets.reopen(t.id, { reason: '回访时客户表示问题仍未解决' }, actor)) });
    } else if (fate < 0.85) {
      todo.push({ at: clock.now() + 30 * 60_000, run: async () => void (await ctx.crm.tickets.escalate(t.id, { reason: '客户要求主管处理' }, actor)) });
    }
    // The rest stay open: their promise reminds, breaks and escalates through the job timers.
  }

  // Replay the week in time order; timers fire as the clock passes them.
  const end = realNow - 60_000;
  while (todo.length > 0) {
    todo.sort((a, b) => a.at - b.at);
    const next = todo.shift()!;
    if (next.at > end) continue;
    if (next.at > clock.now()) clock.set(next.at);
    await ctx.jobs.runDue();
    try {
      await next.run();
    } catch (e) {
      // A demo step that the rules refuse (e.g. resolving an already closed ticket) is skipped.
      if (!(e instanceof Error && /cannot become|not found/i.test(e.message))) throw e;
    }
  }
  clock.set(end);
  await ctx.jobs.runDue();
  await seedCallbacks(ctx, clock);
  await seedReviews(ctx, clock, start);
  await seedKnowledge(post, localDateOf(realNow, timeZone(ctx.config.timeZone)));

  await app.close();

}

/**
 * 回访: a campaign of each selection kind (the ones that select someone are planned over 热线一组),
 * and on the tasks the resolved complaints created, attempts of every outcome — reached and
 * satisfied, reached and not solved (the ticket reopens), no answer, busy, wrong number, absent
 * with the message taken, refused.
 */
async function seedCallbacks(ctx: AppContext, clock: ManualClock): Promise<void> {
  const rules = await ctx.callbacks.rules();
  const today = rules.calendar.localOrdinal(clock.now());
  const date = (d: number) => new Date(d * DAY).toISOString().slice(0, 10);
  const monthAgo = clock.now() - 30 * DAY;
  const period = { from: date(today), to: date(today + 10) };
  const campaigns = [
    { name: '随机抽取客户回访', type: 'relationship', selection: { kind: 'random', by: 'code', size: 8, seed: 2026 } },
    { name: '近一个月满意度较低客户回访', type: 'mediation', selection: { kind: 'low-satisfaction', from: monthAgo, to: clock.now() + 1, below: 4 } },
    { name: '维修工单追加服务回访', type: 'guidance', selection: { kind: 'further-service', ticketTypes: ['repair', 'inquiry'] } },
    { name: '久未联系客户情感回访', type: 'relationship', selection: { kind: 'cold', days: 3 } },
    { name: '投诉解决后回访', type: 'explanation', selection: { kind: 'after-solved', from: monthAgo, to: clock.now() + 1 } },
  ];
  for (const c of campaigns) {
    try {
      const { campaign } = await createCampaign(ctx.callbacks.ctx, { ...c, period, ownerTeam: '热线一组' }, { id: null });
      await planStoredCampaign(ctx.callbacks.ctx, campaign.id, { dryRun: false });
    } catch (e) {
      // A rule that selects no one in this week's data is refused, as it would be for a person.
      if (!(e instanceof Error && 'code' in e && e.code === 'VALIDATION')) throw e;
    }
  }
  const open = (await ctx.callbacks.repo.listTasks({ campaignId: 'after-solved', status: ['pending'], limit: 20 })).items;
  const now = clock.now();
  const report = (task: (typeof open)[number], solved: boolean, satisfaction: number, agent: string) => ({
    customerName: task.target.customerName,
    contact: '本人',
    at: now,
    type: 'explanation',
    content: solved ? '确认投诉处理结果，客户表示已解决' : '客户表示问题仍未解决，要求再次处理',
    opinions: solved ? '处理及时，表示感谢' : '希望尽快给出解决办法',
    satisfaction,
    solved,
    followUpNeeded: !solved,
    agent,
  });
  const plans: Array<[string, (task: (typeof open)[number], agent: string) => Record<string, unknown>]> = [
    ['reached', (t, a) => ({ outcome: 'reached', report: report(t, true, 5, a) })],
    ['reached', (t, a) => ({ outcome: 'reached', report: report(t, false, 2, a) })],
    ['no_answer', () => ({ outcome: 'no_answer' })],
    ['busy', () => ({ outcome: 'busy' })],
    ['wrong_number', () => ({ outcome: 'wrong_number' })],
    ['absent', () => ({ outcome: 'absent', message: { takenBy: { name: '王芳', relation: '家人' }, left: '客服中心回访，请方便时回电 400-800-1234', callAgainAt: now + 2 * 3600_000 } })],
    ['refused', () => ({ outcome: 'refused' })],
  ];
  for (const [i, task] of open.slice(0, plans.length).entries()) {
    const agent = i % 2 === 0 ? 'zhou' : 'li';
    await recordTaskAttempt(ctx.callbacks.ctx, task.id, { ...plans[i]![1](task, agent), at: now } as never, { username: agent, role: null, team: null });
  }
}

/**
 * 质检复核: the sample of each month the demo week touches (seed recorded), 林质检 reviewing about
 * half of it — agreeing with the engine mostly, disagreeing with one taboo hit —, an agent's appeal
 * accepted by 陈主管, and two role-play drills (the defensive warehouse clerk) with an observer's card.
 */
async function seedReviews(ctx: AppContext, clock: ManualClock, weekStart: number): Promise<void> {
  const rv = ctx.reviews.ctx;
  const months = [...new Set([monthOf(weekStart, rv.zone), monthOf(clock.now(), rv.zone)])];
  for (const [i, month] of months.entries()) await sampleMonth(rv, month, { seed: 20260302 + i });
  const lin = { username: 'lin', role: 'qa' };
  const pending = (await ctx.reviews.repo.list({ status: 'pending', limit: 500 })).items;
  let disagreed = false;
  for (const [i, r] of pending.entries()) {
    if (i % 2 === 1) continue;
    const judged = r.engine.checks.filter((c) => c.ok !== null);
    const tabooHit = !disagreed && judged.some((c) => c.rule === 'PH-TABOO' && c.ok === false);
    if (tabooHit) disagreed = true;
    await submitReview(
      rv,
      r.id,
      {
        verdicts: judged.map((c) => (tabooHit && c.rule === 'PH-TABOO' ? { rule: c.rule, verdict: 'disagree' as const, comment: '坐席是在复述客户的话，不属于禁忌用语' } : { rule: c.rule, verdict: 'agree' as const })),
        timeSpentMs: 120_000 + (i % 5) * 30_000,
        submit: true,
      },
      lin,
    );
  }
  // An agent appeals a failed check of a reviewed call; the supervisor accepts it.
  const reviewed = (await ctx.reviews.repo.list({ status: 'reviewed', limit: 500 })).items;
  const appealable = reviewed.find((r) => r.engine.checks.some((c) => c.rule === 'PH-CLOSE' && c.ok === false) && !r.engine.fatal);
  if (appealable) {
    await appealReview(rv, appealable.id, [{ rule: 'PH-CLOSE', reason: '客户说完“好的再见”就挂断了，来不及说结束语' }], { username: appealable.agent, role: 'agent' });
    await decideAppeal(rv, appealable.id, { decision: 'accept', comment: '听了录音，客户已先挂机，采纳' }, { username: 'chen', role: 'supervisor' });
  }
  const scenario = findScenario('warehouse-clerk')!;
  const compiled = (await ctx.standard.active()).compiled;
  const drills: Array<[string, string[]]> = [
    ['li', ['這裡是紙製品倉庫，我是李娜，我能幫您做些什麼嗎？', '是嗎？哦，好，我不知道什麼地方出了問題，那份訂單並不是由我負責的。']],
    ['zhou', ['您好，纸制品仓库，我是小周，请问有什么可以帮您？', '非常抱歉耽误您的工作了，我理解您很着急。请问您的订单号是多少？', '好的，订单8826451，我马上帮您查一下，请您稍等一分钟好吗？', '让您久等了，货车今天下午3点前送到，我会在2点给您回电确认。', '还有其他需要帮您的吗？感谢您的来电，祝您工作顺利，再见！']],
  ];
  for (const [trainee, replies] of drills) {
    const now = clock.now();
    let run = startDrill(scenario, { id: `dr_demo_${trainee}`, trainee, now });
    for (const text of replies) if (!run.ended) run = replyInDrill(scenario, run, text, compiled, now);
    run = finishDrill(scenario, run, compiled, now);
    run = { ...run, card: { observer: 'chen', items: scenario.card.map((rule, k) => ({ rule, rating: trainee === 'zhou' ? 4 + (k % 2) : 2 })), comment: trainee === 'zhou' ? '态度诚恳，信息记录完整' : '推诿，没有致歉也没有记录订单信息', at: now } };
    await ctx.reviews.repo.saveDrill(run, now);
  }
}

const ticketDescriptions: Record<DemoScenario, string> = {
  ideal: '客户咨询本月套餐剩余流量，已告知剩余3.2G',
  'complaint-good': '客户反映本月账单多扣费，核实为增值业务重复扣费，申请退还',
  taboo: '客户家中宽带从昨天起无法上网，重启光猫无效，需上门检修',
  'no-closing': '客户申请修改账单寄送地址为杭州市西湖区文三路100号',
  'unexplained-hold': '客户上周寄回的手机维修进度查询，已修好待寄出',
  'complaint-no-apology': '客户投诉快递员将包裹放在门口未当面签收，订单号8826451',
  'agent-hangup': '客户投诉发票一直未寄出，多次来电未解决',
  'chat-good': '客户咨询退款到账时间，订单号5529173',
  'chat-hold': '客户咨询如何开具发票',
};

/**
 * 知识库与公告: a few answers the hotline gives every day, and today's bulletin, so the desk's
 * search finds something and its banner (read the day's bulletins before the first call) has one to read.
 */
async function seedKnowledge(post: (url: string, payload: unknown) => Promise<Record<string, unknown>>, today: string): Promise<void> {
  const articles = [
    { title: '宽带报修受理流程', category: '宽带', visibility: 'public', answer: '您好，请您先重启光猫和路由器；如光猫红灯仍亮，我这边为您登记报修，维修人员将在24小时内与您联系上门。', details: '受理时记录：宽带账号、装机地址、联系电话、故障现象（红灯/无信号/网速慢）、已做的排查。' },
    { title: '账单多扣费的核实与退费', category: '账单', visibility: 'public', answer: '您好，我先为您核实本月账单明细；如确属多扣，我们会在3个工作日内原路退回，并短信通知您。', details: '核实顺序：套餐月租 → 增值业务 → 超出流量；多扣按投诉工单处理，回访期限1–3个工作日。' },
    { title: '套餐变更的生效时间', category: '套餐', visibility: 'public', answer: '套餐变更次月1日生效，本月仍按原套餐计费；如需当月生效，可办理叠加包。' },
    { title: '客户要求转人工主管的处理', category: '服务规范', visibility: 'internal', answer: '先致歉并说明您会尽力处理；仍坚持时，征得客户同意后转接投诉主管，并向主管简要说明来电原因。' },
  ];
  for (const a of articles) await post('/api/knowledge', a);
  await post('/api/bulletins', { title: '今日起宽带报修承诺时限调整', body: '自今日起，城区宽带报修上门时限由48小时缩短为24小时，请按新时限答复客户。', kind: 'policy', effectiveDate: today });
}


function startOfLocalDay(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(ms);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const sinceMidnight = ((get('hour') * 60 + get('minute')) * 60 + get('second')) * 1000 + (ms % 1000);
  return ms - sinceMidnight;
}
