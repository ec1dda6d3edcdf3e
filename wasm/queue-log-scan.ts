// The byte scan of `kefu kpi`'s hot path, in AssemblyScript (compiled to
// src/adapters/telephony/queue-log-scan.wasm by `npm run build:wasm`; the .wasm is kept in git and a
// test checks it is this file's build).
//
// Why WebAssembly: the scan of a pipe-format queue_log line (epoch digits, the callid packed into
// numbers, the position of every `|`, the line end, any byte ≥ 0x80) was ~130 ns a line in
// optimized JavaScript, a third of the whole KPI path. Here the fields after the callid are found
// 16 bytes at a time (SIMD compare + bitmask).
//
// The rules stay in TypeScript: the event names and what each needs (queue-log-events.ts) are
// handed in once by defineEvent(); this file applies them as data. A line that is anything but
// clean is flagged for the reader's slow path, which decides what it is and why it is skipped.
//
// Memory: [0, 4096) holds the event table (below); the caller lays out the rest.
// [4096, RESERVED) holds the queue names seen so far (see queueId).
// Input: bytes [from, stop) of linear memory, every line ending with `\n` inside it, and at least
// 48 readable bytes after stop (SIMD loads read past a line's end, queue names up to 32 past its start).
// Output per line, at out32 + 84·line (21 × i32) and out64 + 72·line (9 × f64):
//   i32 0 line start · 1 position of its `\n` · 2 line end without a trailing `\r` · 3 flags (1: not
//       clean, for the slow path) · 4 event code · 5–8 the `|` before callid, queue, agent, event ·
//       9 callid length · 10–19 start and end of data1..data5 · 20 the queue's id (queueId), 0 for none
//   f64 0 epoch · 1–3 the callid packed six bytes per number (CallIdKey) · 4–8 data1..data5 as
//       parsed for a numeric field (an unsigned integer of at most 15 digits, NaN when empty or not
//       digits), -1 for one that is not numeric or past the last present field
// Positions are written plus `bias`, so the caller reads them in its own buffer's coordinates.

const PIPE: u32 = 124;
const NL: u32 = 10;
const CR: u32 = 13;
/** Epochs of more than 11 digits are corrupt lines (queue-log-reader.ts MAX_EPOCH_DIGITS). */
const MAX_EPOCH_DIGITS: usize = 11;
const PACK: usize = 6;
const MAX_PIPES: i32 = 10;

// The event table: per code (1..63) its name's length, minData and numeric fields (bit k = data
// field k) at RULES + 16·code, its name at NAMES + 32·code, and a hash → code table (linear probing).
const RULES: usize = 0;
const NAMES: usize = 1024;
const SLOTS: usize = 3072;
/** Positions of the current line's first ten `|`. */
const PIPES: usize = 3584;
const MAX_CODE: i32 = 63;
const MAX_NAME: usize = 31;

// The queue names: a hash → id table (u16 slots), each id's name zero-padded to 32 bytes, its length.
const QUEUE_SLOTS: usize = 4096;
const QUEUE_SLOT_MASK: usize = 4095;
const QUEUE_NAMES: usize = QUEUE_SLOTS + 2 * 4096;
const QUEUE_LENGTHS: usize = QUEUE_NAMES + 32 * 1024;
const QUEUE_COUNT: usize = QUEUE_LENGTHS + 1024;
const MAX_QUEUES: u32 = 1023;
const MAX_QUEUE_NAME: usize = 32;
/** Bytes of memory this module keeps for itself; the caller lays out the rest after it. */
const RESERVED: i32 = 49152;

export function reservedBytes(): i32 {
  return RESERVED;
}

/** A mask of the low `n` bytes of a word (all eight for n ≥ 8, none for n ≤ 0). */
function lowBytes(n: isize): u64 {
  return n >= 8 ? <u64>-1 : n <= 0 ? 0 : (<u64>1 << (<u64>n << 3)) - 1;
}

