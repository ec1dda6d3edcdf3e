import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildQueueLogScan, queueLogScanBinary } from '../../../scripts/build-wasm.js';
import { CallIdKey, callIdKeyOf, queueEventCode, queueEventInfo, queueEventNames } from '../../core/interactions/queue-log-events.js';
import { QueueLogScanner, queueLogScanner, LINE_FLOATS, LINE_INTS } from './queue-log-scan.js';

/** Each line's flag (0 = clean), epoch and packed callid, as the scanner gives them. */
function scanned(text: string): { clean: boolean; time: number; k: number[] }[] {
  const buf = Buffer.from(text, 'latin1');
  const scanner = queueLogScanner();
  scanner.load(buf, 0, buf.length);
  const out: { clean: boolean; time: number; k: number[] }[] = [];
  for (let n = scanner.scan(); n > 0; n = scanner.scan()) {
    for (let j = 0; j < n; j++) {
      const f = j * LINE_FLOATS;
      out.push({ clean: scanner.lines32[j * LINE_INTS + 3] === 0, time: scanner.lines64[f] ?? -1, k: [1, 2, 3].map((i) => scanner.lines64[f + i] ?? -1) });
    }
  }
  return out;
}

describe('the queue_log scanner', () => {
  // The .wasm is kept in git (kefu needs no compiler at run time): it must be what its source builds to.
  it('is the build of wasm/queue-log-scan.ts', async () => {
    const kept = readFileSync(fileURLToPath(new URL(`../../../${queueLogScanBinary}`, import.meta.url)));
    expect(Buffer.from(await buildQueueLogScan()).equals(kept)).toBe(true);
  });

  // A clean line the scan flags sends it to the slow path: the figures stay right, the speed goes.
  it('takes clean lines with every digit in the epoch and callids of every length, and reads them right', () => {
    const epochs = ['1234567890', '9876543210', '1700000000', '7', '12345678901'];
    const callIds = Array.from({ length: 21 }, (_, n) => '1700000000.123456789'.padEnd(n, 'x').slice(0, n));
    const lines = epochs.flatMap((t) => callIds.map((id) => `${t}|${id}|Q|A|ENTERQUEUE||1|1\n`));
    const got = scanned(lines.join(''));
    expect(got.every((l) => l.clean)).toBe(true);
    expect(got.map((l) => l.time)).toEqual(epochs.flatMap((t) => callIds.map(() => Number(t))));
    const keys = epochs.flatMap(() => callIds.map((id) => id));
    got.forEach((l, i) => {
      const id = keys[i] ?? '';
      if (id.length > 18) return; // keyed from the bytes by the reader, not packed
      const key = callIdKeyOf(id, new CallIdKey());
      expect(l.k).toEqual([key.k0, key.k1, key.k2]);
    });
  });

  it('is made anew after a block so large its memory would stay grown (a memory never shrinks)', () => {
    const first = queueLogScanner();
    expect(queueLogScanner()).toBe(first);
    const huge = Buffer.alloc(20 << 20, 'x');
    huge[huge.length - 1] = 10;
    first.load(huge, 0, huge.length);
    expect(first.scan()).toBe(1);
    // Another block as large keeps it (a reader whose buffer is still grown); a normal one does not.
    expect(queueLogScanner(huge.length)).toBe(first);
    const next = queueLogScanner(1 << 20);
    expect(next).not.toBe(first);
    expect(scanned('1700000000|c|Q|A|ENTERQUEUE||1|1\n')).toEqual([{ clean: true, time: 1700000000, k: [callIdKeyOf('c', new CallIdKey()).k0, 0, 0] }]);
    expect(queueLogScanner()).toBe(next);
  });

  it('gives each queue name one id, the same on every line, and none to a name it cannot keep', () => {
    const names = ['billing', 'billinG', 'b', 'x'.repeat(32), 'x'.repeat(31), 'support-after-hours-overflow-q1', 'support-after-hours-overflow-q2'];
    const text = [...names, ...names, 'x'.repeat(33), ''].map((q, i) => `1700000000|c${i}|${q}|A|ENTERQUEUE||1|1\n`).join('');
    const buf = Buffer.from(text, 'latin1');
    const scanner = new QueueLogScanner(new WebAssembly.Module(readFileSync(fileURLToPath(new URL('./queue-log-scan.wasm', import.meta.url)))));
    scanner.load(buf, 0, buf.length);
    const ids: number[] = [];
    for (let n = scanner.scan(); n > 0; n = scanner.scan()) for (let j = 0; j < n; j++) ids.push(scanner.lines32[j * LINE_INTS + 20] ?? -1);
    const first = ids.slice(0, names.length);
    expect(new Set(first).size).toBe(names.length);
    expect(first.every((id) => id > 0)).toBe(true);
    expect(ids.slice(names.length, 2 * names.length)).toEqual(first);
    expect(ids.slice(2 * names.length)).toEqual([0, 0]); // 33 bytes; empty
    // Past 1,023 names a new one gets none (the reader reads its bytes itself); known ones keep theirs.
    const many = Array.from({ length: 1100 }, (_, i) => `1700000000|c|q${i}|A|ENTERQUEUE||1|1\n`).join('') + '1700000000|c|billing|A|ENTERQUEUE||1|1\n';
    const more = Buffer.from(many, 'latin1');
    scanner.load(more, 0, more.length);
    const later: number[] = [];
    for (let n = scanner.scan(); n > 0; n = scanner.scan()) for (let j = 0; j < n; j++) later.push(scanner.lines32[j * LINE_INTS + 20] ?? -1);
    expect(later.filter((id) => id > 0).length).toBe(1023 - names.length + 1);
    expect(later.at(-1)).toBe(first[0]);
  });

  it('knows every event of the table by name, and nothing else', () => {
    const names = queueEventNames.slice(1);
    const near = ['CONNECTX', 'connect', 'CONNEC', 'ENTERQUEUF', 'X', 'ATTENDEDTRANSFERS', 'PAUSEAL'];
    // Each with five numeric data fields, so every event's minData and numeric fields are met.
    const lines = [...names, ...near].map((name) => `1700000000|c|Q|A|${name}|1|2|3|4|5\n`).join('');
    const buf = Buffer.from(lines, 'latin1');
    const scanner = queueLogScanner();
    scanner.load(buf, 0, buf.length);
    const codes: number[] = [];
    for (let n = scanner.scan(); n > 0; n = scanner.scan()) {
      for (let j = 0; j < n; j++) codes.push(scanner.lines32[j * LINE_INTS + 3] === 0 ? (scanner.lines32[j * LINE_INTS + 4] ?? -1) : 0);
    }
    expect(codes).toEqual([...names.map((name) => queueEventCode(name)), ...near.map(() => 0)]);
    expect(names.every((name) => queueEventInfo(name) !== undefined)).toBe(true);
  });
});
