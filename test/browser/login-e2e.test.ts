/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebApp } from './build-web.js';
import { chromiumMissingReason, hasChromium, launchChromium } from './chromium.js';
import { startRealServer, type RunningServer } from './real-server.js';

// End to end: the real server (real database, real auth routes) serving the real web build,
// driven by Debian's Chromium.
describe.skipIf(!hasChromium())('signing in through the page against the real server', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    const dist = await buildWebApp();
    server = await startRealServer(dist);
    await server.ctx.users.createUser({ username: 'ana', password: 'ana-password-1', role: 'agent', displayName: '安娜' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signIn(page: Page, username: string, password: string): Promise<void> {
    await page.goto(server.url + '/');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
  }

  it('the admin signs in and sees the navigation, including settings', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      // Including the anonymous /api/auth/me probe on first load: it answers `user: null`, not 401.
      if (m.type() === 'error') errors.push(m.text());
    });
    await signIn(page, 'admin', 'admin-pass-2026');
    const nav = page.getByTestId('main-nav');
    await nav.getByText('坐席工作台').waitFor();
    const labels = await nav.locator('a').allTextContents();
    expect(labels.join(' ')).toContain('设置');
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'kefu_session')?.httpOnly).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an agent signs in, sees no settings, and a wrong password is refused on the page', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, 'ana', 'wrong-password');
    await expect(page.getByTestId('login-error').textContent()).resolves.toContain('用户名或密码错误');
    await page.getByLabel('用户名').fill('ana');
    await page.getByLabel('密码').fill('ana-password-1');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    const nav = page.getByTestId('main-nav');
    await nav.getByText('坐席工作台').waitFor();
    expect((await nav.locator('a').allTextContents()).join(' ')).not.toContain('设置');
    // The server refuses the admin API to the agent whatever the page shows.
    const answer = await page.evaluate(async () => {
      const csrf = /kefu_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
      const res = await fetch('/api/users', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: '{}' });
      return { status: res.status, body: await res.text() };
    });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('roles: admin');
    await context.close();
  });
});

if (!hasChromium()) console.warn(chromiumMissingReason);
