/// <reference lib="dom" />
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCtiEvents } from '../../src/core/calls/ingest-cti-events.js';
import { attachTranscript } from '../../src/core/calls/attach-transcript.js';
import { callRowId } from '../../src/adapters/db/repositories/call-repository.js';
import { buildWebApp } from './build-web.js';
import { hasChromium, launchChromium, screenshotDir } from './chromium.js';
import { signIn as signInAs } from './sign-in.js';
import { startRealServer, type RunningServer } from './real-server.js';

/** `seconds` of silence as a WAV file: the RIFF header of 8 kHz mono 16-bit PCM, then zero samples. */
function silentWav(seconds: number): Buffer {
  const rate = 8000;
  const data = rate * 2 * seconds;
  const b = Buffer.alloc(44 + data);
  b.write('RIFF', 0, 'ascii');
  b.writeUInt32LE(36 + data, 4);
  b.write('WAVE', 8, 'ascii');
  b.write('fmt ', 12, 'ascii');
  b.writeUInt32LE(16, 16); // fmt chunk size
  b.writeUInt16LE(1, 20); // PCM
  b.writeUInt16LE(1, 22); // mono
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * 2, 28); // bytes per second
  b.writeUInt16LE(2, 32); // block align
  b.writeUInt16LE(16, 34); // bits per sample
  b.write('data', 36, 'ascii');
  b.writeUInt32LE(data, 40);
  return b;
}

/**
 * The PBX's recordings as a web server serves them (nginx over /var/spool/asterisk/monitor): one
 * file, with byte ranges, which is how a browser's audio element seeks.
 */
async function serveRecordings(files: Record<string, Buffer>): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const file = files[path];
    if (file === undefined) {
      res.writeHead(404).end();
      return;
    }
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    if (range) {
      const start = range[1] === '' ? 0 : Number(range[1]);
      const end = range[2] === '' ? file.length - 1 : Math.min(Number(range[2]), file.length - 1);
      res.writeHead(206, { 'content-type': 'audio/wav', 'accept-ranges': 'bytes', 'content-range': `bytes ${start}-${end}/${file.length}`, 'content-length': end - start + 1 });
      res.end(file.subarray(start, end + 1));
      return;
    }
    res.writeHead(200, { 'content-type': 'audio/wav', 'accept-ranges': 'bytes', 'content-length': file.length });
    res.end(file);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

const T = Date.parse('2026-03-02T09:15:00+08:00');

