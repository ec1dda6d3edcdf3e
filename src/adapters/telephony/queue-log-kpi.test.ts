import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateRealisticQueueLog } from '../../../bench/realistic-queue-log.js';
import { kpiGroupings } from '../../core/kpi/kpi-report.js';
import { queueLogKpi, readKpiSegment, workerOptions, type KpiReadStats, type QueueLogKpiOptions } from './queue-log-kpi.js';
import type { QueueLogSkip } from './queue-log-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'kefu-kpi-segments-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lab = 'test/fixtures/asterisk-realtime-lab-2023/queue_log.pipe.txt';
const base: QueueLogKpiOptions = { by: 'total', thresholdSeconds: 15, ringLimitSeconds: 15, timeZone: 'Asia/Shanghai' };

/**
 * A busy hotline's log with everything that makes cutting it hard: calls overlapping every cut,
 * same-second lines swapped, a log that begins mid-call, calls that never end, a callid that
 * re-enters its queue while still pending, the same callid in two queues, duplicated end lines, a
 * call silent for over a day, CRLF endings, malformed lines and an unterminated last line.
 */
function trickyLog(calls: number): string {
  let seed = 11;
  const rnd = (n: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return seed % n;
  };
  const lines: { t: number; text: string }[] = [];
  const add = (t: number, text: string): void => {
    lines.push({ t, text });
  };
  const t0 = 1_700_000_000;
  // The log begins in the middle of a call: no ENTERQUEUE for it.
  add(t0, `${t0}|1699999990.1|Support|PJSIP/101|CONNECT|10|1699999990.11|3`);
  add(t0 + 40, `${t0 + 40}|1699999990.1|Support|PJSIP/101|COMPLETEAGENT|10|40|1`);
  for (let i = 0; i < calls; i++) {
    const start = t0 + i * 7 + rnd(5);
    const id = `${start}.${i}`;
    const queue = ['Support', 'Billing', 'VIP'][rnd(3)] as string;
    const agent = `PJSIP/1${String(rnd(20)).padStart(2, '0')}`;
    const wait = rnd(40);
    add(start, `${start}|${id}|${queue}|NONE|ENTERQUEUE||1380013${String(rnd(10_000)).padStart(4, '0')}|1`);
    const kind = rnd(20);
    if (rnd(4) === 0) add(start + 3, `${start + 3}|${id}|${queue}|PJSIP/199|RINGNOANSWER|3000`);
    if (kind < 12) {
      const talk = 30 + rnd(900);
      // Same-second lines are often written in either order.
      add(start + wait + (rnd(3) === 0 ? 0 : 1), `${start + wait + 1}|${id}|${queue}|${agent}|CONNECT|${wait}|${id}1|${1 + rnd(12)}`);
      add(start + wait + talk, `${start + wait + talk}|${id}|${queue}|${agent}|${rnd(3) === 0 ? 'COMPLETEAGENT' : 'COMPLETECALLER'}|${wait}|${talk}|1`);
      if (rnd(10) === 0) add(start + wait + talk, `${start + wait + talk}|${id}|${queue}|${agent}|COMPLETECALLER|${wait}|${talk}|1`);
    } else if (kind < 15) {
      add(start + wait, `${start + wait}|${id}|${queue}|NONE|ABANDON|1|1|${wait}`);
    } else if (kind < 16) {
      // Overflow: times out here, enters another queue under the same callid.
      add(start + 60, `${start + 60}|${id}|${queue}|NONE|EXITWITHTIMEOUT|1|1|60`);
      add(start + 61, `${start + 61}|${id}|Overflow|NONE|ENTERQUEUE||13800000000|1`);
      add(start + 90, `${start + 90}|${id}|Overflow|PJSIP/150|CONNECT|29|${id}9|4`);
      add(start + 200, `${start + 200}|${id}|Overflow|PJSIP/150|BLINDTRANSFER|8000|default|29|110`);
    } else if (kind < 17) {
      // Re-enters its queue while still pending (a PBX that logs a second ENTERQUEUE).
      add(start + 20, `${start + 20}|${id}|${queue}|NONE|ENTERQUEUE||13800000001|2`);
      add(start + 50, `${start + 50}|${id}|${queue}|${agent}|CONNECT|30|${id}7|2`);
      add(start + 70, `${start + 70}|${id}|${queue}|${agent}|COMPLETECALLER|30|20|1`);
    } else if (kind < 18) {
      // Never ends in this log.
    } else {
      add(start + wait, `${start + wait}|${id}|${queue}|NONE|EXITEMPTY|1|1|${wait}`);
    }
    if (i % 97 === 0) add(start + 1, `${start + 1}|NONE|${queue}|PJSIP/105|PAUSE|Lunch`);
    if (i === Math.floor(calls / 3)) {
      // A call heard of again after more than a day: a new call for the report.
      add(start, `${start}|silent.1|VIP|NONE|ENTERQUEUE||13900000000|1`);
      add(start + 90_000, `${start + 90_000}|silent.1|VIP|PJSIP/120|CONNECT|5|silent.11|2`);
    }
  }
  lines.sort((a, b) => a.t - b.t);
  const out: string[] = [];
  lines.forEach((l, i) => {
    out.push(i % 53 === 0 ? `${l.text}\r` : l.text);
    if (i % 211 === 0) out.push(['garbage without pipes', '17000x0000|1.1|Support|NONE|ENTERQUEUE||1|1', `${l.t}|1.2|Support|NONE|BOGUSEVENT|1`, '', `${l.t}|1.3|Support|NONE|CONNECT|x|1|2`][(i / 211) % 5] as string);
  });
  // The PBX was writing the last line when the log was copied.
  return `${out.join('\n')}\n${t0 + calls * 8}|last.1|Support|NONE|ENTERQUEUE||13800000002`;
}

