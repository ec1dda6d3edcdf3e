import { chromium } from 'playwright-core';
const url = 'http://127.0.0.1:3900';
const users = [['zhou','agent'],['chen','supervisor'],['lin','qa'],['zhao','manager'],['admin','admin']];
const modules = ['desk','dashboard','quality','tickets','customers','callbacks','reports','settings','reviews','knowledge','visits'];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const locale = process.argv[2] ?? 'en';
for (const [u] of users) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  await context.addInitScript((l) => localStorage.setItem('kefu.locale', l), locale);
  const page = await context.newPage();
  await page.goto(url + '/');
  await page.locator('input').nth(0).fill(u);
  await page.locator('input[type=password]').fill('kefu-demo-2026');
  await page.locator('button[type=submit]').click();
  await page.getByTestId('main-nav').waitFor();
  for (const m of modules) {
    const resp = await page.goto(`${url}/${m}`);
    await page.waitForTimeout(1500);
    const text = await page.locator('main, .ant-layout-content').first().innerText().catch(() => '');
    const bad = locale === 'en'
      ? [...new Set(text.match(/[\u4e00-\u9fff][\u4e00-\u9fff\w（）：、，]*/g) ?? [])]
      : [...new Set(text.match(/\b[a-zA-Z_]{4,}\b/g) ?? [])];
    console.log(`${u} ${m}: ${bad.slice(0, 40).join(' | ')}`);
    await page.screenshot({ path: `/tmp/walk/${locale}-${u}-${m}.png` });
  }
  await context.close();
}
await browser.close();