// Issue #18: a call's recording plays on its review page from where the PBX serves it (Kefu stores
// no audio), the transcript following the audio. The real server and database in Debian's Chromium.
describe.skipIf(!hasChromium())('录音: the reviewer plays a call and jumps to an utterance', () => {
  let server: RunningServer;
  let recordings: Awaited<ReturnType<typeof serveRecordings>>;
  let browser: Browser;
  const consoleErrors: string[] = [];
  const withRecording = callRowId('cti', 'pbx-rec-1', '');
  const withoutRecording = callRowId('cti', 'pbx-rec-2', '');

  beforeAll(async () => {
    recordings = await serveRecordings({ '/monitor/2026/03/02/pbx-rec-1.wav': silentWav(20) });
    const dist = await buildWebApp();
    // The recordings server is another origin: the CSP's media-src lets the browser load audio from it.
    server = await startRealServer(dist, { KEFU_RECORDINGS_URL: `${recordings.url}/monitor/` });
    await server.ctx.users.createUser({ username: 'qin', password: 'qin-password-1', role: 'qa', displayName: '秦质检', team: null });
    await server.ctx.users.createUser({ username: 'ana', password: 'ana-password-1', role: 'agent', displayName: '安娜', team: '热线一组' });
    // The PBX connector's events: rung at T+1 s, answered at T+3 s (the recording starts there), the path on the hang-up.
    for (const [callId, recording] of [['pbx-rec-1', '2026/03/02/pbx-rec-1.wav'], ['pbx-rec-2', undefined]] as const) {
      await ingestCtiEvents(server.ctx.calls, [
        { type: 'offered', callId, at: T, queue: 'hotline', caller: '13800138000' },
        { type: 'ringing', callId, at: T + 1000, agent: 'ana' },
        { type: 'answered', callId, at: T + 3000, agent: 'ana' },
        { type: 'ended', callId, at: T + 25_000, by: 'customer', ...(recording !== undefined && { recording }) },
      ]);
      // Utterance times on the call's clock (ms from the ring answered; the answer is at 2000 ms).
      await attachTranscript(
        server.ctx.calls,
        callRowId('cti', callId, ''),
        {
          utterances: [
            { speaker: 'agent', text: '您好，这里是客服中心，请问有什么可以帮您？', start: 2200, end: 4000 },
            { speaker: 'customer', text: '我的账单多扣了五十元。', start: 4200, end: 5800 },
            { speaker: 'agent', text: '非常抱歉给您带来不便，我马上为您核实这笔费用。', start: 6000, end: 16_000 },
            { speaker: 'customer', text: '好的，谢谢。', start: 16_500, end: 18_000 },
          ],
        },
        'zh',
      );
    }
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await recordings?.close();
  });

  /** Notes every position the audio seeks to, as the page's audio element reports it. */
  const watchSeeks = (page: Page) =>
    page.evaluate(() => {
      const audio = document.querySelector<HTMLAudioElement>('[data-testid="recording"] audio')!;
      const seeks: number[] = [];
      (window as unknown as { seeks: number[] }).seeks = seeks;
      audio.addEventListener('seeking', () => seeks.push(audio.currentTime));
    });
  const seeks = (page: Page) => page.evaluate(() => (window as unknown as { seeks: number[] }).seeks);
  const audioState = (page: Page) =>
    page.evaluate(() => {
      const a = document.querySelector<HTMLAudioElement>('[data-testid="recording"] audio')!;
      return { src: a.currentSrc, currentTime: a.currentTime, duration: a.duration, readyState: a.readyState };
    });

  it("on the review page: the player loads the PBX's file, a click on the third line plays from its start and marks it", async () => {
    const { context, page } = await signInAs(browser, server.url, 'qin', 'qin-password-1', { consoleErrors });
    const csrf = (await context.cookies()).find((c) => c.name === 'kefu_csrf')?.value ?? '';
    const created = await context.request.post(`${server.url}/api/reviews`, { data: { callId: withRecording }, headers: { 'x-csrf-token': csrf } });
    expect(created.status(), await created.text()).toBe(201);
    const reviewId = ((await created.json()) as { id: string }).id;

    await page.goto(`${server.url}/reviews/${reviewId}`);
    const player = page.getByTestId('recording');
    await player.waitFor();
    expect(await player.textContent()).toContain('录音');
    expect(await player.textContent()).toContain('点击对话行可跳到该处播放');
    // The browser loads the file from the recordings server (CSP media-src allows that origin).
    await page.waitForFunction(() => (document.querySelector<HTMLAudioElement>('[data-testid="recording"] audio')?.readyState ?? 0) >= 1);
    const loaded = await audioState(page);
    expect(loaded.src).toBe(`${recordings.url}/monitor/2026/03/02/pbx-rec-1.wav`);
    expect(loaded.duration).toBeCloseTo(20, 0);
    expect(recordings.requests).toContain('/monitor/2026/03/02/pbx-rec-1.wav');

    await watchSeeks(page);
    const third = page.getByTestId('review-transcript').locator('[data-utterance="2"]');
    await third.click();
    // Its start is 6000 ms on the call's clock, 4.0 s into a recording that starts at the answer (2000 ms).
    await page.waitForFunction(() => (window as unknown as { seeks: number[] }).seeks.length > 0);
    const [seekedTo] = await seeks(page);
    expect(seekedTo).toBeGreaterThanOrEqual(3.5);
    expect(seekedTo).toBeLessThanOrEqual(4.5);
    // Playing on from there (never back before the line's start).
    expect((await audioState(page)).currentTime).toBeGreaterThanOrEqual(3.5);
    // The line being spoken is marked, and only that one.
    await page.locator('[data-testid="review-transcript"] [aria-current="true"]').waitFor();
    expect(await third.getAttribute('aria-current')).toBe('true');
    expect(await third.getAttribute('class')).toContain('kefu-speaking');
    expect(await page.locator('[data-testid="review-transcript"] [aria-current="true"]').count()).toBe(1);

    await page.screenshot({ path: `${screenshotDir}recording-review.png` });
    // The click is the user's gesture: the audio plays on.
    await page.waitForFunction(() => !document.querySelector<HTMLAudioElement>('[data-testid="recording"] audio')!.paused);

    // Paused and moved on the player itself to 15 s of audio (17,000 ms on the call's clock): the fourth line is the one marked.
    await page.evaluate(() => {
      const audio = document.querySelector<HTMLAudioElement>('[data-testid="recording"] audio')!;
      audio.pause();
      audio.currentTime = 15;
    });
    await page.locator('[data-testid="review-transcript"] [aria-current="true"][data-utterance="3"]').waitFor();
    expect(await third.getAttribute('aria-current')).toBeNull();

    // The first line takes it back to the first utterance (0.2 s in).
    await page.getByTestId('review-transcript').locator('[data-utterance="0"]').click();
    await page.waitForFunction(() => (window as unknown as { seeks: number[] }).seeks.length > 2);
    expect((await seeks(page))[2]).toBeLessThanOrEqual(0.7);

    // #21: the reviewer disagrees with a check and gives a reason, then switches to English: the
    // checks are worded again in English, and the verdict and reason not yet submitted stay.
    await page.getByTestId('review-screen').getByText('不同意', { exact: true }).first().click();
    const reason = page.getByPlaceholder('不同意的理由').first();
    await reason.fill('录音里已说明处理时限');
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    const reasonEn = page.getByPlaceholder('Why you disagree').first();
    await reasonEn.waitFor();
    expect(await reasonEn.inputValue()).toBe('录音里已说明处理时限');
    await expect.poll(() => page.locator('[data-testid="review-screen"] .ant-radio-button-wrapper-checked').allTextContents()).toContain('Disagree');
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
    await context.close();
  });

  it("on the call's quality page the same; a call without a recording says so quietly", async () => {
    const { context, page } = await signInAs(browser, server.url, 'qin', 'qin-password-1', { consoleErrors });
    await page.goto(`${server.url}/quality/calls/${withRecording}`);
    await page.getByTestId('recording').waitFor();
    await page.getByTestId('transcript').waitFor();
    await page.waitForFunction(() => (document.querySelector<HTMLAudioElement>('[data-testid="recording"] audio')?.readyState ?? 0) >= 1);
    await watchSeeks(page);
    await page.getByTestId('transcript').locator('[data-utterance="2"]').click();
    await page.waitForFunction(() => (window as unknown as { seeks: number[] }).seeks.length > 0);
    const [seekedTo] = await seeks(page);
    expect(Math.abs(seekedTo! - 4)).toBeLessThanOrEqual(0.5);
    await page.locator('[data-testid="transcript"] [aria-current="true"][data-utterance="2"]').waitFor();

    await page.goto(`${server.url}/quality/calls/${withoutRecording}`);
    await page.getByTestId('transcript').waitFor();
    expect(await page.getByTestId('no-recording').textContent()).toBe('本通话无录音');
    expect(await page.locator('audio').count()).toBe(0);
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
    await context.close();
  });
});
