import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-io.js';
import { createAppContext } from '../../../app.js';
import { loadConfig } from '../../../config.js';

const fixtures = fileURLToPath(new URL('../../../../test/fixtures/holiday-cn/', import.meta.url));

function freshEnv(): NodeJS.ProcessEnv {
  return { KEFU_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'kefu-cal-cli-')), KEFU_TZ: '' };
}

describe('kefu calendar', () => {
  it('answers the acceptance examples', async () => {
    const env = freshEnv();
    expect(await runCli(['calendar', 'add-workdays', '2025-09-30', '3'], { env })).toEqual({ code: 0, stdout: '2025-10-11\n', stderr: '' });
    expect(await runCli(['calendar', 'is-workday', '2026-02-14'], { env })).toEqual({ code: 0, stdout: 'true\n', stderr: '' });
    expect(await runCli(['calendar', 'is-workday', '2026-02-16'], { env })).toMatchObject({ code: 0, stdout: 'false\n' });
    expect(await runCli(['calendar', 'deadline', '2025-09-30T16:00:00+08:00', '2wd'], { env })).toEqual({
      code: 0,
      stdout: '2025-10-10T16:00:00+08:00\n',
      stderr: '',
    });
    expect((await runCli(['calendar', 'deadline', '2025-09-30T16:00:00+08:00', '8bh'], { env })).stdout).toBe('2025-10-09T16:00:00+08:00\n');
  });

  it('computes deadlines in another zone across daylight-saving time', async () => {
    const env = freshEnv();
    const spring = await runCli(['calendar', 'deadline', '2026-03-27T10:00:00+01:00', '2wd', '--tz', 'Europe/Berlin'], { env });
    expect(spring.stdout).toBe('2026-03-31T10:00:00+02:00\n');
    const clock = await runCli(['calendar', 'deadline', '2026-10-24T12:00', '24h', '--tz', 'Europe/Berlin'], { env });
    expect(clock.stdout).toBe('2026-10-25T11:00:00+01:00\n');
    const fromEnv = await runCli(['calendar', 'deadline', '2026-03-28T12:00:00+01:00', '24h'], { env: { ...env, KEFU_TZ: 'Europe/Berlin' } });
    expect(fromEnv.stdout).toBe('2026-03-29T13:00:00+02:00\n');
    expect((await runCli(['calendar', 'deadline', '2026-03-28T12:00', '1h', '--tz', 'Mars/Base'], { env })).code).toBe(2);
  });

  it('names each bad value and exits 1', async () => {
    const env = freshEnv();
    const cases: [string[], RegExp][] = [
      [['is-workday', '2026-02-30'], /invalid date "2026-02-30"/],
      [['is-workday', '2026-13-01'], /invalid date "2026-13-01"/],
      [['is-workday', 'abc'], /invalid date "abc"/],
      [['add-workdays', '2026-01-05', '-1'], /invalid number of working days "-1"/],
      [['add-workdays', '2026-01-05', '1.5'], /invalid number of working days "1.5"/],
      [['deadline', '2026-01-05T09:00:00+08:00', '3d'], /invalid duration "3d": unknown unit "d"/],
      [['deadline', '2026-02-30T09:00:00+08:00', '3h'], /invalid date-time "2026-02-30T09:00:00\+08:00"/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(['calendar', ...args], { env });
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(message);
    }
    expect((await runCli(['calendar', 'add-workdays', '2026-01-05'], { env })).code).toBe(2);
  });

  it('answers a --stdin batch line by line, reporting bad lines and going on', async () => {
    const env = freshEnv();
    const run = await runCli(['calendar', 'add-workdays', '--stdin'], { env, stdin: '2025-09-30 3\n2026-02-30 1\n2026-02-13 1\nabc\n2025-12-31 1\n' });
    expect(run.code).toBe(1);
    // 2026-01-04 is a make-up Sunday after the New Year holiday.
    expect(run.stdout).toBe('2025-10-11\n\n2026-02-14\n\n2026-01-04\n');
    expect(run.stderr).toMatch(/line 2: invalid date "2026-02-30"/);
    expect(run.stderr).toMatch(/line 4: expected <date> <n>, got "abc"/);
    const deadlines = await runCli(['calendar', 'deadline', '--stdin'], { env, stdin: '2025-09-30T16:00:00+08:00 2wd\r\n2025-09-30T16:00:00+08:00 24h\r\n' });
    expect(deadlines).toEqual({ code: 0, stdout: '2025-10-10T16:00:00+08:00\n2025-10-01T16:00:00+08:00\n', stderr: '' });
  });

  it('warns on stderr when a year has no official data', async () => {
    const env = freshEnv();
    const run = await runCli(['calendar', 'is-workday', '--stdin'], { env, stdin: '2027-01-01\n2027-01-04\n2026-01-01\n' });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('true\ntrue\nfalse\n');
    expect(run.stderr).toMatch(/warning: line 1: no official holiday data for 2027/);
    const status = await runCli(['calendar', 'status'], { env });
    expect(status.stdout).toContain('covered years: 2020 2021 2022 2023 2024 2025 2026\n');
  });

  it('imports a newer year, and rejects a bad file whole', async () => {
    const env = freshEnv();
    const dir = env.KEFU_DATA_DIR ?? '';
    const bad = path.join(dir, '2028.json');
    writeFileSync(bad, JSON.stringify({ year: 2028, papers: [], days: [{ name: '元旦', date: '2028-01-01', isOffDay: true }, { name: '春节', date: '2028-02-30', isOffDay: true }] }));
    const rejected = await runCli(['calendar', 'import', bad, path.join(fixtures, '2027-empty.json')], { env });
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toMatch(/2028.json is not valid holiday data: days.1.date: invalid date "2028-02-30"/);
    expect(rejected.stderr).toMatch(/2027-empty.json is not valid holiday data: days: no days listed/);
    // Nothing valid to store, so not even an empty database was created.
    expect(existsSync(path.join(dir, 'kefu.sqlite'))).toBe(false);
    expect((await runCli(['calendar', 'status'], { env })).stdout).not.toMatch(/2027|2028/);

    // A made-up 2027 notice: New Year's Day off, Sunday 2027-01-03 a make-up working day.
    const next = path.join(dir, '2027.json');
    writeFileSync(next, JSON.stringify({ year: 2027, papers: ['https://example.invalid/notice'], days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }, { name: '元旦', date: '2027-01-03', isOffDay: false }] }));
    const imported = await runCli(['calendar', 'import', next], { env });
    expect(imported).toEqual({ code: 0, stdout: 'imported 2027: 1 days off, 1 make-up working days\n', stderr: '' });
    const after = await runCli(['calendar', 'is-workday', '--stdin'], { env, stdin: '2027-01-01\n2027-01-03\n' });
    expect(after).toEqual({ code: 0, stdout: 'false\ntrue\n', stderr: '' });
    const status = await runCli(['calendar', 'status'], { env });
    expect(status.stdout).toContain('covered years: 2020 2021 2022 2023 2024 2025 2026 2027\n');
    expect(status.stdout).toMatch(/2027 {2}imported/);
    expect(status.stdout).toContain(`imported years stored in: ${path.join(dir, 'kefu.sqlite')}`);

    // The server reads the same database: its calendars see the imported year.
    const ctx = await createAppContext(loadConfig({ KEFU_DATA_DIR: dir }));
    try {
      expect((await ctx.calendars.get()).isWorkday('2027-01-03')).toMatchObject({ workday: true, covered: true, name: '元旦' });
      expect((await ctx.calendars.holidayStatus()).years.at(-1)).toMatchObject({ year: 2027, source: 'imported' });
      expect(await ctx.auditRepo.list({ limit: 5, action: 'calendar.holidays_imported' })).toHaveLength(1);
    } finally {
      await ctx.close();
    }
  });

  it('answers queries from the shipped data without creating a database', async () => {
    const env = freshEnv();
    expect((await runCli(['calendar', 'is-workday', '2026-02-14'], { env })).stdout).toBe('true\n');
    const status = await runCli(['calendar', 'status'], { env });
    expect(status.stdout).toContain('imported years stored in: no database yet');
    expect(existsSync(path.join(env.KEFU_DATA_DIR ?? '', 'kefu.sqlite'))).toBe(false);
  });

  it('imports file names read from --stdin, creating the database on first use', async () => {
    const env = freshEnv();
    const dir = env.KEFU_DATA_DIR ?? '';
    writeFileSync(path.join(dir, '2027.json'), JSON.stringify({ year: 2027, papers: [], days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }] }));
    const run = await runCli(['calendar', 'import', '--stdin'], { env, cwd: dir, stdin: '2027.json\n' });
    expect(run).toMatchObject({ code: 0, stdout: 'imported 2027: 1 days off, 0 make-up working days\n' });
    const status = await runCli(['calendar', 'status'], { env });
    expect(status.stdout).toContain('covered years: 2020 2021 2022 2023 2024 2025 2026 2027\n');
  });

  it('lets an imported year replace a shipped one', async () => {
    const env = freshEnv();
    const dir = env.KEFU_DATA_DIR ?? '';
    // A corrected 2026 notice (made up): 2026-02-14 is no longer a make-up working day.
    const corrected = path.join(dir, '2026.json');
    writeFileSync(corrected, JSON.stringify({ year: 2026, papers: ['https://example.invalid/fix'], days: [{ name: '春节', date: '2026-02-16', isOffDay: true }] }));
    const imported = await runCli(['calendar', 'import', corrected], { env });
    expect(imported.stdout).toBe('imported 2026: 1 days off, 0 make-up working days (replaces the shipped data for this year)\n');
    expect((await runCli(['calendar', 'is-workday', '2026-02-14'], { env })).stdout).toBe('false\n');
    expect((await runCli(['calendar', 'status'], { env })).stdout).toMatch(/2026 {2}imported {2}1 days off, 0 make-up working days \(replaces the shipped data\)/);
  });

  it('explains itself in --help', async () => {
    const help = await runCli(['calendar', 'deadline', '--help'], { env: freshEnv() });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/24h clock hours, 2wd working days/);
    expect(help.stdout).toMatch(/--stdin/);
  });
});
