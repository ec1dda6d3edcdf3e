/// <reference lib="dom" />
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebApp } from './build-web.js';
import { hasChromium, launchChromium, screenshotDir } from './chromium.js';
import { signIn as signInAs } from './sign-in.js';
import { timeZoneForOneDay } from './time-zone.js';
import { startRealServer, type RunningServer } from './real-server.js';

const system = { id: null, name: 'system' };

// Issue #21, the supervisors' figures: the agent-status board fed by the PBX's CTI events and the
// agents' sessions, the live queue, and the week's figures per agent and team, against the real
// server in Debian's Chromium (desktop and a 390 px phone).
describe.skipIf(!hasChromium())('the supervisor dashboard: agent-status board and the week\'s figures', () => {
  let server: RunningServer;
  let browser: Browser;
  let pbxToken: string;
  /** A zone in which the seeded call is this week's, whatever the hour the test runs at. */
  let timezoneId: string;
  const consoleErrors: string[] = [];

  async function postCti(events: object[]): Promise<void> {
    const res = await fetch(`${server.url}/api/cti/events`, { method: 'POST', headers: { authorization: `Bearer ${pbxToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
    expect(res.status, await res.clone().text()).toBe(202);
  }

  /** Signs an agent in as the desk would (a real session), and returns its cookie and CSRF headers. */
  async function agentSession(username: string): Promise<Record<string, string>> {
    const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: `${username}-password-1` }) });
    expect(res.status).toBe(200);
    const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return { cookie: cookies, 'x-csrf-token': csrfToken };
  }

  beforeAll(async () => {
    const dist = await buildWebApp();
    server = await startRealServer(dist);
    const { ctx } = server;
    const li = await ctx.users.createUser({ username: 'li', password: 'li-password-1', role: 'agent', displayName: '李娜', team: '一组' });
    await ctx.users.createUser({ username: 'wang', password: 'wang-password-1', role: 'agent', displayName: '王强', team: '一组' });
    await ctx.users.createUser({ username: 'zhao', password: 'zhao-password-1', role: 'agent', displayName: '赵敏', team: '二组' });
    await ctx.users.createUser({ username: 'qian', password: 'qian-password-1', role: 'agent', displayName: '钱进', team: '二组' });
    await ctx.users.createUser({ username: 'sam', password: 'sam-password-1', role: 'supervisor', displayName: '孙明' });
    pbxToken = await ctx.users.issueApiToken('admin', 'PBX 对接', system);

    // Minutes ago li took a call, filed its ticket with the summary within 5 minutes and the
    // call was judged: this week's figures have something of li's to show.
    const t0 = Date.now() - 5 * 60_000;
    timezoneId = timeZoneForOneDay(t0, Date.now());
    await postCti([
      { type: 'offered', callId: 'seed-li', at: t0, queue: 'hotline', caller: '13700000001' },
      { type: 'answered', callId: 'seed-li', at: t0 + 6000, agent: 'li' },
      { type: 'ended', callId: 'seed-li', at: t0 + 180_000, by: 'customer' },
    ]);
    const stored = await ctx.callRepository.list({ limit: 10 });
    const seed = stored.items.find((c) => c.externalId === 'seed-li')!;
    const judged = await fetch(`${server.url}/api/calls/${seed.id}/transcript`, {
      method: 'POST',
      headers: { authorization: `Bearer ${pbxToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ utterances: [{ speaker: 'agent', text: '您好，这里是客服中心，我是客服专员小李，请问有什么可以帮您？', start: 6400, end: 10_000 }] }),
    });
    expect(judged.status).toBe(200);
    await ctx.crm.tickets.create(
      { type: 'inquiry', customerName: '周先生', contactPhone: '13700000001', description: '咨询宽带套餐的月租和合约期限', callId: 'seed-li', callEndedAt: t0 + 180_000, summary: { problemType: '套餐咨询', solution: '已说明资费', satisfaction: 5 } },
      { id: li.id, username: 'li', role: 'agent', team: '一组' },
    );

    // li, wang and zhao are signed in; zhao goes ready and waits for a call; qian is not signed in.
    await agentSession('li');
    await agentSession('wang');
    const zhao = await agentSession('zhao');
    expect((await fetch(`${server.url}/api/agents/me/ready`, { method: 'POST', headers: zhao })).status).toBe(200);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows who is on a call, on hold, idle or signed out as the CTI events arrive, and the waiting call as waiting', async () => {
    consoleErrors.length = 0;
    const { context, page } = await signInAs(browser, server.url, 'sam', 'sam-password-1', { consoleErrors, timezoneId });
    await page.goto(`${server.url}/dashboard`);
    const board = page.getByTestId('agent-board');
    await board.waitFor();
    const state = (username: string) => board.getByTestId(`agent-${username}`).getByTestId('agent-state');
    await expect.poll(() => state('zhao').textContent(), { timeout: 10_000 }).toBe('空闲');
    await expect(state('qian').textContent()).resolves.toBe('未登录');
    await page.getByText('实时推送已连接').waitFor();

    // The PBX: li answers a call, wang answers one and puts it on hold, a third caller waits.
    const now = Date.now();
    await postCti([
      { type: 'offered', callId: 'live-li', at: now - 40_000, queue: 'hotline', caller: '13811112222' },
      { type: 'answered', callId: 'live-li', at: now - 35_000, agent: 'li' },
      { type: 'offered', callId: 'live-wang', at: now - 90_000, queue: 'vip', caller: '13933334444', vip: true },
      { type: 'answered', callId: 'live-wang', at: now - 85_000, agent: 'wang' },
      { type: 'hold', callId: 'live-wang', at: now - 20_000 },
      { type: 'offered', callId: 'live-wait', at: now - 5_000, queue: 'hotline', caller: '13655556666' },
      { type: 'ringing', callId: 'live-wait', at: now - 4_000, agent: 'zhao' },
    ]);
    // Pushed by the event stream: no reload.
    await expect.poll(() => state('li').textContent(), { timeout: 10_000 }).toBe('通话中');
    await expect.poll(() => state('wang').textContent(), { timeout: 10_000 }).toBe('保持中');
    // The durations run from the PBX's times: li answered 35 s before the events were posted, wang held 20 s before.
    const seconds = async (username: string) => {
      const text = (await board.getByTestId(`agent-${username}`).getByTestId('agent-duration').textContent()) ?? '';
      expect(text).toMatch(/^\d+:\d\d$/);
      const [m, s] = text.split(':').map(Number);
      return m! * 60 + s!;
    };
    expect(await seconds('li')).toBeGreaterThanOrEqual(34);
    expect(await seconds('wang')).toBeGreaterThanOrEqual(19);
    await expect(board.getByTestId('agent-wang').textContent()).resolves.toContain('VIP 专线');

    // The live queue: the caller still in the queue is waiting (not "ringing"), the held call shows its agent.
    const queue = page.getByTestId('live-queue');
    await queue.getByTestId('queue-phase-waiting').waitFor();
    const heldRow = queue.locator('tr', { has: page.getByTestId('queue-phase-on_hold') });
    // The held call's agent and its queue by the names people use (王强, VIP 专线), not their ids.
    await expect(heldRow.textContent()).resolves.toContain('王强');
    await expect(heldRow.textContent()).resolves.toContain('VIP 专线');
    await expect(queue.textContent()).resolves.not.toContain('振铃中');

    // li hangs up: wrap-up until the summary is written.
    await postCti([{ type: 'ended', callId: 'live-li', at: Date.now(), by: 'customer' }]);
    await expect.poll(() => state('li').textContent(), { timeout: 10_000 }).toBe('话后处理');
    await page.screenshot({ path: path.join(screenshotDir, 'supervisor-board.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it("shows the week's figures per agent and team beside the pack's targets, KPI-SUMMARY5 included", async () => {
    consoleErrors.length = 0;
    const { context, page } = await signInAs(browser, server.url, 'sam', 'sam-password-1', { consoleErrors, timezoneId });
    await page.goto(`${server.url}/dashboard`);
    const card = page.getByTestId('people-figures');
    await card.waitFor();
    // Polled: the card shows its frame before the figures and targets arrive (a loaded CI box read it in between).
    await expect.poll(() => card.textContent()).toContain('KPI-SUMMARY5');
    await expect.poll(() => card.textContent()).toContain('目标 ≥85.0');
    const li = card.getByTestId('people-row-li');
    await li.waitFor();
    await expect(li.locator('[data-figure="summaryWithin5MinRate"]').textContent()).resolves.toBe('100.0%');
    await expect(li.locator('[data-figure="satisfaction"]').textContent()).resolves.toBe('100.0');
    await expect(li.locator('[data-figure="satisfaction"]').getAttribute('data-pass')).resolves.toBe('true');
    await expect(li.getByTestId('fatal-calls').textContent()).resolves.toBe('0');
    // An agent with nothing this week is listed with nothing to judge.
    await expect(card.getByTestId('people-row-qian').locator('[data-figure="summaryWithin5MinRate"]').textContent()).resolves.toBe('—');

    await card.getByText('按班组').click();
    const team = card.getByTestId('people-row-一组');
    await team.waitFor();
    await expect(team.locator('[data-figure="summaryWithin5MinRate"]').textContent()).resolves.toBe('100.0%');
    await card.getByText('本月').click();
    await card.getByTestId('people-row-一组').waitFor();
    await page.screenshot({ path: path.join(screenshotDir, 'supervisor-week-figures.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('the board reads on a 390 px phone: tiles wrap, nothing runs off the screen', async () => {
    consoleErrors.length = 0;
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, timezoneId });
    // Signed in through the API in this browser context (the cookie is the context's), then the dashboard.
    expect((await context.request.post(`${server.url}/api/auth/login`, { data: { username: 'sam', password: 'sam-password-1' } })).status()).toBe(200);
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.goto(`${server.url}/dashboard`);
    const board = page.getByTestId('agent-board');
    await board.getByTestId('agent-wang').waitFor();
    const box = await board.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(390);
    const tiles = await board.locator('.kefu-agent-tile').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right));
    expect(Math.max(...tiles)).toBeLessThanOrEqual(390);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    await board.screenshot({ path: path.join(screenshotDir, 'supervisor-board-390.png') });
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
