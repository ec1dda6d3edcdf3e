import type { Browser, BrowserContext, Page } from 'playwright-core';

export interface SignInOptions {
  /** Console errors of the page are pushed here, except those `expectedErrors` matches. */
  consoleErrors: string[];
  /** Errors the test causes on purpose (the browser logs every 4xx it loads); 401 before signing in always is. */
  expectedErrors?: RegExp;
  acceptDownloads?: boolean;
  defaultTimeoutMs?: number;
  /** The browser's time zone (an IANA name); the machine's when not given. */
  timezoneId?: string;
}

/** A fresh browser context signed in through the login page, as a user would, at a desktop size. */
export async function signIn(browser: Browser, url: string, username: string, password: string, o: SignInOptions): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 }, ...(o.acceptDownloads && { acceptDownloads: true }), ...(o.timezoneId && { timezoneId: o.timezoneId }) });
  const page = await context.newPage();
  if (o.defaultTimeoutMs) page.setDefaultTimeout(o.defaultTimeoutMs);
  page.on('console', (m) => {
    if (m.type() === 'error' && !/401/.test(m.text()) && !(o.expectedErrors?.test(m.text()) ?? false)) o.consoleErrors.push(m.text());
  });
  await page.goto(url + '/');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('main-nav').waitFor();
  return { context, page };
}
