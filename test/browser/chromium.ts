import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

/**
 * Where browser tests save their screenshots (ends with `/`): the README's pictures in
 * docs/screenshots with KEFU_UPDATE_SCREENSHOTS=1, else a temporary folder, so that running the
 * tests does not change tracked files.
 */
export const screenshotDir =
  process.env.KEFU_UPDATE_SCREENSHOTS === '1' ? fileURLToPath(new URL('../../docs/screenshots/', import.meta.url)) : `${mkdtempSync(join(tmpdir(), 'kefu-screenshots-'))}/`;

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
