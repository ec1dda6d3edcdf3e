/// <reference lib="dom" />
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebApp } from './build-web.js';
import { hasChromium, launchChromium, screenshotDir } from './chromium.js';
import { signIn as signInAs } from './sign-in.js';
import { startRealServer, type RunningServer } from './real-server.js';
import { localDateOf } from '../../src/core/knowledge/dates.js';
import { createArticle } from '../../src/core/knowledge/article-commands.js';
import { editBulletin, publishBulletin } from '../../src/core/knowledge/bulletin-commands.js';

// Issue #17 end to end: the real server and database in Debian's Chromium.
describe.skipIf(!hasChromium())('知识库与班前公告: the desk gates going ready on the day\'s bulletin and inserts an article\'s answer', () => {
  let server: RunningServer;
  let browser: Browser;
  let pbxToken: string;
  let bulletinId: string;
  let supervisor: { id: string; username: string; team: string | null };
  const consoleErrors: string[] = [];

  // The 409 is the server refusing "ready" while a bulletin is unread, on purpose.
  const signIn = (username: string, password: string) => signInAs(browser, server.url, username, password, { consoleErrors, expectedErrors: /409/, defaultTimeoutMs: 10_000 });

  async function api(method: string, url: string, body?: object): Promise<{ status: number; json: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const res = await fetch(server.url + url, { method, headers: { authorization: `Bearer ${pbxToken}`, ...(body && { 'content-type': 'application/json' }) }, ...(body && { body: JSON.stringify(body) }) });
    return { status: res.status, json: await res.json() };
  }

  beforeAll(async () => {
    const dist = await buildWebApp();
    server = await startRealServer(dist);
    const { ctx } = server;
    await ctx.users.createUser({ username: 'ana', password: 'ana-password-1', role: 'agent', displayName: '安娜', team: '一组' });
    const sam = await ctx.users.createUser({ username: 'sam', password: 'sam-password-1', role: 'supervisor', displayName: '孙明', team: '一组' });
    pbxToken = await ctx.users.issueApiToken('admin', 'PBX 对接', { id: null, name: 'system' });
    const k = ctx.knowledge.ctx;
    const actor = { id: sam.id, username: 'sam', team: '一组' };
    supervisor = actor;
    const today = localDateOf(Date.now(), k.zone);
    bulletinId = (await publishBulletin(k, { title: '今日起退款审核时限调整', body: '自今日起，退款审核由3个工作日缩短为2个工作日，请按新时限答复客户。', kind: 'policy', effectiveDate: today }, actor)).id;
    await createArticle(k, { title: '退款流程', answer: '您好，您的退款申请审核通过后，款项会在2个工作日内原路退回，请您留意到账信息。', category: '账务', visibility: 'public' }, actor);
    await createArticle(k, { title: '退款規則', answer: '退款須在購買後七日內申請，已開發票的須先退回發票。', category: '帳務' }, actor);
    await createArticle(k, { title: '宽带报修', answer: '请您先重启光猫，如仍无法上网我们为您登记报修。', category: '故障' }, actor);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("an agent acknowledges the day's bulletin before the desk lets them take calls; an edited bulletin asks again", { timeout: 120_000 }, async () => {
    const { context, page } = await signIn('ana', 'ana-password-1');
    await page.getByTestId('live-call').waitFor();
    // The day's bulletin is shown at once; going ready is not possible while it is unread.
    const gate = page.getByTestId('bulletin-gate');
    await gate.getByText('今日起退款审核时限调整').waitFor();
    await expect(page.getByTestId('bulletins-ready').isDisabled()).resolves.toBe(true);
    await gate.getByTestId('ack-bulletin').click();
    await gate.getByText('今日公告已全部确认').waitFor();
    await page.getByTestId('bulletins-ready').click();
    await page.getByTestId('ready-state').getByText('就绪', { exact: true }).waitFor();
    await expect(page.getByTestId('ready-gate').getAttribute('data-state')).resolves.toBe('ready');
    await expect(page.getByTestId('not-ready-hint').count()).resolves.toBe(0);

    // The supervisor corrects the bulletin: the agent, going ready again, must read version 2.
    await editBulletin(server.ctx.knowledge.ctx, bulletinId, { body: '自今日起，退款审核由3个工作日缩短为1个工作日，请按新时限答复客户。' }, 1, supervisor);
    await page.getByTestId('not-ready-button').click();
    await page.getByTestId('not-ready-hint').waitFor();
    await page.getByTestId('open-bulletins').click();
    await gate.getByText('已更新为第 2 版').waitFor();
    await gate.getByText(/1个工作日/).waitFor();
    await gate.getByTestId('ack-bulletin').click();
    await page.getByTestId('bulletins-ready').click();
    await page.getByTestId('ready-state').getByText('就绪', { exact: true }).waitFor();

    // What the supervisor sees: who read which version and when.
    const report = await api('GET', `/api/bulletins/${bulletinId}/report`);
    expect(report.json.rows.find((r: { username: string }) => r.username === 'ana')).toMatchObject({ ackedVersion: null });
    expect(report.json.rows.find((r: { username: string }) => r.username === 'ana').ackedAt).not.toBeNull();
    await context.close();
  });

  // Many steps through two screens: the default 30 s ran out on a loaded 2-core box.
  it("the desk suggests an article from a live call's text, and its answer goes into the chat reply", { timeout: 120_000 }, async () => {
    const { context, page } = await signIn('ana', 'ana-password-1');
    await page.getByTestId('stream-status').getByText('实时推送已连接').waitFor();
    await page.getByTestId('ready-state').getByText('就绪', { exact: true }).waitFor();
    const callId = `kb-${Date.now()}`;
    const start = Date.now();
    const offered = await api('POST', '/api/cti/events', { events: [{ type: 'offered', callId, at: start, queue: 'hotline', caller: '13812345678' }, { type: 'ringing', callId, at: start + 1, agent: 'ana' }] });
    expect(offered.status).toBe(202);
    // The PBX's speech-to-text posts what was said so far.
    const transcript = await api('POST', `/api/calls/${offered.json.calls[0].id}/transcript`, {
      utterances: [
        { speaker: 'agent', text: '您好，很高兴为您服务，请问有什么可以帮您？' },
        { speaker: 'customer', text: '我上周申请了退款，钱到现在还没退回来，退款到底要多久？' },
      ],
    });
    expect(transcript.status).toBe(200);
    await api('POST', '/api/cti/events', { events: [{ type: 'answered', callId, at: Date.now(), agent: 'ana' }] });
    await page.getByTestId('live-phase').getByText('通话中').waitFor();

    const suggestions = page.getByTestId('kb-suggestions');
    await suggestions.getByText('退款流程').waitFor();
    await expect(suggestions.textContent()).resolves.not.toContain('宽带报修');
    await suggestions.getByTestId('kb-article').filter({ hasText: '退款流程' }).getByTestId('kb-insert').click();
    const reply = page.getByLabel('回复或备注内容');
    await expect.poll(() => reply.inputValue()).toContain('款项会在2个工作日内原路退回');

    // A look-up in the other script from the desk's search box finds the Traditional article.
    await page.getByTestId('desk-knowledge').getByLabel('查知识：输入关键词').fill('退款规则');
    await page.getByTestId('kb-search-results').getByText('退款規則').waitFor();
    await page.screenshot({ path: path.join(screenshotDir, 'desk-knowledge.png'), fullPage: true });

    // The call ends and the agent files its ticket: the article whose answer was given is cited on it.
    await api('POST', '/api/cti/events', { events: [{ type: 'ended', callId, at: Date.now(), by: 'customer' }] });
    const form = page.getByTestId('ticket-form');
    await form.getByLabel('客户姓名').fill('周女士');
    await form.getByLabel('问题描述').fill('客户询问退款到账时间，已按退款流程答复2个工作日内原路退回');
    await page.getByTestId('ticket-submit').click();
    await page.getByTestId('ticket-created').waitFor();
    const ticketId = (await api('GET', `/api/tickets?callId=${encodeURIComponent(callId)}`)).json.items[0].id as string;
    await expect.poll(async () => (await api('GET', `/api/tickets/${ticketId}/articles`)).json.items.map((a: { title: string }) => a.title)).toEqual(['退款流程']);

    // The ticket's page lists the cited article and the history says who cited it.
    await page.goto(`${server.url}/tickets/${encodeURIComponent(ticketId)}`);
    await page.getByTestId('ticket-articles').getByText('退款流程').waitFor();
    await page.getByTestId('ticket-history').getByText('引用知识').waitFor();
    // The article's page counts the tickets citing it.
    await page.goto(`${server.url}/knowledge`);
    await page.getByTestId('kb-row-title').filter({ hasText: '退款流程' }).click();
    await page.getByTestId('kb-cited-count').getByText('共 1 张工单引用').waitFor();
    await page.getByTestId('kb-cited-by').getByText(ticketId).waitFor();
    await context.close();
    expect(consoleErrors).toEqual([]);
  });
});