/**
 * The id (1..1023) of the queue named by bytes [at, at + len), the same for every line with that
 * name in this instance, so the reader makes its string once and compares queues by id; 0 for an
 * empty or longer name, or once 1023 names are known (the reader then reads the bytes itself).
 */
function queueId(at: usize, len: usize): i32 {
  if (len < 1 || len > MAX_QUEUE_NAME) return 0;
  const n = <isize>len;
  const w0 = load<u64>(at) & lowBytes(n);
  const w1 = load<u64>(at, 8) & lowBytes(n - 8);
  const w2 = load<u64>(at, 16) & lowBytes(n - 16);
  const w3 = load<u64>(at, 24) & lowBytes(n - 24);
  let slot = <usize>(((w0 ^ (w1 * 0x9e3779b97f4a7c15) ^ (w2 * 0xc2b2ae3d27d4eb4f) ^ (w3 * 0x165667b19e3779f9) ^ <u64>len) * 0xff51afd7ed558ccd) >> 52);
  for (;;) {
    const id = <usize>load<u16>(QUEUE_SLOTS + (slot << 1));
    if (id == 0) break;
    const name = QUEUE_NAMES + (id << 5);
    if (<usize>load<u8>(QUEUE_LENGTHS + id) == len && load<u64>(name) == w0 && load<u64>(name, 8) == w1 && load<u64>(name, 16) == w2 && load<u64>(name, 24) == w3) return <i32>id;
    slot = (slot + 1) & QUEUE_SLOT_MASK;
  }
  const count = load<u32>(QUEUE_COUNT);
  if (count >= MAX_QUEUES) return 0;
  const id = <usize>(count + 1);
  store<u32>(QUEUE_COUNT, <u32>id);
  const name = QUEUE_NAMES + (id << 5);
  store<u64>(name, w0);
  store<u64>(name, w1, 8);
  store<u64>(name, w2, 16);
  store<u64>(name, w3, 24);
  store<u8>(QUEUE_LENGTHS + id, <u8>len);
  store<u16>(QUEUE_SLOTS + (slot << 1), <u16>id);
  return <i32>id;
}

function slotOf(at: usize, len: usize): usize {
  return (len * 37 + <usize>load<u8>(at) * 11 + <usize>load<u8>(at + len - 1) * 3 + <usize>load<u8>(at + (len >> 1))) & 255;
}

/** Registers event `code`, whose name the caller wrote at NAMES + 32·code. */
export function defineEvent(code: i32, len: i32, minData: i32, numericMask: i32): void {
  if (code < 1 || code > MAX_CODE || len < 1 || <usize>len > MAX_NAME) unreachable();
  const at = NAMES + (<usize>code << 5);
  store<i32>(RULES + (<usize>code << 4), len);
  store<i32>(RULES + (<usize>code << 4), minData, 4);
  store<i32>(RULES + (<usize>code << 4), numericMask, 8);
  let slot = slotOf(at, <usize>len);
  while (load<u8>(SLOTS + slot) != 0) slot = (slot + 1) & 255;
  store<u8>(SLOTS + slot, <u8>code);
}

/** The code of the event named by bytes [at, at + len), 0 when none. */
function eventCode(at: usize, len: usize): i32 {
  if (len < 1 || len > MAX_NAME) return 0;
  let slot = slotOf(at, len);
  let code = <i32>load<u8>(SLOTS + slot);
  while (code != 0) {
    if (<usize>load<i32>(RULES + (<usize>code << 4)) == len && sameName(at, NAMES + (<usize>code << 5), len)) return code;
    slot = (slot + 1) & 255;
    code = <i32>load<u8>(SLOTS + slot);
  }
  return 0;
}

/** bytes [at, at + len) equal the name at `name`, compared eight bytes at a time (both may be read past len). */
function sameName(at: usize, name: usize, len: usize): bool {
  let i: usize = 0;
  for (; i + 8 <= len; i += 8) if (load<u64>(at + i) != load<u64>(name + i)) return false;
  if (i == len) return true;
  const one: u64 = 1;
  const bits: u64 = (len - i) << 3;
  const tail = (one << bits) - 1;
  return ((load<u64>(at + i) ^ load<u64>(name + i)) & tail) == 0;
}