async function report(path: string, o: Partial<QueueLogKpiOptions>): Promise<{ report: unknown; skips: QueueLogSkip[] }> {
  const skips: QueueLogSkip[] = [];
  const result = await queueLogKpi(path, { ...base, ...o, onSkip: (s) => skips.push(s) });
  return { report: result, skips };
}

describe('kefu kpi on a file read in segments', () => {
  it('gives the single pass’s report for the realtime lab log wherever it is cut', async () => {
    for (const by of kpiGroupings) {
      const single = await report(lab, { by, threads: 1 });
      for (const segmentBytes of [60, 200, 333, 1000]) {
        expect(await report(lab, { by, threads: 1, segmentBytes }), `${by}, ${segmentBytes}-byte segments`).toEqual(single);
      }
    }
  });

  it('gives the single pass’s report, skipped lines included, for a log with calls across every cut', async () => {
    const path = join(dir, 'tricky.log');
    writeFileSync(path, trickyLog(3000));
    for (const by of kpiGroupings) {
      const single = await report(path, { by, threads: 1 });
      expect((single.report as { skipped: { lines: number } }).skipped.lines).toBeGreaterThan(10);
      for (const segmentBytes of [700, 3000, 40_000]) {
        expect(await report(path, { by, threads: 1, segmentBytes }), `${by}, ${segmentBytes}-byte segments`).toEqual(single);
      }
    }
  });

  it('counts a log with Chinese queue names and pause reasons exactly as its ASCII twin, on the byte path', async () => {
    const ascii = trickyLog(3000);
    // A Chinese centre names its queues and breaks in Chinese: the UTF-8 lines must give the same figures.
    const chinese = ascii.replaceAll('|Support|', '|投诉专线|').replace(/\n/g, (nl, at: number) => (at % 7 === 0 ? `${nl}1700000000|NONE|投诉专线|PJSIP/101|PAUSE|午餐${nl}` : nl));
    const a = join(dir, 'ascii.log');
    const c = join(dir, 'chinese.log');
    writeFileSync(a, ascii);
    writeFileSync(c, chinese);
    const byQueue = { ...base, by: 'queue' } as const;
    const [ra, rc] = [await queueLogKpi(a, { ...byQueue, threads: 1 }), await queueLogKpi(c, { ...byQueue, threads: 1 })];
    const renamed = rc.groups.map((g) => ({ ...g, key: g.key === '投诉专线' ? 'Support' : g.key })).sort((x, y) => x.key.localeCompare(y.key));
    expect(rc.groups.map((g) => g.key)).toContain('投诉专线');
    expect(renamed).toEqual(ra.groups);
    expect(rc.skipped).toEqual(ra.skipped);
    // And cut into segments, the UTF-8 log still gives the single pass's report.
    expect(await queueLogKpi(c, { ...byQueue, segmentBytes: 4096, threads: 2 })).toEqual(rc);
  });

  it('reads segments in worker threads with the same result', async () => {
    const path = join(dir, 'workers.log');
    writeFileSync(path, trickyLog(20_000));
    const single = await report(path, { by: 'queue', threads: 1 });
    let stats: KpiReadStats | undefined;
    expect(await report(path, { by: 'queue', threads: 3, segmentBytes: 50_000, onRead: (s) => (stats = s) })).toEqual(single);
    expect(stats?.segments).toBeGreaterThan(10);
    expect(stats?.byWorkers).toBeGreaterThan(0);
  });

  it('reads a segment again in order when it opens a call an earlier segment left pending', async () => {
    // Call R enters, stays pending across a cut, and enters again later (a PBX that logs a second
    // ENTERQUEUE): one pass merges the two, so the segment of the second must be read in order.
    const filler = (from: number, n: number) => Array.from({ length: n }, (_, i) => `${from + i}|f${from + i}|Q|NONE|ENTERQUEUE||1|1\n${from + i}|f${from + i}|Q|NONE|ABANDON|1|1|1`);
    const t = 1_700_000_000;
    const lines = [`${t}|R|Q|NONE|ENTERQUEUE||1|1`, ...filler(t + 1, 200), `${t + 300}|R|Q|NONE|ENTERQUEUE||1|1`, ...filler(t + 301, 200), `${t + 600}|R|Q|PJSIP/1|CONNECT|5|x|1`, `${t + 900}|R|Q|PJSIP/1|COMPLETECALLER|5|300|1`];
    const path = join(dir, 'reentry.log');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const single = await report(path, { threads: 1 });
    for (const threads of [1, 2]) {
      let stats: KpiReadStats | undefined;
      expect(await report(path, { threads, segmentBytes: 4096, onRead: (s) => (stats = s) })).toEqual(single);
      expect(stats?.reread).toBeGreaterThan(0);
    }
  });

  it('reads a segment again in order when it would keep too much to hand back', async () => {
    // Calls seen only mid-way (no ENTERQUEUE anywhere): every line of every segment is held.
    const path = join(dir, 'partial.log');
    // Three segments of ~67,000 lines each: more than a segment may hand back (MAX_KEPT).
    writeFileSync(path, Array.from({ length: 200_000 }, (_, i) => `${1_700_000_000 + i}|p${i}|Q|SIP/1|CONNECT|1|x|1`).join('\n') + '\n');
    const single = await report(path, { threads: 1 });
    let stats: KpiReadStats | undefined;
    expect(await report(path, { threads: 1, segmentBytes: 3_000_000, onRead: (s) => (stats = s) })).toEqual(single);
    expect(stats?.reread).toBeGreaterThan(0);
    expect((single.report as { open: { withoutEntry: number } }).open.withoutEntry).toBe(200_000);
  });

  it('reads a log that goes back in time by more than a day in one pass, where the cut would change a figure', async () => {
    // Rotated files concatenated newest first: call A's lines come after a line a day later.
    const path = join(dir, 'backwards.log');
    const lines = ['1000|A|Q|NONE|ENTERQUEUE||1|1', '100000|B|Q|NONE|ENTERQUEUE||1|1', '1010|A|Q|SIP/1|CONNECT|10|x|2', '1020|A|Q|SIP/1|COMPLETECALLER|10|10|1'];
    writeFileSync(path, lines.join('\n') + '\n');
    const single = await report(path, { threads: 1 });
    expect((single.report as { groups: { offered: number; answered: number }[] }).groups[0]).toMatchObject({ offered: 1, answered: 1 });
    let stats: KpiReadStats | undefined;
    expect(await report(path, { threads: 1, segmentBytes: 30, onRead: (s) => (stats = s) })).toEqual(single);
    expect(stats?.onePass).toBe(true);
  });

  it('knows the format of a file that begins with blank lines in every segment', async () => {
    const path = join(dir, 'blank-start.log');
    const calls = Array.from({ length: 40 }, (_, i) => `${1_700_000_000 + i * 10}|c${i}|Q|NONE|ENTERQUEUE||1|1\n${1_700_000_005 + i * 10}|c${i}|Q|NONE|ABANDON|1|1|5`);
    const text = `\n\n${calls.slice(0, 20).join('\n')}\nnote, not a queue_log line\n${calls.slice(20).join('\n')}\n`;
    writeFileSync(path, text);
    const single = await report(path, { threads: 1 });
    // A segment that begins with the comma line must still be read as the pipe file it is part of.
    for (const segmentBytes of [text.indexOf('note,'), 700]) expect(await report(path, { threads: 1, segmentBytes })).toEqual(single);
  });

  it('refuses a segment of a file replaced or truncated since the segments were planned (log rotation)', async () => {
    const path = join(dir, 'rotated.log');
    writeFileSync(path, '1700000000|a|Q|NONE|ENTERQUEUE||1|1\n');
    const { dev, ino, size } = statSync(path);
    const options = { ...base, collectSkips: false };
    await expect(readKpiSegment(path, 0, size, { ...options, file: { dev, ino } })).resolves.toMatchObject({ lines: 1 });
    // Replaced (rename and a new file), or truncated in place (logrotate's copytruncate).
    await expect(readKpiSegment(path, 0, size, { ...options, file: { dev, ino: ino + 1 } })).rejects.toThrow(/was replaced or truncated while it was read/);
    await expect(readKpiSegment(path, 0, size + 100, { ...options, file: { dev, ino } })).rejects.toThrow(/was replaced or truncated/);
  });

  it('leaves to the whole file whether it is a queue_log when its first segment has no valid line', async () => {
    const path = join(dir, 'garbage-head.log');
    const calls = Array.from({ length: 40 }, (_, i) => `${1_700_000_000 + i * 10}|g${i}|Q|NONE|ENTERQUEUE||1|1\n${1_700_000_005 + i * 10}|g${i}|Q|NONE|ABANDON|1|1|5`);
    writeFileSync(path, `x|y\njunk|junk|junk\n${calls.join('\n')}\n`);
    const single = await report(path, { threads: 1 });
    expect((single.report as { skipped: { lines: number } }).skipped.lines).toBe(2);
    expect(await report(path, { threads: 1, segmentBytes: 10 })).toEqual(single);

    // 60 bad lines before the first good one: one pass gives up at the 50th; so must the segments.
    const bad = join(dir, 'garbage-60.log');
    writeFileSync(bad, `${'junk|junk|junk\n'.repeat(60)}${calls.join('\n')}\n`);
    await expect(queueLogKpi(bad, { ...base, threads: 1 })).rejects.toThrow(/is not an Asterisk queue_log/);
    await expect(queueLogKpi(bad, { ...base, threads: 1, segmentBytes: 200 })).rejects.toThrow(/is not an Asterisk queue_log/);
  });

  it('still says what is wrong with a file that is not a queue_log', async () => {
    const path = join(dir, 'not-a-log.txt');
    writeFileSync(path, 'a|b\n'.repeat(20_000));
    await expect(queueLogKpi(path, { ...base, threads: 2, segmentBytes: 4096 })).rejects.toThrow(/is not an Asterisk queue_log/);
  });
});

