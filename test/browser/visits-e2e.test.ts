/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebApp } from './build-web.js';
import { hasChromium, launchChromium } from './chromium.js';
import { signIn as signInAs } from './sign-in.js';
import { startRealServer, type RunningServer } from './real-server.js';

// The walk-in centre end to end: the real server and database in Debian's Chromium, three screens at once.
describe.skipIf(!hasChromium())('来访接待: reception registers a visitor, the display shows the number, the staff member calls it', () => {
  let server: RunningServer;
  let browser: Browser;
  const consoleErrors: string[] = [];

  // A 400 the browser logs (every 4xx it loads) is allowed, not required.
  const signIn = (username: string, password: string) => signInAs(browser, server.url, username, password, { consoleErrors, expectedErrors: /status of 400/ });

  beforeAll(async () => {
    const dist = await buildWebApp();
    server = await startRealServer(dist);
    await server.ctx.users.createUser({ username: 'front', password: 'front-password-1', role: 'agent', displayName: '前台小周' });
    await server.ctx.users.createUser({ username: 'li', password: 'li-password-1', role: 'agent', displayName: '李敏' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the display updates live as reception registers and the staff member calls, with the surname masked', async () => {
    // The waiting-room display is open before anyone arrives.
    const display = await signIn('front', 'front-password-1');
    // The wall display: the whole screen, no menus.
    await display.page.goto(`${server.url}/kiosk/visits`);
    const board = display.page.getByTestId('visit-display');
    await board.getByText('请取号稍候').waitFor();

    // Reception registers 陈女士 from the 来访接待 module.
    const reception = await signIn('front', 'front-password-1');
    await reception.page.getByTestId('main-nav').getByText('来访接待', { exact: true }).click();
    const form = reception.page.getByTestId('register-form');
    await form.waitFor();
    // Bad input says which field, in Chinese, next to it, before anything is sent.
    await form.getByLabel('来访事由').fill('咨询物业费缴纳');
    await reception.page.getByTestId('register-submit').click();
    await form.getByText('请填写来访人姓氏').waitFor();
    await form.getByLabel('来访人姓氏').fill('陈女士');
    await form.getByLabel('联系电话（选填）').fill('13612345678');
    await reception.page.getByTestId('register-submit').click();
    await reception.page.getByTestId('register-result').getByText('已登记，号码 001').waitFor();
    await reception.page.getByTestId('visit-queue').getByText('陈女士').waitFor();

    // The display shows the number without a reload (server-sent events), the surname masked.
    await display.page.getByTestId('display-waiting').getByText('001 陈*女士').waitFor();
    const shown = await board.textContent();
    expect(shown).not.toContain('陈女士');
    expect(shown).not.toContain('13612345678');
    expect(shown).not.toContain('物业费');

    // 李敏 calls the number from 我的接待.
    const staff = await signIn('li', 'li-password-1');
    await staff.page.goto(`${server.url}/visits?tab=staff`);
    // 李敏 works at 3号窗口: the display sends the visitors she calls there.
    await staff.page.getByTestId('desk-counter').fill('3号窗口');
    await staff.page.getByTestId('desk-counter').blur();
    await staff.page.getByTestId('staff-notice').getByText('窗口已设置').waitFor();
    const queue = staff.page.getByTestId('staff-queue');
    await queue.getByText('陈女士').waitFor();
    await staff.page.getByTestId('call-1').click();
    await staff.page.getByTestId('visit-card').getByText('正在接待：001 号 陈女士').waitFor();

    // The display calls 001 at once; nobody is waiting any more; reception sees who serves.
    await display.page.getByTestId('display-called-number').getByText('请 001 号到 3号窗口').waitFor();
    expect(await display.page.getByTestId('main-nav').count()).toBe(0);
    await display.page.getByTestId('display-waiting').getByText('—').waitFor();
    await reception.page.getByTestId('visit-queue').getByText('接待中').waitFor();
    const stored = (await server.ctx.visits.repo.listVisits({ limit: 10 }))[0]!;
    expect(stored).toMatchObject({ number: 1, status: 'serving', servedBy: 'li' });

    // Seeing the visitor off frees the desk and clears the display.
    await staff.page.getByTestId('finish-visit').click();
    await display.page.getByTestId('visit-display').getByText('请取号稍候').waitFor();
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
    for (const c of [display, reception, staff]) await c.context.close();
    // Three browser contexts on two shared cores: a ceiling for slow machines, not a timed assertion.
  }, 120_000);
});