/** Scans up to maxLines lines from `from`; returns how many it wrote. `stop` must be a line start. */
export function scan(from: usize, stop: usize, out32: usize, out64: usize, maxLines: i32, bias: i32): i32 {
  let i = from;
  let line: i32 = 0;
  const pipe = i8x16.splat(<i8>PIPE);
  const nl = i8x16.splat(<i8>NL);
  while (i < stop && line < maxLines) {
    const o32 = out32 + <usize>line * 84;
    const o64 = out64 + <usize>line * 72;
    const lineStart = i;
    store<i32>(o32, <i32>lineStart + bias);
    // The whole line, 16 bytes at a time: every `|` (the first ten kept), the `\n`, any byte ≥ 0x80.
    let np: i32 = 0;
    let high = 0;
    let nls = 0;
    while (nls == 0) {
      const v = v128.load(i);
      let pipes = i8x16.bitmask(i8x16.eq(v, pipe));
      nls = i8x16.bitmask(i8x16.eq(v, nl));
      let highs = i8x16.bitmask(v);
      if (nls != 0) {
        const below = (1 << ctz(nls)) - 1;
        pipes &= below;
        highs &= below;
      }
      high |= highs;
      while (pipes != 0 && np < MAX_PIPES) {
        store<i32>(PIPES + (<usize>np << 2), <i32>(i + ctz(pipes)));
        np++;
        pipes &= pipes - 1;
      }
      if (nls == 0) i += 16;
    }
    const end = i + ctz(nls);
    let last = end;
    if (end > lineStart && <u32>load<u8>(end - 1) == CR) last--;
    i = end + 1;
    line++;
    // The epoch: 1 to 11 digits, then the first `|`.
    const digitsEnd = np > 0 ? <usize>load<i32>(PIPES) : end;
    const time = epoch(lineStart, digitsEnd);
    // Clean: a valid epoch, ASCII, at least four `|` (the callid ends at the second), a known
    // event, its data fields present and numeric where it says.
    if (time < 0 || high != 0 || np < 4) {
      slow(o32, end, bias);
      continue;
    }
    const idStart = digitsEnd + 1;
    const idLength = <usize>load<i32>(PIPES, 4) - idStart;
    const p4 = <usize>load<i32>(PIPES, 12);
    const p5 = np > 4 ? <usize>load<i32>(PIPES, 16) : last;
    const code = eventCode(p4 + 1, p5 - p4 - 1);
    if (code == 0) {
      slow(o32, end, bias);
      continue;
    }
    const rule = RULES + (<usize>code << 4);
    const numeric = load<i32>(rule, 8);
    // Data field k runs from after the (3 + k)-th `|` to the next one or the line end.
    let count = 0;
    for (let k = 1; k <= 5; k++) {
      const sep = 3 + k;
      let f = last;
      let t = last;
      if (sep < np) {
        f = <usize>load<i32>(PIPES + (<usize>sep << 2)) + 1;
        t = sep + 1 < np ? <usize>load<i32>(PIPES + (<usize>(sep + 1) << 2)) : last;
      }
      store<i32>(o32 + 32 + (<usize>k << 3), <i32>f + bias);
      store<i32>(o32 + 36 + (<usize>k << 3), <i32>t + bias);
      if (t > f) count = k;
    }
    let bad = count < load<i32>(rule, 4);
    for (let k = 1; k <= 5; k++) {
      let value: f64 = -1;
      if (k <= count && (numeric & (1 << k)) != 0) {
        const f = <usize>(load<i32>(o32 + 32 + (<usize>k << 3)) - bias);
        const t = <usize>(load<i32>(o32 + 36 + (<usize>k << 3)) - bias);
        value = digits(f, t);
        if (t > f && isNaN(value)) bad = true;
      }
      store<f64>(o64 + (<usize>(3 + k) << 3), value);
    }
    if (bad) {
      slow(o32, end, bias);
      continue;
    }
    store<i32>(o32, <i32>end + bias, 4);
    store<i32>(o32, <i32>last + bias, 8);
    store<i32>(o32, 0, 12);
    store<i32>(o32, code, 16);
    store<i32>(o32, <i32>digitsEnd + bias, 20);
    store<i32>(o32, load<i32>(PIPES, 4) + bias, 24);
    store<i32>(o32, load<i32>(PIPES, 8) + bias, 28);
    store<i32>(o32, <i32>p4 + bias, 32);
    store<i32>(o32, <i32>idLength, 36);
    const p2 = <usize>load<i32>(PIPES, 4);
    const p3 = <usize>load<i32>(PIPES, 8);
    store<i32>(o32, queueId(p2 + 1, p3 - p2 - 1), 80);
    // The callid packed six bytes a number, as callIdKeyOfBytes does (past 18 bytes the reader
    // keys it from the bytes itself, so k2 need not be exact then).
    const n0 = idLength < PACK ? idLength : PACK;
    const n1 = idLength < 2 * PACK ? idLength - n0 : PACK;
    const n2 = idLength < 3 * PACK ? idLength - n0 - n1 : PACK;
    store<f64>(o64, <f64>time);
    store<f64>(o64, <f64>packed(idStart, n0), 8);
    store<f64>(o64, <f64>packed(idStart + PACK, n1), 16);
    store<f64>(o64, <f64>packed(idStart + 2 * PACK, n2), 24);
  }
  return line;
}

