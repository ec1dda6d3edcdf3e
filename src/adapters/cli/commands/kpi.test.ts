import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../test-io.js';

const lab = 'test/fixtures/asterisk-realtime-lab-2023';
const dir = mkdtempSync(join(tmpdir(), 'kefu-kpi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The example of CONTRACT.md → KPI report, which is this very file.
const contractTotal = {
  key: 'total', offered: 8, answered: 2, abandoned: 5, timedOut: 1,
  exitEmpty: 0, exitWithKey: 0, transferred: 0, ringNoAnswer: 2,
  answerRate: 0.25, abandonRate: 0.625, serviceLevel: 0.25,
  avgAnswerWaitSeconds: 6.5, avgTalkSeconds: 54.5, avgRingSeconds: 5.5,
  ringWithinLimitRate: 1, callerHungUpFirst: 1, agentHungUpFirst: 1,
  customerHangupFirstRate: 0.5,
};

describe('kefu kpi --queue-log', () => {
  it('prints exactly the figures of the contract example for the realtime lab log', async () => {
    const run = await runCli(['kpi', '--queue-log', `${lab}/queue_log.pipe.txt`, '--format', 'json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.threshold).toBe(15);
    expect(report.ringLimit).toBe(15);
    expect(report.groups).toEqual([contractTotal]);
    expect(report.skipped).toEqual({ lines: 0, reasons: {} });
    expect(report.from).toBe('2023-01-18T20:16:03+08:00');
    expect(report.targets.groups[0].results.answerRate).toMatchObject({ requirement: 'KPI-MAN', min: 0.85, pass: false });
  });

  it('reads the same calls from the realtime table CSV export', async () => {
    const run = await runCli(['kpi', '--queue-log', `${lab}/queue_log.csv`, '--log-tz', 'UTC']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.groups).toEqual([contractTotal]);
    // The CSV stores UTC wall time; read as UTC it lands on the same instant as the pipe file.
    expect(report.from).toBe('2023-01-18T20:16:03+08:00');
  });

  it('groups by queue, agent and day in the centre time zone', async () => {
    const byQueue = JSON.parse((await runCli(['kpi', '--queue-log', `${lab}/queue_log.pipe.txt`, '--by', 'queue'])).stdout);
    expect(byQueue.groups.map((g: { key: string; offered: number }) => [g.key, g.offered])).toEqual([['Support', 7], ['sales', 1]]);

    const byAgent = JSON.parse((await runCli(['kpi', '--queue-log', `${lab}/queue_log.pipe.txt`, '--by', 'agent'])).stdout);
    const agent = byAgent.groups.find((g: { key: string }) => g.key === 'PJSIP/400');
    expect(agent).toMatchObject({ answered: 2, offered: 2, ringNoAnswer: 2 });
    expect(byAgent.groups.find((g: { key: string }) => g.key === 'NONE')).toMatchObject({ offered: 6, answered: 0 });

    // 1675555753 is 2023-02-05 00:09 UTC but 08:09 in Shanghai, and 1675720923 is 22:02 UTC on the 6th = the 7th in Shanghai.
    const byDay = JSON.parse((await runCli(['kpi', '--queue-log', `${lab}/queue_log.pipe.txt`, '--by', 'day'])).stdout);
    expect(byDay.groups.map((g: { key: string }) => g.key)).toEqual(['2023-02-05', '2023-02-07', '2023-02-09', '2023-02-12', '2023-02-22']);
    const utcDays = JSON.parse((await runCli(['kpi', '--queue-log', `${lab}/queue_log.pipe.txt`, '--by', 'day'], { env: { KEFU_TZ: 'UTC' } })).stdout);
    expect(utcDays.groups.map((g: { key: string }) => g.key)).toEqual(['2023-02-05', '2023-02-06', '2023-02-09', '2023-02-12', '2023-02-21']);
    expect(utcDays.timeZone).toBe('UTC');
    // KEFU_TZ is read through config.ts like the server's: a bad one is named, not silently used.
    const badZone = await runCli(['kpi', '--queue-log', `${lab}/queue_log.pipe.txt`], { env: { KEFU_TZ: 'Mars/Olympus' } });
    expect(badZone.code).toBe(1);
    expect(badZone.stderr).toMatch(/KEFU_TZ: is not an IANA time zone/);

    const byHour = JSON.parse((await runCli(['kpi', '--queue-log', `${lab}/queue_log.pipe.txt`, '--by', 'hour'])).stdout);
    expect(byHour.groups[0]).toMatchObject({ key: '2023-02-05 08:00', offered: 1, answered: 1 });
  });

  it('writes CSV with the contract names as header and a readable table', async () => {
    const csv = await runCli(['kpi', '--queue-log', `${lab}/queue_log.pipe.txt`, '--format', 'csv']);
    const [header, row] = csv.stdout.trim().split('\n');
    expect(header).toBe(Object.keys(contractTotal).join(','));
    expect(row).toBe(Object.values(contractTotal).join(','));

    const table = await runCli(['kpi', '--queue-log', `${lab}/queue_log.pipe.txt`, '--format', 'table']);
    expect(table.stdout).toMatch(/total\s+8\s+2\s+5\s+1\s+25\.0% ✗/);
  });

  it('counts malformed lines by reason, lists them with --verbose, and still reports the rest', async () => {
    const file = join(dir, 'bad.log');
    writeFileSync(
      file,
      [
        '1675555753|1675555752.0|Support|NONE|ENTERQUEUE||200|1',
        'this line has no fields',
        'abc|1675555752.0|Support|NONE|ENTERQUEUE||200|1',
        '1675555760|1675555752.0|Support|PJSIP/400|FROBNICATE|1',
        '1675555761|1675555752.0|Support|PJSIP/400|CONNECT',
        '1675555761|1675555752.0|Support|PJSIP/400|CONNECT|8|1675555753.1|7',
        '1675555766|1675555752.0|Support|PJSIP/400|COMPLETECALLER|8|5|1',
        '99999999999999999999|c9|Support|NONE|ENTERQUEUE||1|1',
        '',
      ].join('\n'),
    );
    const quiet = await runCli(['kpi', '--queue-log', file]);
    expect(quiet.code).toBe(1);
    const report = JSON.parse(quiet.stdout);
    expect(report.skipped).toEqual({ lines: 5, reasons: { 'no fields': 1, 'non-numeric time': 1, 'unknown event': 1, 'too few fields': 1, 'time out of range': 1 } });
    expect(report.groups[0]).toMatchObject({ offered: 1, answered: 1, callerHungUpFirst: 1 });
    expect(quiet.stderr).toContain('skipped 5 malformed line(s)');

    const verbose = await runCli(['kpi', '--queue-log', file, '--verbose']);
    expect(verbose.stderr.split('\n').filter(Boolean)).toEqual([
      'line 2: no fields: this line has no fields',
      'line 3: non-numeric time: abc|1675555752.0|Support|NONE|ENTERQUEUE||200|1',
      'line 4: unknown event: 1675555760|1675555752.0|Support|PJSIP/400|FROBNICATE|1',
      'line 5: too few fields: 1675555761|1675555752.0|Support|PJSIP/400|CONNECT',
      'line 8: time out of range: 99999999999999999999|c9|Support|NONE|ENTERQUEUE||1|1',
    ]);
  });

  it('reports a call cut off by the end of the log as open, not as offered', async () => {
    const file = join(dir, 'cut.log');
    writeFileSync(
      file,
      [
        '1700000000|1.1|Support|NONE|ENTERQUEUE||200|1',
        '1700000005|1.1|Support|PJSIP/400|CONNECT|5|1.2|3',
        '1700000010|2.1|Support|NONE|ENTERQUEUE||201|1',
        '1700000030|2.1|Support|NONE|ABANDON|1|1|20',
      ].join('\n'),
    );
    const report = JSON.parse((await runCli(['kpi', '--queue-log', file])).stdout);
    expect(report.groups[0]).toMatchObject({ offered: 1, answered: 0, abandoned: 1, answerRate: 0, abandonRate: 1 });
    expect(report.open).toEqual({ calls: 1, withoutEntry: 0, groups: { total: 1 } });
  });

  it('fails fast with a clear message on a file that is not a queue_log', async () => {
    const png = join(dir, 'logo.png');
    writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
    const run = await runCli(['kpi', '--queue-log', png]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('is not an Asterisk queue_log: it is a PNG image');

    const prose = join(dir, 'notes.txt');
    writeFileSync(prose, Array.from({ length: 200 }, (_, i) => `meeting note ${i}`).join('\n'));
    const text = await runCli(['kpi', '--queue-log', prose]);
    expect(text.code).toBe(1);
    expect(text.stderr).toContain('none of its first 50 line(s) is a queue_log line');

    const missing = await runCli(['kpi', '--queue-log', join(dir, 'nope.log')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such file');
  });

  it('rejects bad options as usage errors', async () => {
    expect((await runCli(['kpi', '--queue-log', `${lab}/queue_log.pipe.txt`, '--by', 'week'])).code).toBe(2);
    expect((await runCli(['kpi', '--queue-log', `${lab}/queue_log.pipe.txt`, '--threshold', 'soon'])).code).toBe(2);
    expect((await runCli(['kpi'])).code).toBe(2);
    const help = await runCli(['kpi', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--queue-log <file>');
  });
});
