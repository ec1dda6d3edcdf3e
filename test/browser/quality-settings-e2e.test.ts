/// <reference lib="dom" />
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebApp } from './build-web.js';
import { chromiumMissingReason, hasChromium, launchChromium, screenshotDir } from './chromium.js';
import { startRealServer, type RunningServer } from './real-server.js';

// The quality review and settings screens against the real server (real database, real standard
// pack, real inspection engine), driven by Debian's Chromium. Screenshots go to docs/screenshots/.

const badCallPath = fileURLToPath(new URL('../../examples/transcripts/bad-call.json', import.meta.url));

describe.skipIf(!hasChromium())('quality review and settings against the real server', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    const dist = await buildWebApp();
    server = await startRealServer(dist);
    await server.ctx.users.createUser({ username: 'qiu', password: 'qiu-password-1', role: 'qa', displayName: '邱质检' });
    await server.ctx.users.createUser({ username: 'ana', password: 'ana-password-1', role: 'agent', displayName: '安娜' });
    browser = await launchChromium();
    await mkdir(screenshotDir, { recursive: true });
    token = await server.ctx.users.issueApiToken('admin', 'e2e', { id: null, name: 'e2e' });
  });
  let token: string;

  /** What a PBX connector or a script does: the HTTP API with a Bearer token. */
  async function callApi<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(server.url + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Signs in from `startAt` (the login page returns there), so a test opens only the screens it is about. */
  async function signedIn(username: string, password: string, startAt = '/login'): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 1280 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      // The browser logs every HTTP error status (the anonymous 401 probe, a 400 the test provokes).
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url + startAt);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('main-nav').waitFor();
    return { page, context, errors };
  }

  it('a call’s quality page highlights the taboo phrase 我不知道 with its suggested wording, the timeline and the standard version', async () => {
    // A live call from CTI events, then its transcript: stored, inspected, listed.
    const at = (seconds: number) => Date.parse('2026-03-02T10:02:00+08:00') + seconds * 1000;
    await callApi('POST', '/api/cti/events', {
      events: [
        { type: 'offered', callId: 'pbx-7001', at: at(0), queue: 'hotline', caller: '13800001111' },
        { type: 'ringing', callId: 'pbx-7001', at: at(0), agent: 'A022' },
        { type: 'answered', callId: 'pbx-7001', at: at(9), agent: 'A022' },
        { type: 'hold', callId: 'pbx-7001', at: at(28) },
        { type: 'unhold', callId: 'pbx-7001', at: at(86) },
        { type: 'ended', callId: 'pbx-7001', at: at(97), by: 'agent' },
      ],
    });
    const listed = await callApi<{ items: { id: string; externalId: string }[] }>('GET', '/api/calls');
    const call = listed.items.find((c) => c.externalId === 'pbx-7001')!;
    const attached = await callApi<{ quality: { score: number; standard: string; checks: { rule: string; ok: boolean | null; suggestion?: string }[] } }>(
      'POST',
      `/api/calls/${call.id}/transcript`,
      JSON.parse(await readFile(badCallPath, 'utf8')),
    );
    const suggestion = attached.quality.checks.find((c) => c.rule === 'PH-TABOO' && c.ok === false)?.suggestion;
    expect(suggestion).toBeTruthy();

    const { page, context, errors } = await signedIn('qiu', 'qiu-password-1');
    await page.waitForURL('**/quality');
    const row = page.getByTestId('call-list').locator('tr', { hasText: 'A022' });
    await row.waitFor();
    expect(await row.textContent()).toContain(String(attached.quality.score));
    // Filters go into the address and the list follows them.
    // The agent is picked by name (安娜, who took no calls); the filter sends her username.
    await page.getByLabel('坐席').click();
    await page.getByLabel('坐席').fill('安娜');
    await page.locator('.ant-select-item-option', { hasText: '安娜' }).click();
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL('**/quality?agent=ana');
    await page.getByText('该条件下没有通话或会话').waitFor();
    // Failed-rule and fatal filters: the call failed PH-TABOO (fatal), and TR-WHY did not apply to it.
    await page.goto(server.url + '/quality?rule=PH-TABOO&fatal=1');
    await row.waitFor();
    await page.goto(server.url + '/quality?rule=TR-WHY');
    await page.getByText('该条件下没有通话或会话').waitFor();
    await page.goto(server.url + '/quality');
    await row.getByRole('link').click();
    await page.waitForURL(`**/quality/calls/${call.id}`);

    const taboo = page.locator('mark[data-rule~="PH-TABOO"]');
    await taboo.waitFor();
    expect(await taboo.textContent()).toBe('我不知道');
    await expect(page.getByTestId('standard-version').textContent()).resolves.toBe(attached.quality.standard);
    await expect(page.getByTestId('hung-up-by').textContent()).resolves.toBe('坐席先挂机');
    expect(await page.locator('.kefu-timeline__bar .kefu-timeline__phase--hold').count()).toBe(1);
    await page.locator('canvas').first().waitFor();
    await page.getByTestId('score').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -80));
    await taboo.focus();
    const popover = page.locator('.ant-popover:visible .kefu-finding-popover');
    await popover.waitFor();
    expect(await popover.textContent()).toContain(suggestion!);
    // Let the popover's fade-in finish so the screenshot shows it fully drawn (not an assertion).
    await page.waitForTimeout(600);
    await page.screenshot({ path: `${screenshotDir}quality-call.png` });
    expect(errors, errors.join("\n")).toEqual([]);
    await context.close();
  });

  it('试检 of bad-call.json highlights the taboo phrase 我不知道 with the standard’s suggested wording', async () => {
    const { page, context, errors } = await signedIn('qiu', 'qiu-password-1');
    await page.waitForURL('**/quality');
    await page.getByRole('tab', { name: '试检' }).click();
    await page.waitForURL('**/quality/try');
    await page.getByTestId('transcript-input').fill(await readFile(badCallPath, 'utf8'));
    await page.getByRole('button', { name: '开始试检' }).click();

    const taboo = page.locator('mark[data-rule~="PH-TABOO"]');
    await taboo.waitFor();
    expect(await taboo.textContent()).toBe('我不知道');
    // The server's own answer for the same transcript: the page shows its suggestion, not a made-up one.
    const expected = await page.evaluate(async (body) => {
      const csrf = /kefu_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
      const res = await fetch('/api/qa/inspect', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body });
      return (await res.json()) as { score: number; standard: string; checks: { rule: string; ok: boolean | null; suggestion?: string }[] };
    }, await readFile(badCallPath, 'utf8'));
    const suggestion = expected.checks.find((c) => c.rule === 'PH-TABOO' && c.ok === false)?.suggestion;
    expect(suggestion).toBeTruthy();

    await taboo.focus();
    const popover = page.locator('.ant-popover:visible .kefu-finding-popover');
    await popover.waitFor();
    expect(await popover.textContent()).toContain(suggestion!);
    await expect(page.getByTestId('score').textContent()).resolves.toContain(String(expected.score));
    await expect(page.getByTestId('standard-version').textContent()).resolves.toBe(expected.standard);
    // Timeline: the agent hung up; the hold is drawn.
    await expect(page.getByTestId('hung-up-by').textContent()).resolves.toBe('坐席先挂机');
    expect(await page.locator('.kefu-timeline__bar .kefu-timeline__phase--hold').count()).toBe(1);
    // Jump to quote from the failed-check list focuses the mark.
    await page.getByTestId('failed-checks').locator('li', { hasText: 'PH-TABOO' }).getByRole('button', { name: /定位到原话/ }).click();
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('我不知道');
    await page.locator('canvas').first().waitFor();
    expect(errors, errors.join("\n")).toEqual([]);
    await context.close();
  });

  it('saving a broken pack shows the error at its line, and a good save makes a new version with a diff', async () => {
    const { page, context, errors } = await signedIn('qiu', 'qiu-password-1');
    await page.goto(server.url + '/settings/standard');
    const editor = page.getByTestId('pack-editor');
    await editor.waitFor();
    await expect(editor.inputValue()).resolves.toContain('kind: speech-rate');
    await page.getByRole('button', { name: '修改' }).click();
    const original = await editor.inputValue();
    const broken = original.replace('kind: speech-rate', 'kind: speed-rate');
    const brokenLine = broken.split('\n').findIndex((line) => line.includes('kind: speed-rate')) + 1;
    await editor.fill(broken);
    await page.getByLabel('修改说明').fill('试一个错的 kind');
    await page.getByRole('button', { name: '保存为新版本' }).click();

    const errorList = page.getByTestId('pack-errors');
    await errorList.waitFor();
    expect(await errorList.textContent()).toContain(`第 ${brokenLine} 行`);
    // The rule by its id, as the pack's author knows it, not its position in the list.
    expect(await errorList.textContent()).toContain('rules[PH-RATE].kind');
    // What is wrong in the reader's language (issue #21), not the server's English sentence.
    expect(await errorList.textContent()).toContain('请从以下选项中选择');
    expect(await errorList.textContent()).not.toContain('unknown rule kind');
    await expect(page.locator(`[data-error-line="${brokenLine}"]`).count()).resolves.toBe(1);
    await page.screenshot({ path: `${screenshotDir}settings-standard.png`, fullPage: false });

    // Fix it and change one phrase instead: saved as version 2, listed in the history, shown in the diff.
    await editor.fill(original.replace('title: 语速每分钟 200–220 字', 'title: 语速每分钟 200 至 220 字'));
    await page.getByRole('button', { name: '保存为新版本' }).click();
    await page.getByText('已保存为第 2 版').waitFor();
    await page.getByRole('cell', { name: 'v2', exact: true }).waitFor();
    const diff = page.getByTestId('pack-diff');
    await diff.waitFor();
    expect(await diff.locator('.kefu-diff__line--removed').textContent()).toContain('200–220');
    expect(await diff.locator('.kefu-diff__line--added').textContent()).toContain('200 至 220');
    expect(errors, errors.join("\n")).toEqual([]);
    await context.close();
  });

  it('the administrator sees the calendar year with holidays and make-up working days, and creates a user', async () => {
    const { page, context, errors } = await signedIn('admin', 'admin-pass-2026', '/settings');
    await page.waitForURL('**/settings/standard');
    await page.getByTestId('main-nav').getByText('设置', { exact: true }).waitFor();
    await page.getByRole('tab', { name: '工作日历' }).click();
    await page.waitForURL('**/settings/calendars');
    await page.getByTestId('calendar-year').locator('[data-kind="holiday"]').first().waitFor();
    expect(await page.locator('[data-kind="makeup-workday"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${screenshotDir}settings-calendar.png`, fullPage: true });

    await page.getByRole('tab', { name: '用户与角色' }).click();
    await page.getByRole('cell', { name: 'qiu', exact: true }).first().waitFor();
    await page.getByRole('button', { name: '新增用户' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill('bo');
    await dialog.getByLabel('初始密码').fill('short');
    await dialog.getByRole('button', { name: '创建' }).click();
    await dialog.getByText('密码至少 8 位').waitFor();
    await dialog.getByLabel('初始密码').fill('bo-password-1');
    await dialog.getByRole('button', { name: '创建' }).click();
    await page.getByRole('cell', { name: 'bo', exact: true }).first().waitFor();
    expect((await server.ctx.users.list()).some((u) => u.username === 'bo' && u.role === 'agent')).toBe(true);
    expect(errors, errors.join("\n")).toEqual([]);
    await context.close();
  });

  it('an agent cannot reach settings, neither by the navigation nor by address', async () => {
    const { page, context } = await signedIn('ana', 'ana-password-1');
    // Whole labels: an agent does see 质检复核 (their own reviews, appeals and drills), never 质检 itself.
    const labels = await page.getByTestId('main-nav').locator('a').allTextContents();
    expect(labels).not.toContain('设置');
    expect(labels).not.toContain('质检');
    for (const address of ['/settings', '/settings/standard', '/settings/users']) {
      await page.goto(server.url + address);
      await page.getByTestId('forbidden').waitFor();
    }
    await expect(page.getByTestId('pack-editor').count()).resolves.toBe(0);
    await context.close();
  });
});

if (!hasChromium()) console.warn(chromiumMissingReason);
