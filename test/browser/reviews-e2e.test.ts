/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebApp } from './build-web.js';
import { hasChromium, launchChromium } from './chromium.js';
import { signIn as signInAs } from './sign-in.js';
import { startRealServer, type RunningServer } from './real-server.js';

// The review cycle's drill end to end (QA-TRAIN): the real server and database in Debian's Chromium.
describe.skipIf(!hasChromium())('质检复核: a trainee runs the defensive warehouse clerk drill', () => {
  let server: RunningServer;
  let browser: Browser;
  const consoleErrors: string[] = [];

  const signIn = (username: string, password: string) => signInAs(browser, server.url, username, password, { consoleErrors });

  beforeAll(async () => {
    const dist = await buildWebApp();
    server = await startRealServer(dist);
    await server.ctx.users.createUser({ username: 'ana', password: 'ana-password-1', role: 'agent', displayName: '安娜', team: '热线一组' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('each reply is judged by the quality engine as it is sent; the seed’s taboo answer loses the customer; the whole call is scored at the end', async () => {
    const { context, page } = await signIn('ana', 'ana-password-1');
    await page.getByTestId('main-nav').getByText('质检复核', { exact: true }).click();
    await page.getByRole('tab', { name: '培训演练' }).click();
    await page.getByRole('button', { name: '开始演练：推诿的仓库管理员' }).click();
    const screen = page.getByTestId('drill-screen');
    await screen.waitFor();
    await screen.getByText('城市广场印务公司').first().waitFor();

    // First reply, as the clerk in the seed answers: no 您好.
    await page.getByTestId('drill-input').fill('這裡是紙製品倉庫，我是安娜，我能幫您做些什麼嗎？');
    await page.getByTestId('drill-send').click();
    const judgements = page.getByTestId('drill-reply-judgement');
    await judgements.first().getByText(/开场问候/).waitFor();
    expect(await judgements.first().textContent()).toMatch(/✗ 开场问候/);
    expect(await judgements.first().textContent()).toMatch(/✓ 开场服务意向：「我能幫您」/);
    // The customer answers the reply.
    await page.getByTestId('drill-customer-line').getByText(/27卷纸/).waitFor();

    // Second reply: the seed's defensive answer. Judged at once: taboo phrases, no apology.
    await page.getByTestId('drill-input').fill('是嗎？哦，好，我不知道什麼地方出了問題，那份訂單並不是由我負責的。');
    await page.getByTestId('drill-send').click();
    await judgements.nth(1).getByText(/禁忌用语/).waitFor();
    expect(await judgements.nth(1).textContent()).toMatch(/✗ 禁忌用语：出现「我不知道」/);
    expect(await judgements.nth(1).textContent()).toMatch(/没有致歉/);
    await page.getByText('致命差错 0 分').waitFor();
    await page.getByTestId('drill-customer-line').getByText('算了吧。我到别处买去。').waitFor();
    // The customer has hung up: no more replies, the drill is scored as a whole.
    expect(await page.getByTestId('drill-input').count()).toBe(0);
    await page.getByTestId('drill-finish').click();
    const result = page.getByTestId('drill-result');
    await result.getByText('参考做法').waitFor();
    expect(await result.textContent()).toContain('得分 0 分');

    const runs = await server.ctx.reviews.repo.listDrills({ trainee: 'ana', limit: 10 });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ scenario: 'warehouse-clerk', fatal: true, score: 0 });
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
    await context.close();
  });
});
