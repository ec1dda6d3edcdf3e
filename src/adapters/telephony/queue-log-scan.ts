import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { queueEventInfoByCode, queueEventNames } from '../../core/interactions/queue-log-events.js';

/**
 * The WebAssembly byte scan of pipe-format queue_log lines (source: wasm/queue-log-scan.ts, built
 * by `npm run build:wasm`). It finds each clean line's fields and checks them against the event
 * table of queue-log-events.ts, handed to it here; every other line is flagged for the reader's
 * slow path.
 * One scanner per thread, used within one synchronous block() call at a time, so two readers in
 * one thread (two reports at once) can share it.
 */
export class QueueLogScanner {
  /** Per scanned line: 21 × i32 (see wasm/queue-log-scan.ts for the slots). */
  lines32: Int32Array;
  /** Per scanned line: 9 × f64. */
  lines64: Float64Array;
  private memory: WebAssembly.Memory;
  private bytes: Uint8Array;
  private readonly run: (from: number, stop: number, out32: number, out64: number, maxLines: number, bias: number) => number;
  private from = 0;
  private stop = 0;
  private bias = 0;
  /** Memory grown past KEEP_BYTES for one huge block: see queueLogScanner. */
  oversized = false;
  /**
   * By the scan's queue id (slot 20 of a line): the queue's name, made by the reader the first time
   * it needs it. Ids belong to this instance (they stay the same for as long as it lives).
   */
  readonly queueNames: (string | undefined)[] = [];

  constructor(module: WebAssembly.Module) {
    const instance = new WebAssembly.Instance(module, {});
    const exports = instance.exports as {
      memory: WebAssembly.Memory;
      scan: QueueLogScanner['run'];
      defineEvent: (code: number, length: number, minData: number, numericMask: number) => void;
      reservedBytes: () => number;
    };
    if (exports.reservedBytes() !== OUT32_AT) throw new Error(`queue_log scanner: the module keeps ${exports.reservedBytes()} bytes, the loader expects ${OUT32_AT}`);
    this.memory = exports.memory;
    this.run = exports.scan;
    const names = new Uint8Array(exports.memory.buffer, EVENT_NAMES_AT, 64 * 32);
    for (let code = 1; code < queueEventNames.length; code++) {
      const name = queueEventNames[code] ?? '';
      const info = queueEventInfoByCode(code);
      if (info === undefined || code > 63 || name.length > 31) throw new Error(`queue_log scanner: event table entry ${code} (${name}) does not fit`);
      for (let i = 0; i < name.length; i++) names[code * 32 + i] = name.charCodeAt(i);
      exports.defineEvent(code, name.length, info.minData, info.numeric.reduce((mask, k) => mask | (1 << k), 0));
    }
    this.bytes = new Uint8Array(0);
    this.lines32 = new Int32Array(0);
    this.lines64 = new Float64Array(0);
    this.ensure(1 << 20);
  }

  /** Copies buf[from, stop) (whole lines) in; scan() then walks it. */
  load(buf: Uint8Array, from: number, stop: number): void {
    this.ensure(stop - from);
    this.bytes.set(buf.subarray(from, stop), INPUT_AT);
    this.from = INPUT_AT;
    this.stop = INPUT_AT + (stop - from);
    // Positions come back in buf's coordinates.
    this.bias = from - INPUT_AT;
  }

  /** Scans the next lines (at most MAX_LINES) into lines32/lines64; 0 when all are done. */
  scan(): number {
    if (this.from >= this.stop) return 0;
    const n = this.run(this.from, this.stop, OUT32_AT, OUT64_AT, MAX_LINES, this.bias);
    // Slot 1 of the last line: its `\n`, in buf's coordinates.
    this.from = (this.lines32[(n - 1) * LINE_INTS + 1] ?? 0) - this.bias + 1;
    return n;
  }

  private ensure(inputBytes: number): void {
    const need = memoryFor(inputBytes);
    const have = this.memory.buffer.byteLength;
    if (need <= have && this.bytes.byteLength > 0) return;
    if (need > have) this.memory.grow(Math.ceil((need - have) / 65_536));
    if (need > KEEP_BYTES) this.oversized = true;
    const buffer = this.memory.buffer;
    this.bytes = new Uint8Array(buffer);
    this.lines32 = new Int32Array(buffer, OUT32_AT, MAX_LINES * LINE_INTS);
    this.lines64 = new Float64Array(buffer, OUT64_AT, MAX_LINES * LINE_FLOATS);
  }
}

/** Slots per line in lines32 and lines64 (wasm/queue-log-scan.ts). */
export const LINE_INTS = 21;
export const LINE_FLOATS = 9;
/** Lines per scan() call: their output (156 bytes each) stays in the core's cache. */
const MAX_LINES = 4096;
/** [0, 4096) is the module's event table (its names start at 1024), [4096, 49152) its queue names. */
const EVENT_NAMES_AT = 1024;
const OUT32_AT = 49152;
const OUT64_AT = OUT32_AT + MAX_LINES * LINE_INTS * 4;
const INPUT_AT = OUT64_AT + MAX_LINES * LINE_FLOATS * 8;

let compiled: WebAssembly.Module | null = null;
let scanner: QueueLogScanner | null = null;

/**
 * A WebAssembly memory never shrinks: a scanner that held one huge line (a 200 MB line of garbage)
 * would keep that much for the thread's life, and KPI workers live on in their pool. Such a scanner
 * is dropped, to be collected, and the next block gets a new one.
 */
const KEEP_BYTES = 16 << 20;

/** Memory a block of `inputBytes` needs: 48 bytes after the input, as the scan reads up to 15 past a line's end and 32 past a queue name's start. */
function memoryFor(inputBytes: number): number {
  return INPUT_AT + inputBytes + 48;
}

/**
 * This thread's scanner, for a block of `inputBytes` (whole lines). The .wasm sits beside this
 * file (also for a bundle: see bundleForNode). An oversized scanner is replaced only when the block
 * would fit a new one: while a reader's buffer is still grown, replacing it at every block cost a
 * new instance and memory each time (a 152 MB log after one 20 MiB line read 1.4× slower, measured).
 */
export function queueLogScanner(inputBytes = 0): QueueLogScanner {
  compiled ??= new WebAssembly.Module(readFileSync(fileURLToPath(new URL('./queue-log-scan.wasm', import.meta.url))));
  if (scanner === null || (scanner.oversized && memoryFor(inputBytes) <= KEEP_BYTES)) scanner = new QueueLogScanner(compiled);
  return scanner;
}
