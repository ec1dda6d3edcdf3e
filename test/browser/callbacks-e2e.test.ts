/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebApp } from './build-web.js';
import { hasChromium, launchChromium } from './chromium.js';
import { signIn as signInAs } from './sign-in.js';
import { startRealServer, type RunningServer } from './real-server.js';
import type { StoredTask } from '../../src/core/callbacks/ports.js';

/**
 * An IANA zone where the local hour is `hour` right now: the tasks' callability then does not
 * depend on when the test runs (CB-WINDOW works in the customer's own zone).
 */
function zoneWithLocalHour(hour: number, now: number): string {
  const utcHour = new Date(now).getUTCHours();
  let offset = (((hour - utcHour) % 24) + 24) % 24;
  if (offset > 14) offset -= 24;
  if (offset === 0) return 'UTC';
  return offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

// The callback screens end to end: the real server and database in Debian's Chromium.
describe.skipIf(!hasChromium())('回访: an agent works a task from the list to the report form', () => {
  let server: RunningServer;
  let browser: Browser;
  const consoleErrors: string[] = [];

  const signIn = (username: string, password: string) => signInAs(browser, server.url, username, password, { consoleErrors });

  beforeAll(async () => {
    const dist = await buildWebApp();
    server = await startRealServer(dist);
    const { ctx } = server;
    await ctx.users.createUser({ username: 'ana', password: 'ana-password-1', role: 'agent', displayName: '安娜', team: 'callback' });
    await ctx.users.createUser({ username: 'sam', password: 'sam-password-1', role: 'supervisor', displayName: '孙明', team: 'callback' });
    const now = Date.now();
    await ctx.callbacks.repo.insertCampaign({
      id: 'cmp_e2e',
      name: '投诉处理满意度回访',
      type: 'mediation',
      selection: { kind: 'cold', days: 90 },
      period: { from: '2026-01-01', to: '2030-12-31' },
      ownerTeam: 'callback',
      createdBy: null,
      createdAt: now,
      updatedAt: now,
      lastPlan: null,
    });
    const task = (id: string, name: string, number: string, hour: number): StoredTask => ({
      id,
      key: `cmp_e2e/${id}/-`,
      campaignId: 'cmp_e2e',
      target: { customerId: `c-${id}`, customerName: name, number, numberKind: 'home', timeZone: zoneWithLocalHour(hour, now), reason: '满意度 2 分（低于 3 分）' },
      due: { first: '2026-01-01', last: '2030-12-31', startsAt: now - 86_400_000, endsAt: now + 2 * 86_400_000, covered: true, uncoveredYears: [] },
      agent: 'ana',
      plannedAt: now,
      attempts: [],
      status: 'pending',
      closeReason: null,
      closedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    await ctx.callbacks.repo.insertTasks([task('cb_callable', '周建华', '13812345678', 10), task('cb_night', '吴丽', '13900001111', 3)]);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('an agent opens a callable task from the list, calls (the 3-minute clock runs), chooses "reached" and files the report', async () => {
    const { context, page } = await signIn('ana', 'ana-password-1');
    await page.getByTestId('main-nav').getByText('回访', { exact: true }).click();
    const list = page.getByTestId('callback-task-list');
    await list.getByText('周建华').waitFor();
    // Numbers are masked on the list.
    expect(await list.textContent()).not.toContain('13812345678');
    await list.getByText('周建华').click();
    const screen = page.getByTestId('callback-screen');
    await screen.waitFor();
    // CB-TYPE: the script of the campaign's type, with the customer's name.
    expect(await page.getByTestId('callback-script').textContent()).toContain('周建华');
    const call = page.getByTestId('call-button');
    expect(await call.isDisabled()).toBe(false);
    await call.click();
    await page.getByTestId('call-clock').getByText(/00:0\d/).waitFor();
    await page.getByTestId('outcome-buttons').getByRole('button', { name: '接通' }).click();
    const form = page.getByTestId('report-form');
    await form.waitFor();
    // The required fields say so before anything is sent.
    await page.getByTestId('report-submit').click();
    await form.getByText('必填').first().waitFor();
    await form.getByLabel('回访内容').fill('确认多扣的50元已退还，客户已收到');
    await form.getByLabel('意见和建议').fill('希望账单更清楚');
    await form.locator('.ant-rate-star').nth(3).click();
    await form.getByRole('radio', { name: '是' }).first().check();
    await form.getByRole('radio', { name: '否' }).nth(1).check();
    await page.getByTestId('report-submit').click();
    await page.getByText('已记录：接通').waitFor();
    await screen.getByText('已结束').first().waitFor();
    const stored = (await server.ctx.callbacks.repo.findTask('cb_callable'))!;
    expect(stored).toMatchObject({ status: 'closed', closeReason: 'reached' });
    expect(stored.attempts[0]!.report).toMatchObject({ satisfaction: 4, solved: true, followUpNeeded: false, agent: 'ana' });
    await context.close();
  });

  it('a call button outside the window is disabled with its reason', async () => {
    const { context, page } = await signIn('ana', 'ana-password-1');
    await page.goto(`${server.url}/callbacks/cb_night`);
    await page.getByTestId('callback-screen').waitFor();
    expect(await page.getByTestId('call-button').isDisabled()).toBe(true);
    const reason = await page.getByTestId('call-disabled-reason').textContent();
    // 03:00 in the customer's zone: before the home number's hours (CB-WINDOW names the rule).
    expect(reason).toMatch(/08:00/);
    // The list says the same, with the next callable time.
    await page.goto(`${server.url}/callbacks`);
    const row = page.getByTestId('callback-task-list').locator('tr', { hasText: '吴丽' });
    await row.getByText('不可拨打').waitFor();
    await row.getByText(/下次可拨/).waitFor();
    await context.close();
  });

  it('a supervisor sees the campaign, the figures by agent and the export buttons', async () => {
    const { context, page } = await signIn('sam', 'sam-password-1');
    await page.goto(`${server.url}/callbacks?tab=supervisor`);
    const view = page.getByTestId('callback-supervisor');
    await view.getByText('回访成功率').waitFor();
    // Agents by name (#21), not by username.
    await view.getByRole('cell', { name: '安娜' }).waitFor();
    await view.getByText('导出客户回访对象表').waitFor();
    await page.goto(`${server.url}/callbacks?tab=campaigns`);
    await page.getByTestId('callback-campaigns').getByText('投诉处理满意度回访').waitFor();
    // A supervisor gives a task to another agent from the callback screen.
    await page.goto(`${server.url}/callbacks/cb_night`);
    await page.getByLabel('分配给').fill('sam');
    await page.getByRole('button', { name: '分配给' }).click();
    await page.getByText('已分配给 孙明').waitFor();
    expect((await server.ctx.callbacks.repo.findTask('cb_night'))!.agent).toBe('sam');
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
    await context.close();
  });
});
