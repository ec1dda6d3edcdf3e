import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { QueueLogReader, type QueueLogSkip } from './queue-log-reader.js';
import { ZoneCalendar } from '../../core/kpi/time-zone.js';
import { QueueCallTracker, toCall, type Call } from '../../core/interactions/call.js';
import { QueueLogFields, queueEventNames } from '../../core/interactions/queue-log-events.js';

const dir = mkdtempSync(join(tmpdir(), 'kefu-qlog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const utc = new ZoneCalendar('UTC');

interface Seen { line: number; offset: number; time: number; event: string; callId: string; queue: string; agent: string; data: string[]; numbers: number[] }

async function readAll(path: string, opts: { startOffset?: number; startLine?: number; chunkBytes?: number; zone?: ZoneCalendar; bytePath?: boolean } = {}) {
  const seen: Seen[] = [];
  const skips: QueueLogSkip[] = [];
  const result = await new QueueLogReader({ zone: opts.zone ?? utc, ...opts }).read(
    path,
    (r) =>
      seen.push({
        line: r.lineNumber,
        offset: r.byteOffset,
        time: r.time,
        event: r.event,
        callId: r.callId,
        queue: r.queue,
        agent: r.agent,
        data: [r.data1, r.data2, r.data3, r.data4, r.data5],
        numbers: [1, 2, 3, 4, 5].map((k) => r.dataNumber(k)),
      }),
    (s) => skips.push(s),
  );
  return { seen, skips, result };
}

describe('QueueLogReader', () => {
  it('gives each line its number and byte offset, across chunk boundaries and non-ASCII text', async () => {
    const file = join(dir, 'offsets.log');
    const lines = ['1|c1|Q|NONE|ENTERQUEUE||13800|1|张三', '2|c1|Q|SIP/1|CONNECT|1|x|1', 'garbage', '3|c1|Q|SIP/1|COMPLETECALLER|1|5|1'];
    writeFileSync(file, lines.join('\r\n') + '\r\n');
    for (const chunkBytes of [7, 64, 1 << 20]) {
      const { seen, skips, result } = await readAll(file, { chunkBytes });
      expect(seen.map((s) => [s.line, s.event])).toEqual([[1, 'ENTERQUEUE'], [2, 'CONNECT'], [4, 'COMPLETECALLER']]);
      const bytes = lines.map((l) => Buffer.byteLength(l) + 2);
      expect(seen.map((s) => s.offset)).toEqual([0, bytes[0], (bytes[0] ?? 0) + (bytes[1] ?? 0) + (bytes[2] ?? 0)]);
      expect(seen[0]?.data).toEqual(['', '13800', '1', '张三', '']);
      expect(skips).toEqual([{ lineNumber: 3, byteOffset: (bytes[0] ?? 0) + (bytes[1] ?? 0), reason: 'no fields', text: 'garbage' }]);
      expect(result.endOffset).toBe(bytes.reduce((a, b) => a + b, 0));
    }
  });

  it('resumes at a stored offset and reads only what was appended', async () => {
    const file = join(dir, 'append.log');
    writeFileSync(file, '1|c1|Q|NONE|ENTERQUEUE||1|1\n2|c1|Q|NONE|ABANDON|1|1|1\n');
    const first = await readAll(file);
    expect(first.result).toMatchObject({ lines: 2, records: 2, endLine: 2 });
    appendFileSync(file, '3|c2|Q|NONE|ENTERQUEUE||1|1\n4|c2|Q|NONE|EXITEMPTY|1|1|1');
    const again = await readAll(file, { startOffset: first.result.endOffset, startLine: first.result.endLine });
    expect(again.seen.map((s) => [s.line, s.callId, s.event])).toEqual([[3, 'c2', 'ENTERQUEUE'], [4, 'c2', 'EXITEMPTY']]);
    // The last line has no newline yet: read, but not committed, as the PBX may still be writing it.
    expect(again.result.endLine).toBe(3);
    expect(again.result.endOffset).toBe(first.result.endOffset + '3|c2|Q|NONE|ENTERQUEUE||1|1\n'.length);
  });

  it('reads the realtime CSV export with its header and local times', async () => {
    const { seen, skips, result } = await readAll('test/fixtures/asterisk-realtime-lab-2023/queue_log.csv');
    expect(result.format).toBe('csv');
    expect(skips).toEqual([]);
    expect(seen).toHaveLength(85);
    expect(seen.find((s) => s.event === 'CONNECT')?.data.slice(0, 3)).toEqual(['8', '1675555753.1', '7']);
  });

  it('maps PBXware columns back to the Asterisk data fields', async () => {
    const { seen, skips } = await readAll('test/fixtures/pbxware-callcenter-2018/queue_log.csv');
    expect(skips).toEqual([]);
    expect(seen).toHaveLength(1000);
    const connect = seen.find((s) => s.line === 20);
    expect(connect).toMatchObject({ event: 'CONNECT', callId: '1543602660.197', data: ['76', '1543602746.232', '6', '', ''] });
    const complete = seen.find((s) => s.line === 21);
    expect(complete).toMatchObject({ event: 'COMPLETECALLER', data: ['76', '847', '1', '', ''] });
    expect(seen.find((s) => s.line === 15)?.data[0]).toBe('10000');
  });

  it('skips non-numeric data where a number is due', async () => {
    const file = join(dir, 'numbers.log');
    writeFileSync(file, '1|c1|Q|SIP/1|CONNECT|soon|x|3\n1.5|c1|Q|SIP/1|RINGNOANSWER|1000\n');
    const { seen, skips } = await readAll(file);
    expect(skips.map((s) => [s.lineNumber, s.reason])).toEqual([[1, 'non-numeric field']]);
    expect(seen.map((s) => s.line)).toEqual([2]);
  });

  // The fast path parses ASCII blocks on the bytes; a block with any non-ASCII byte, and the first
  // line of a file, take the string path. Both must give the same records, skips and calls.
  const mixed = [
    '1700000001|1700000001.1|Support|NONE|ENTERQUEUE||13800|1',
    '1700000002|1700000001.1|Support|NONE|RINGNOANSWER|15000',
    '1700000003|1700000001.1|Support|PJSIP/100|CONNECT|2|1700000001.2|1',
    '1700000009|1700000001.1|Support|PJSIP/100|COMPLETECALLER|2|6|1',
    '1700000004|a-callid-longer-than-eighteen-chars|VIP|NONE|ENTERQUEUE||1|1',
    '1700000006|a-callid-longer-than-eighteen-chars|VIP|PJSIP/7|CONNECT|2|x|1|||||||||',
    '1700000004|m|Sales|NONE|ENTERQUEUE||1|1\r',
    '1700000005|m|Sales|NONE|EXITWITHTIMEOUT|1|1|1',
    '1700000005|m|Support|NONE|ENTERQUEUE||1|1',
    '1700000005.5|m|Support|NONE|ABANDON|1|1|1',
    '',
    'garbage',
    '1700000007|x|Q|A|CONNECT|soon|x|3',
    '1700000007|x|Q|A|NOSUCHEVENT|1',
    '1700000007|x|Q|A|ABANDON|1|2',
    '1700000007|x|Q',
    '17a|x|Q|A|ENTERQUEUE',
    '1700000008|a-callid-longer-than-eighteen-chars|VIP|PJSIP/7|COMPLETEAGENT|2|30|1',
    '1700000010|NONE|Support|PJSIP/100|PAUSE|lunch',
  ].join('\n');

  it('gives the same records and skips on the byte path as on the string path', async () => {
    const ascii = join(dir, 'ascii.log');
    const nonAscii = join(dir, 'non-ascii.log');
    writeFileSync(ascii, `${mixed}\n`);
    // One non-ASCII line at the end: with one big chunk the whole file takes the string path.
    writeFileSync(nonAscii, `${mixed}\n1700000011|z|Q|NONE|DID|张三\n`);
    const fast = await readAll(ascii, { chunkBytes: 1 << 20 });
    const slow = await readAll(nonAscii, { chunkBytes: 1 << 20 });
    const small = await readAll(ascii, { chunkBytes: 61 });
    expect(fast.seen).toEqual(slow.seen.slice(0, -1));
    expect(small.seen).toEqual(fast.seen);
    expect(fast.skips).toEqual(slow.skips);
    expect(fast.skips.map((s) => s.reason)).toEqual(['no fields', 'non-numeric field', 'unknown event', 'too few fields', 'too few fields', 'non-numeric time']);
  });

  // The byte path (the WebAssembly scan plus the event table) must take exactly the lines the
  // string path takes, and read the same fields from them: fuzzed lines near every edge it checks.
  it('gives the same records and skips on the byte path as on the string path for 20,000 fuzzed lines', async () => {
    let seed = 20261207;
    const rnd = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const pick = <T,>(xs: readonly T[]): T => xs[rnd(xs.length)] as T;
    const events = [...queueEventNames.slice(1), 'CONNEC', 'CONNECTX', 'connect', 'ENTERQUEUEE', 'RINGNOANSWE', 'X', 'ATTENDEDTRANSFERX', 'EXITWITHKEZ', ''];
    const fields = ['', '0', '7', '15', '123456789012345', '1234567890123456', 'x', '1a', '1.5', ' 1', '-1', '1700000001.12', 'lunch', 'PJSIP/100-0001'];
    // Ten characters with one just outside 0-9 ('/', ':') at each end of the eight read at once, and after them.
    const epochs = ['1700000001', '1', '17000000011', '170000000111', '', '17a', '1700000001.5', ' 1700000001', '/700000001', '1700000:01', '170000000:', '17000000/1', '1700\u00e90001', '0000000000'];
    const callIds = ['1700000001.1', 'c', 'NONE', '', 'a-callid-longer-than-eighteen-chars', '123456789012345678', '1234567890123456789', 'x|y'];
    const lines: string[] = ['1700000000|1700000000.1|Q|NONE|ENTERQUEUE||1|1'];
    for (let i = 0; i < 20_000; i++) {
      const data = Array.from({ length: rnd(8) }, () => pick(fields));
      let line = [pick(epochs), pick(callIds), pick(['Q', 'Support', '']), pick(['NONE', 'PJSIP/7', '']), pick(events), ...data].slice(0, 2 + rnd(12)).join('|');
      if (rnd(10) === 0) line += '\r';
      if (rnd(20) === 0) line += '|';
      lines.push(line);
    }
    const file = join(dir, 'fuzz.log');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const fast = await readAll(file, { chunkBytes: 4096 });
    const slow = await readAll(file, { bytePath: false });
    expect(fast.seen.length).toBeGreaterThan(1000);
    expect(fast.skips.length).toBeGreaterThan(1000);
    expect(fast.seen).toEqual(slow.seen);
    expect(fast.skips).toEqual(slow.skips);
  });

  it.each([1_500_000, 5_000_000])('reads a line longer than its buffer and the scanner’s memory (%i bytes) and the lines around it', async (length) => {
    const file = join(dir, 'long-line.log');
    const long = `1700000002|long|Q|NONE|ENTERQUEUE||${'9'.repeat(length)}|1`;
    writeFileSync(file, [mixed, long, mixed, mixed, long, mixed].join('\n') + '\n');
    const fast = await readAll(file, { chunkBytes: 4096 });
    const slow = await readAll(file, { bytePath: false });
    expect(fast.seen.filter((r) => r.callId === 'long' && r.data[1]?.length === length)).toHaveLength(2);
    expect(fast.seen).toEqual(slow.seen);
    expect(fast.skips).toEqual(slow.skips);
  });

  it('drops the buffers it grew for a long line once the line is behind it', async () => {
    const file = join(dir, 'long-line-memory.log');
    const long = `1700000002|long|Q|NONE|ENTERQUEUE||${'9'.repeat(5_000_000)}|1`;
    // After it, more lines than the grown buffers hold: they are read after the line is behind.
    const after = Array.from({ length: Math.ceil(10_000_000 / mixed.length) }, () => mixed);
    writeFileSync(file, [mixed, long, ...after].join('\n') + '\n');
    // The sizes of the buffers the reader makes (pooled ones from earlier reads may serve the start).
    const sizes: number[] = [];
    const allocUnsafe = Buffer.allocUnsafe.bind(Buffer);
    const spy = vi.spyOn(Buffer, 'allocUnsafe').mockImplementation((n: number) => (sizes.push(n), allocUnsafe(n)));
    try {
      await readAll(file, { chunkBytes: 4096 });
    } finally {
      spy.mockRestore();
    }
    // Grown past 4 MiB for the 5 MB line, then back to 4 KiB for the lines after it.
    const grown = sizes.findIndex((n) => n > 4 << 20);
    expect(grown).toBeGreaterThan(-1);
    expect(sizes.slice(grown + 1)).toContain(4096);
  });

  it('tells calls apart by queue past the 1,023 queue names the scan keeps ids for', async () => {
    // One callid in 1,100 queues at once: only the queue tells the calls apart, by id at first and
    // by the name's bytes once the scan has no id left to give.
    const file = join(dir, 'many-queues.log');
    const queues = Array.from({ length: 1100 }, (_, i) => `q${i}`);
    const lines = [...queues.map((q) => `1700000000|same|${q}|NONE|ENTERQUEUE||1|1`), ...queues.map((q, i) => `1700000010|same|${q}|NONE|${i % 2 ? 'ABANDON' : 'EXITEMPTY'}|1|1|10`)];
    writeFileSync(file, `${lines.join('\n')}\n`);
    const fromReader: Call[] = [];
    const tracker = new QueueCallTracker((s) => fromReader.push(toCall(s)), { reuseCallStates: true });
    await new QueueLogReader({ zone: utc, chunkBytes: 4096 }).read(file, (r) => tracker.apply(r));
    tracker.finish();
    expect(fromReader).toHaveLength(1100);
    expect(fromReader.map((c) => [c.queue, c.outcome])).toEqual(queues.map((q, i) => [q, i % 2 ? 'abandoned' : 'exitEmpty']));
  });

  it('tracks the same calls from byte records as from plain lines', async () => {
    const file = join(dir, 'calls.log');
    writeFileSync(file, `${mixed}\n`);
    const fromReader: Call[] = [];
    const tracker = new QueueCallTracker((s) => fromReader.push(toCall(s)), { reuseCallStates: true });
    await new QueueLogReader({ zone: utc }).read(file, (r) => tracker.apply(r));
    tracker.finish();

    const fromLines: Call[] = [];
    const plain = new QueueCallTracker((s) => fromLines.push(toCall(s)));
    for (const r of (await readAll(file)).seen) {
      const [data1, data2, data3, data4, data5] = r.data;
      plain.apply(new QueueLogFields({ time: r.time, callId: r.callId, queue: r.queue, agent: r.agent, event: r.event, data1, data2, data3, data4, data5 }));
    }
    plain.finish();

    expect(fromReader).toEqual(fromLines);
    expect(fromReader.map((c) => [c.callId, c.queue, c.outcome])).toEqual([
      ['1700000001.1', 'Support', 'completed'],
      ['m', 'Sales', 'timedOut'],
      ['m', 'Support', 'abandoned'],
      ['a-callid-longer-than-eighteen-chars', 'VIP', 'completed'],
    ]);
    expect(fromReader[0]).toMatchObject({ callerId: '13800', agent: 'PJSIP/100', missedRings: 1, missedRingMs: 15000, talkSeconds: 6 });
  });

  it('gives back every callid exactly, whatever its length, when the tracker keeps it packed', async () => {
    const file = join(dir, 'callids.log');
    const ids = Array.from({ length: 22 }, (_, n) => 'abcdefghijklmnopqrstuvwxyz0123456789.~'.slice(0, n + 1));
    writeFileSync(file, ids.map((id, n) => `${1700000000 + n}|${id}|Q|NONE|ENTERQUEUE||1|1\n${1700000001 + n}|${id}|Q|NONE|ABANDON|1|1|1\n`).join(''));
    const seen: string[] = [];
    const tracker = new QueueCallTracker((s) => seen.push(s.callId), { reuseCallStates: true });
    await new QueueLogReader({ zone: utc }).read(file, (r) => tracker.apply(r));
    tracker.finish();
    expect(seen).toEqual(ids);
  });
});
