import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildQueueLogScan, queueLogScanBinary } from '../../../scripts/build-wasm.js';
import { queueEventCode, queueEventInfo, queueEventNames } from '../../core/interactions/queue-log-events.js';
import { queueLogScanner, LINE_INTS } from './queue-log-scan.js';

describe('the queue_log scanner', () => {
  // The .wasm is kept in git (kefu needs no compiler at run time): it must be what its source builds to.
  it('is the build of wasm/queue-log-scan.ts', async () => {
    const kept = readFileSync(fileURLToPath(new URL(`../../../${queueLogScanBinary}`, import.meta.url)));
    expect(Buffer.from(await buildQueueLogScan()).equals(kept)).toBe(true);
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