describe('kefu kpi fast paths against the reference path', () => {
  it('gives the same figures on a PBX-ordered log with malformed lines: byte path, segments in worker threads, and the CSV export read field by field', async () => {
    const path = join(dir, 'realistic.log');
    // As a PBX writes it (calls interleaved, member events, Chinese pause reasons), 1 line in 100 malformed.
    const stats = generateRealisticQueueLog(path, { calls: 4000, agents: 30, queues: 3, malformedShare: 0.01, seed: 19 });
    expect(stats.malformed).toBeGreaterThan(50);
    // The reference: the same lines as the realtime table's CSV export, which the reader splits
    // into field strings and the tracker keys by callid string — none of the byte path's shortcuts.
    const csv = join(dir, 'realistic.csv');
    const rows = readFileSync(path, 'utf8').split('\n').filter((l) => l !== '').map((l) => l.split('|').join(','));
    writeFileSync(csv, `time,callid,queuename,agent,event,data1,data2,data3,data4,data5\n${rows.join('\n')}\n`);
    for (const by of kpiGroupings) {
      const reference = await queueLogKpi(csv, { ...base, by, threads: 1 });
      const onePass = await queueLogKpi(path, { ...base, by, threads: 1 });
      expect(onePass, `${by}: one pass`).toEqual(reference);
      let read: KpiReadStats | undefined;
      // Small segments, so calls cross many cuts; three threads, so workers read most of them.
      const segmented = await queueLogKpi(path, { ...base, by, threads: 3, segmentBytes: 20_000, onRead: (s) => (read = s) });
      expect(segmented, `${by}: segments`).toEqual(reference);
      expect(read?.onePass).toBe(false);
      expect(read?.byWorkers).toBeGreaterThan(0);
    }
    expect((await queueLogKpi(path, { ...base, threads: 1 })).skipped.lines).toBe(stats.malformed);
  });
});