/**
 * The epoch in bytes [from, to): 1 to 11 digits, else -1. Ten digits (every epoch from 2001 to
 * 2286) are read eight at a time (SWAR: the digits checked and combined in one 64-bit word).
 */
function epoch(from: usize, to: usize): i64 {
  const n = to - from;
  if (n == 10) {
    const word = load<u64>(from);
    const tail0 = <u32>load<u8>(from + 8) - 48;
    const tail1 = <u32>load<u8>(from + 9) - 48;
    // Each byte 0x30–0x39: high nibble 3, and still 3 after adding 6 (simdjson's test).
    if (((word & 0xf0f0f0f0f0f0f0f0) | (((word + 0x0606060606060606) & 0xf0f0f0f0f0f0f0f0) >> 4)) != 0x3333333333333333 || tail0 > 9 || tail1 > 9) return -1;
    let v = word & 0x0f0f0f0f0f0f0f0f;
    v = (v * 2561) >> 8;
    v = ((v & 0x00ff00ff00ff00ff) * 6553601) >> 16;
    v = ((v & 0x0000ffff0000ffff) * 42949672960001) >> 32;
    return <i64>v * 100 + <i64>(tail0 * 10 + tail1);
  }
  if (n < 1 || n > MAX_EPOCH_DIGITS) return -1;
  let v: i64 = 0;
  for (let i = from; i < to; i++) {
    const c = <u32>load<u8>(i) - 48;
    if (c > 9) return -1;
    v = v * 10 + <i64>c;
  }
  return v;
}

/** The first `count` (0–6) bytes at `at` as one big-endian number: k = k·256 + byte, as the reader packs. */
function packed(at: usize, count: usize): i64 {
  if (count == 0) return 0;
  const shift: u64 = 64 - (count << 3);
  return <i64>(bswap<u64>(load<u64>(at)) >> shift);
}

/** Flags the line ending at `end` for the slow path; returns where the next line starts. */
function slow(o32: usize, end: usize, bias: i32): usize {
  store<i32>(o32, <i32>end + bias, 4);
  store<i32>(o32, 1, 12);
  return end + 1;
}

/** bytes [from, to) as an unsigned integer of at most 15 digits, else NaN (the reader's parseDigits). */
function digits(from: usize, to: usize): f64 {
  if (to <= from || to - from > 15) return NaN;
  let v: i64 = 0;
  for (let i = from; i < to; i++) {
    const c = <u32>load<u8>(i) - 48;
    if (c > 9) return NaN;
    v = v * 10 + <i64>c;
  }
  return <f64>v;
}
