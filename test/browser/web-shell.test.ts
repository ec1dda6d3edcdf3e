import { mkdir, rm } from 'node:fs/promises';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebApp } from './build-web.js';
import { chromiumMissingReason, hasChromium, launchChromium, screenshotDir } from './chromium.js';
import { serveStatic, type StaticServer } from './static-server.js';

/*
 * The web shell against a stand-in for the auth API, answering exactly as CONTRACT.md and the
 * server's auth routes do (status codes, error shape, cookies). The end-to-end login against the
 * real server is a separate test; this one pins what the page does with each answer.
 */


type Role = 'agent' | 'supervisor' | 'qa' | 'manager' | 'admin';

interface FakeAuthApi {
  /** Headers of every non-GET request, to check the CSRF header. */
  writes: { url: string; method: string; csrf: string | undefined }[];
}

const accounts: Record<string, { password: string; role: Role; displayName: string }> = {
  ana: { password: 'ana-pass-2024', role: 'agent', displayName: '安娜' },
  admin: { password: 'admin-pass-2024', role: 'admin', displayName: '系统管理员' },
};

function errorBody(code: string, message: string) {
  return JSON.stringify({ error: { code, message, fields: [] } });
}

async function installFakeAuthApi(context: BrowserContext, baseUrl: string): Promise<FakeAuthApi> {
  const api: FakeAuthApi = { writes: [] };
  let sessionUser: string | null = null;
  await context.route('**/api/**', async (route: Route) => {
    const request = route.request();
    const path = new URL(request.url()).pathname;
    if (request.method() !== 'GET') {
      api.writes.push({ url: path, method: request.method(), csrf: request.headers()['x-csrf-token'] });
    }
    const json = (status: number, body: string) => route.fulfill({ status, contentType: 'application/json', body });
    // The desk and dashboard open the live event stream; an empty one keeps them quiet here.
    if (path === '/api/events/stream') return route.fulfill({ status: 200, contentType: 'text/event-stream', body: ': connected\n\n' });
    const userBody = (username: string) => {
      const account = accounts[username]!;
      return { id: username === 'admin' ? 1 : 2, username, displayName: account.displayName, role: account.role };
    };

    if (path === '/api/auth/me' && request.method() === 'GET') {
      return sessionUser
        ? json(200, JSON.stringify({ user: userBody(sessionUser), csrfToken: 'csrf-token-1' }))
        : json(401, errorBody('UNAUTHENTICATED', 'Not logged in'));
    }
    if (path === '/api/auth/login' && request.method() === 'POST') {
      const { username, password } = request.postDataJSON() as { username: string; password: string };
      if (username === 'flood') return json(429, errorBody('RATE_LIMITED', 'Too many login attempts'));
      const account = accounts[username];
      if (!account || account.password !== password) return json(401, errorBody('UNAUTHENTICATED', 'Invalid credentials'));
      sessionUser = username;
      await context.addCookies([{ name: 'kefu_csrf', value: 'csrf-token-1', url: baseUrl }]);
      return json(200, JSON.stringify({ user: userBody(username), csrfToken: 'csrf-token-1' }));
    }
    if (path === '/api/auth/logout' && request.method() === 'POST') {
      sessionUser = null;
      return route.fulfill({ status: 204 });
    }
    return json(404, errorBody('NOT_FOUND', `No route ${path}`));
  });
  return api;
}

/** Console errors other than the browser's own log line for an HTTP error status (the 401 of the session probe). */
function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

async function logIn(page: Page, username: string, password: string) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