describe('kpi worker threads', () => {
  it('inherit the process’s flags, except --input-type (their bundle is CommonJS)', () => {
    expect(workerOptions(['--max-old-space-size=2048'])).toEqual({ eval: true });
    expect(workerOptions(['--input-type=module', '--max-old-space-size=2048'])).toEqual({ eval: true, execArgv: ['--max-old-space-size=2048'] });
    expect(workerOptions(['--input-type', 'module', '--enable-source-maps'])).toEqual({ eval: true, execArgv: ['--enable-source-maps'] });
  });
});

describe('kefu kpi and its worker threads', () => {
  // A process must end when the report is done: no worker left referenced, none being stopped
  // while unreferenced (an await left unsettled exits with code 13).
  it('lets the process end after reports that give up the segmented pass, with workers still starting or reading', () => {
    const good = join(dir, 'end-good.log');
    const bad = join(dir, 'end-bad.log');
    const calls = Array.from({ length: 300 }, (_, i) => `${1_700_000_000 + i}|c${i}|Q|NONE|ENTERQUEUE||1|1\n${1_700_000_000 + i}|c${i}|Q|NONE|ABANDON|1|1|1`).join('\n');
    writeFileSync(good, `${calls}\n`);
    // No valid line in the first segment: read in one pass after all.
    writeFileSync(bad, `not a queue_log line\n${calls}\n`);
    const entry = JSON.stringify(new URL('./queue-log-kpi.ts', import.meta.url).href);
    const script = `import { queueLogKpi } from ${entry};
      const o = { by: 'total', thresholdSeconds: 15, ringLimitSeconds: 15, timeZone: 'UTC' };
      for (const segmentBytes of [1, 2, 5]) await queueLogKpi(${JSON.stringify(good)}, { ...o, threads: 8, segmentBytes });
      for (const threads of [2, 8]) for (const segmentBytes of [1, 3]) await queueLogKpi(${JSON.stringify(bad)}, { ...o, threads, segmentBytes }).catch(() => undefined);
      console.log('done');`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout.trim()).toBe('done');
    expect(r.signal).toBeNull();
    expect(r.status).toBe(0);
  }, 70_000);
});
