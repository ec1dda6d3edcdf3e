import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * Browser tests use Debian's Chromium, never a browser downloaded by Playwright: CI installs the
 * `chromium` package (see .ci/run), and a developer machine without it skips these tests.
 */
export const chromiumPath = '/usr/bin/chromium';

export function hasChromium(): boolean {
  return existsSync(chromiumPath);
}

/** The reason printed when browser tests are skipped, so a skip is never mistaken for a pass. */
export const chromiumMissingReason = `browser tests skipped: ${chromiumPath} not found (apt-get install -y chromium fonts-noto-cjk)`;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}