describe.skipIf(!hasChromium())('web shell in Chromium', () => {
  let distDir: string;
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    distDir = await buildWebApp();
    server = await serveStatic(distDir);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (distDir) await rm(distDir, { recursive: true, force: true });
  });

  async function openPage(): Promise<{ page: Page; api: FakeAuthApi; consoleErrors: string[]; context: BrowserContext }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const api = await installFakeAuthApi(context, server.url);
    const page = await context.newPage();
    const consoleErrors = collectConsoleErrors(page);
    return { page, api, consoleErrors, context };
  }

  it('sends an anonymous visitor to the login page, in Simplified Chinese', async () => {
    const { page, consoleErrors, context } = await openPage();
    await page.goto(`${server.url}/tickets`);
    await page.waitForURL('**/login');
    await expect(page.title()).resolves.toBe('客服中心 · Kefu');
    await page.getByRole('heading', { name: '登录客服中心' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await mkdir(screenshotDir, { recursive: true });
    await page.screenshot({ path: `${screenshotDir}login.png` });
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('names the missing fields when the form is sent empty', async () => {
    const { page, api, context } = await openPage();
    await page.goto(`${server.url}/login`);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('请输入用户名').waitFor();
    await page.getByText('请输入密码').waitFor();
    expect(api.writes).toEqual([]);
    await context.close();
  });

  it('says "用户名或密码错误" for a wrong password and "尝试次数过多" when rate limited', async () => {
    const { page, context } = await openPage();
    await page.goto(`${server.url}/login`);
    await logIn(page, 'ana', 'wrong');
    await expect(page.getByTestId('login-error').textContent()).resolves.toContain('用户名或密码错误');
    expect(await page.getByLabel('密码').inputValue()).toBe('');

    await logIn(page, 'flood', 'whatever');
    await page.getByText('尝试次数过多，请稍后再试').waitFor();
    expect(page.url()).toBe(`${server.url}/login`);
    await context.close();
  });

  it('shows an agent the desk and no settings; settings by address says it is not allowed', async () => {
    const { page, api, consoleErrors, context } = await openPage();
    await page.goto(`${server.url}/`);
    await page.waitForURL('**/login');
    await logIn(page, 'ana', 'ana-pass-2024');
    await page.waitForURL('**/desk');
    const nav = page.getByTestId('main-nav');
    await nav.getByText('坐席工作台').waitFor();
    const labels = await nav.locator('a').allTextContents();
    expect(labels).toEqual(['坐席工作台', '工单', '客户', '回访', '质检复核', '知识库', '来访接待']);
    await page.getByTestId('live-call').waitFor();
    await page.screenshot({ path: `${screenshotDir}shell-agent.png` });

    await page.goto(`${server.url}/settings`);
    await page.getByText('无权访问此页面').waitFor();
    await page.getByRole('button', { name: '返回首页' }).click();
    await page.waitForURL('**/desk');

    // The desk re-renders every second (its clocks): a click that lands while the menu is still opening can
    // miss it (seen about once in five runs on a loaded box, with no logout sent), so the user's second try is
    // part of the test. What must hold: one logout, with the CSRF token, and the login page after it.
    const loggedOut = () => api.writes.some((w) => w.url === '/api/auth/logout');
    for (let attempt = 0; attempt < 3 && !loggedOut(); attempt++) {
      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: '退出登录' }).click({ timeout: 10_000 }).catch(() => undefined);
      await page.waitForURL('**/login', { timeout: 5_000 }).catch(() => undefined);
    }
    await page.waitForURL('**/login');
    expect(api.writes.at(-1)).toEqual({ url: '/api/auth/logout', method: 'POST', csrf: 'csrf-token-1' });
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('shows an administrator every module, each not yet built an honest empty state, and the settings sections', async () => {
    const { page, consoleErrors, context } = await openPage();
    await page.goto(`${server.url}/login`);
    await logIn(page, 'admin', 'admin-pass-2024');
    await page.waitForURL('**/dashboard');
    const nav = page.getByTestId('main-nav');
    await nav.getByText('设置', { exact: true }).waitFor();
    const labels = await nav.locator('a').allTextContents();
    expect(labels).toEqual(['坐席工作台', '主管看板', '质检', '工单', '客户', '回访', '报表', '设置', '质检复核', '知识库', '来访接待']);
    // 质检 and 设置 are built (tested against the real server in quality-settings-e2e.test.ts).
    // 坐席工作台, 主管看板, 工单, 客户 and 报表 are built too (desk-e2e.test.ts), 回访 in callbacks-e2e.test.ts; here they only need to open.
    for (const label of labels.filter((label) => label !== '设置' && label !== '质检')) {
      await nav.getByText(label, { exact: true }).click();
      await page.locator('.kefu-shell__title', { hasText: label }).waitFor();
      if (label === '回访') await page.getByTestId('callback-task-list').waitFor();
      if (label === '来访接待') await page.getByTestId('reception-view').waitFor();
    }
    await nav.getByText('设置', { exact: true }).click();
    for (const tab of ['服务标准', '工作日历', '用户与角色']) await page.getByRole('tab', { name: tab }).waitFor();
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('returns to the page asked for after login, unless the role may not open it', async () => {
    const { page, context } = await openPage();
    await page.goto(`${server.url}/customers`);
    await page.waitForURL('**/login');
    await logIn(page, 'ana', 'ana-pass-2024');
    await page.waitForURL('**/customers');

    await page.getByTestId('user-menu').click();
    await page.getByText('退出登录').click();
    await page.waitForURL('**/login');
    await page.goto(`${server.url}/settings`);
    await page.waitForURL('**/login');
    await logIn(page, 'ana', 'ana-pass-2024');
    await page.waitForURL('**/desk');
    await context.close();
  });

  it('switches to Traditional Chinese and remembers it after a reload', async () => {
    const { page, context } = await openPage();
    await page.goto(`${server.url}/login`);
    await logIn(page, 'admin', 'admin-pass-2024');
    await page.waitForURL('**/dashboard');
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: '繁體中文' }).click();
    await page.getByTestId('main-nav').getByText('設定', { exact: true }).waitFor();
    await page.reload();
    await page.getByTestId('main-nav').getByText('客服工作台', { exact: true }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-TW');
    await context.close();
  });
});

if (!hasChromium()) console.warn(chromiumMissingReason);
