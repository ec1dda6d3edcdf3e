/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebApp } from './build-web.js';
import { hasChromium, launchChromium } from './chromium.js';
import { signIn } from './sign-in.js';
import { startRealServer, type RunningServer } from './real-server.js';

// Issue #21: "script tabs readable at 1,440 px; the desk usable at 1,280 px". Readable means every
// tab's label is shown whole (not cut to 开场… by an ellipsis); usable means nothing of the desk is
// off to the right of the window.
describe.skipIf(!hasChromium())('the desk at the widths agents work at', () => {
  let server: RunningServer;
  let browser: Browser;
  const consoleErrors: string[] = [];

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

  it.each([1440, 1280])('at %i px every script tab reads whole and the desk fits the window', { timeout: 120_000 }, async (width) => {
    const { context, page } = await signIn(browser, server.url, 'ana', 'ana-password-1', { consoleErrors });
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${server.url}/desk`);
    const tabs = page.getByTestId('scripts').locator('.ant-segmented-item-label');
    await tabs.first().waitFor();
    const labels = await tabs.evaluateAll((els) => els.map((el) => ({ text: el.textContent ?? '', cut: el.scrollWidth > el.clientWidth + 1 })));
    expect(labels.length).toBeGreaterThanOrEqual(5);
    expect(labels.filter((l) => l.cut).map((l) => l.text), `cut at ${width}px`).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `desk wider than the window at ${width}px`).toBeLessThanOrEqual(1);
    await context.close();
    expect(consoleErrors).toEqual([]);
  });
});
