import { availableParallelism } from 'node:os';
import { open } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { AppError, isAppError } from '../../core/shared/app-error.js';
import { QueueCallTracker, callFigures, type QueueCallState } from '../../core/interactions/call.js';
import { CallIdKey, QueueLogFields, callIdKeyOf, type QueueLogEvent } from '../../core/interactions/queue-log-events.js';
import { KpiAggregator, type KpiGrouping, type KpiReport, type KpiSums, type KpiTargets } from '../../core/kpi/kpi-report.js';
import { ZoneCalendar } from '../../core/kpi/time-zone.js';
import { QueueLogReader, type QueueLogSkip, type SkipReason } from './queue-log-reader.js';
import { cachedBundleForNode } from '../node-bundle.js';

export interface QueueLogKpiOptions {
  by: KpiGrouping;
  thresholdSeconds: number;
  ringLimitSeconds: number;
  timeZone: string;
  /** Zone of local-time strings in CSV exports; defaults to `timeZone`. */
  logTimeZone?: string;
  targets?: KpiTargets;
  /** Every skipped line, in file order. */
  onSkip?: (skip: QueueLogSkip) => void;
  /** Threads reading the file, this one included (default: the machine's cores, at most 8); 1 reads it in one pass. */
  threads?: number;
  /** Size of a segment (default 32 MiB); files under two segments are read in one pass. */
  segmentBytes?: number;
  /** How the file was read (for benchmarks and tests). */
  onRead?: (stats: KpiReadStats) => void;
}

export interface KpiReadStats {
  segments: number;
  /** Segments read by worker threads (the rest by this one). */
  byWorkers: number;
  /** Segments read again in order because they reopened a call pending from earlier ones. */
  reread: number;
  /** Read in one pass after all: a small file, a CSV export, or a log that goes back in time by over a day. */
  onePass: boolean;
}

const DEFAULT_SEGMENT_BYTES = 32 << 20;
const MAX_THREADS = 8;

/**
 * `kefu kpi` as a function (the benchmark times exactly this): stream an Asterisk queue_log through
 * the reader into the call tracker and sum each finished call.
 *
 * A large pipe-format file is read in segments by several threads at once (this one and worker
 * threads), and the result is the one a single pass gives. Each segment is read on its own, with
 * one rule that makes that possible: a call whose first line in the segment is not ENTERQUEUE may
 * have begun in an earlier segment, so its lines are held back rather than counted. Joining the
 * segments in file order then needs only the few calls that cross a boundary: held lines are
 * replayed onto the calls still pending from earlier segments, and the calls still pending at a
 * segment's end are taken over. If a segment opened a call (ENTERQUEUE) under a callid and queue
 * that an earlier segment left pending — a re-entry a single pass would have merged — that
 * segment is read again here, in order, so the figures never depend on how the file was cut.
 * What cannot be joined that way is read in one pass: a log that goes back in time by more than a
 * day (see STALE_AFTER), or one whose first segment has no valid line.
 */
export async function queueLogKpi(path: string, o: QueueLogKpiOptions): Promise<KpiReport> {
  const threads = Math.max(1, Math.min(MAX_THREADS, Math.floor(o.threads ?? availableParallelism())));
  const segmentBytes = Math.max(1, Math.floor(o.segmentBytes ?? DEFAULT_SEGMENT_BYTES));
  // The worker's code is bundled while the file is planned (the first report of a process).
  if (threads > 1) segmentWorkerSource().catch(() => undefined);
  const plan = threads > 1 || o.segmentBytes !== undefined ? await planSegments(path, segmentBytes, threads) : null;
  if (plan === null || plan.bounds.length < 3) {
    o.onRead?.({ segments: 1, byWorkers: 0, reread: 0, onePass: true });
    return singlePass(path, o);
  }
  return segmentedPass(path, plan, threads, o);
}

function aggregatorFor(o: KpiFigureOptions): KpiAggregator {
  return new KpiAggregator({ by: o.by, thresholdSeconds: o.thresholdSeconds, ringLimitSeconds: o.ringLimitSeconds, zone: new ZoneCalendar(o.timeZone), targets: o.targets });
}

/**
 * A line more than this after its call's last line begins a new call (QueueCallTracker). A log
 * that goes back in time by more than this is read in one pass: see segmentedPass.
 */
const STALE_AFTER = 86_400;

function trackerOptions(o: KpiFigureOptions): ConstructorParameters<typeof QueueCallTracker>[1] {
  return { keepMissedRingAgents: o.by === 'agent', keepAnsweringAgents: o.by === 'agent', keepCallerIds: false, reuseCallStates: true, staleAfterSeconds: STALE_AFTER };
}

async function singlePass(path: string, o: QueueLogKpiOptions): Promise<KpiReport> {
  const kpi = aggregatorFor(o);
  const tracker = new QueueCallTracker((call) => kpi.addCall(call), trackerOptions(o));
  const reader = new QueueLogReader({ zone: new ZoneCalendar(o.logTimeZone ?? o.timeZone) });
  const result = await reader.read(path, feed(kpi, tracker), o.onSkip);
  tracker.finish();
  return kpi.report({ lines: result.skipped.lines, reasons: { ...result.skipped.reasons } });
}

/** Each line to the tracker, and its time to the report's period. */
function feed(kpi: KpiAggregator, tracker: QueueCallTracker): (rec: QueueLogEvent) => void {
  let lastTime = Number.NaN;
  return (rec) => {
    // Lines come mostly in time order: only a change of second can move the period's ends.
    if (rec.time !== lastTime) {
      lastTime = rec.time;
      kpi.noteTime(rec.time);
    }
    tracker.apply(rec);
  };
}

interface SegmentPlan {
  bounds: number[];
  /** Each segment reader opens the path anew: this is how it knows the file is still the same one. */
  file: FileIdentity;
}

export interface FileIdentity {
  dev: number;
  ino: number;
}

/**
 * Segment bounds [0, b1, …, size], each at a line start, and which file they are of; null when
 * the file is not worth cutting (a CSV export, whose header every part would need, or one
 * segment's worth).
 *
 * The segments are of one size, at most segmentBytes, and as many as a multiple of the threads:
 * cut at every segmentBytes, a 234 MB log made seven segments, and for the last one a thread
 * read alone while the other had nothing left (~100 ms of a 430 ms two-thread report, measured).
 */
async function planSegments(path: string, segmentBytes: number, threads: number): Promise<SegmentPlan | null> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch {
    return null; // the single pass reports why the file cannot be read
  }
  try {
    const { size, dev, ino } = await fh.stat();
    if (size < 2 * segmentBytes) return null;
    const window = Buffer.allocUnsafe(65_536);
    const head = await fh.read(window, 0, window.length, 0);
    const text = window.toString('latin1', 0, head.bytesRead);
    // The reader decides the format by the first line with a separator; only pipe files are cut.
    const first = text.split('\n').find((l) => l.includes('|') || l.includes(',')) ?? '';
    if (!first.includes('|')) return null;
    const bounds = [0];
    const count = threads * Math.ceil(size / (threads * segmentBytes));
    for (let k = 1; k < count; k++) {
      const nominal = Math.max(1, Math.round((k * size) / count));
      // The next line starts after the first line break at or after nominal - 1.
      let at = nominal - 1;
      let start = -1;
      while (at < size) {
        const { bytesRead } = await fh.read(window, 0, window.length, at);
        const nl = window.subarray(0, bytesRead).indexOf(10);
        if (nl !== -1) {
          start = at + nl + 1;
          break;
        }
        at += bytesRead;
      }
      if (start === -1 || start >= size) break;
      if (start > (bounds[bounds.length - 1] ?? 0)) bounds.push(start);
    }
    bounds.push(size);
    return { bounds, file: { dev, ino } };
  } finally {
    await fh.close();
  }
}

type KpiFigureOptions = Pick<QueueLogKpiOptions, 'by' | 'thresholdSeconds' | 'ringLimitSeconds' | 'timeZone' | 'targets'>;

/** What a segment reader needs: the options minus the callbacks, so they can cross to a worker. */
export interface SegmentOptions extends KpiFigureOptions {
  logTimeZone?: string | undefined;
  collectSkips: boolean;
  /** The file the segments were planned on: a segment of another file (rotated in between) fails. */
  file?: FileIdentity | undefined;
}

/** A held line: one of a call that may have begun in an earlier segment. */
type HeldLine = Omit<QueueLogEvent, 'dataNumber' | 'callLineText'>;

export interface SegmentResult {
  lines: number;
  /** Valid lines: a first segment with none cannot say whether the file is a queue_log at all. */
  records: number;
  skipped: { lines: number; reasons: Partial<Record<SkipReason, number>> };
  /** Skipped lines with line numbers counted from the segment's start (collectSkips only). */
  skips: QueueLogSkip[];
  sums: KpiSums;
  /**
   * The callid hash of every call the segment's own tracker handed over or left pending (all but
   * the held ones: those it opened with ENTERQUEUE, or began anew after a day's silence), in no order. The joining
   * thread looks its few pending calls up in it; keeping it sorted or hashed here cost more (~50 ns
   * a call) than that scan.
   */
  opened: Int32Array;
  held: HeldLine[];
  /** Calls opened in the segment and still pending at its end. */
  pending: QueueCallState[];
  /** Earliest and latest line time in the segment. */
  earliest: number;
  latest: number;
  /** How far a line went back in time behind the latest line before it in the segment (seconds). */
  backJump: number;
  /**
   * The segment kept more lines and calls than a segment should (MAX_KEPT): a log with no
   * ENTERQUEUE lines, or all garbage with --verbose. Nothing of it is used; it is read again in order.
   */
  overflow: boolean;
}

/**
 * Held lines, pending calls and skipped lines a segment may hand back. A normal segment keeps a
 * few hundred (calls across its ends); without a bound, a log of nothing but partial calls would
 * keep every line of every segment in flight in memory.
 */
const MAX_KEPT = 50_000;

/** Reads bytes [start, end) of the file on its own (see queueLogKpi). Runs in worker threads and in this one. */
export async function readKpiSegment(path: string, start: number, end: number, o: SegmentOptions): Promise<SegmentResult> {
  // Two segments read at once in one thread (two reports in one process) cannot share the
  // thread's callbacks: the second gets closures of its own.
  const shared = active === null;
  const segment = new SegmentSums(o, shared);
  const skips: QueueLogSkip[] = [];
  const reader = new QueueLogReader({ zone: new ZoneCalendar(o.logTimeZone ?? o.timeZone), startOffset: start, endOffset: end, expectFile: o.file && { ...o.file, minSize: end } });
  if (shared) active = segment;
  try {
    const result = await reader.read(path, shared ? onSegmentRecord : (rec) => segment.record(rec), o.collectSkips ? (s) => void (skips.length < MAX_KEPT && skips.push(s)) : undefined);
    return segment.result(result.lines, result.records, result.skipped, skips);
  } finally {
    if (shared) active = null;
  }
}

/** The segment a thread is reading: one at a time in each thread (see onSegmentRecord). */
let active: SegmentSums | null = null;

/**
 * The reader's and the tracker's callbacks for segments: the same two functions for every
 * segment. A new closure per segment would make the hot call sites see a new target every 32 MiB;
 * V8 then stops inlining them, and a segmented read was 16% slower than one pass (measured).
 */
function onSegmentRecord(rec: QueueLogEvent): void {
  (active as SegmentSums).record(rec);
}
function onSegmentCall(call: QueueCallState): void {
  (active as SegmentSums).call(call);
}

class SegmentSums {
  private readonly kpi: KpiAggregator;
  private readonly tracker: QueueCallTracker;
  private readonly scratch = new CallIdKey();
  private readonly held: HeldLine[] = [];
  private opened = new Int32Array(1 << 16);
  private openedCount = 0;
  private lastTime = Number.NaN;
  private earliest = Number.POSITIVE_INFINITY;
  private latest = Number.NEGATIVE_INFINITY;
  private backJump = 0;
  overflow = false;

  constructor(o: SegmentOptions, shared: boolean) {
    this.kpi = aggregatorFor(o);
    const onCall = shared ? onSegmentCall : (call: QueueCallState) => this.call(call);
    this.tracker = new QueueCallTracker(onCall, {
      ...trackerOptions(o),
      onHeldLine: (e) => {
        if (this.held.length < MAX_KEPT) this.held.push(heldLine(e));
        else this.overflow = true;
      },
    });
  }

  record(rec: QueueLogEvent): void {
    const time = rec.time;
    if (time !== this.lastTime) {
      // Lines come mostly in time order: only a change of second can move the period's ends.
      this.lastTime = time;
      this.kpi.noteTime(time);
      if (time > this.latest) this.latest = time;
      else if (this.latest - time > this.backJump) this.backJump = this.latest - time;
      if (time < this.earliest) this.earliest = time;
    }
    this.tracker.apply(rec);
  }

  call(call: QueueCallState): void {
    this.noteOpened(call);
    this.kpi.addCall(call);
  }

  result(lines: number, records: number, skipped: SegmentResult['skipped'], skips: QueueLogSkip[]): SegmentResult {
    const pending: QueueCallState[] = [];
    this.tracker.forEachPending((call) => {
      this.noteOpened(call);
      if (pending.length < MAX_KEPT) pending.push(plainState(call));
      else this.overflow = true;
    });
    if (this.overflow || skips.length >= MAX_KEPT) {
      return { ...this.times(), lines, records, skipped, skips: [], sums: this.kpi.sums(), opened: new Int32Array(0), held: [], pending: [], overflow: true };
    }
    return { ...this.times(), lines, records, skipped, skips, sums: this.kpi.sums(), opened: this.opened.slice(0, this.openedCount), held: this.held, pending, overflow: false };
  }

  private times(): Pick<SegmentResult, 'earliest' | 'latest' | 'backJump'> {
    return { earliest: this.earliest, latest: this.latest, backJump: this.backJump };
  }

  private noteOpened(call: QueueCallState): void {
    if (this.openedCount === this.opened.length) {
      const bigger = new Int32Array(this.opened.length * 2);
      bigger.set(this.opened);
      this.opened = bigger;
    }
    this.opened[this.openedCount++] = callIdHashOf(call, this.scratch);
  }
}

/** The tracker's hash of the callid (callIdKeyOf): at hand for its own states, so no string is hashed per call. */
function callIdHashOf(call: QueueCallState, scratch: CallIdKey): number {
  return call.callIdHash ?? callIdKeyOf(call.callId, scratch).hash;
}

function heldLine(e: QueueLogEvent): HeldLine {
  return { time: e.time, callId: e.callId, queue: e.queue, agent: e.agent, event: e.event, data1: e.data1, data2: e.data2, data3: e.data3, data4: e.data4, data5: e.data5 };
}

/** The state's own fields only: the tracker's object links its neighbours, which must not be copied to another thread. */
function plainState(s: QueueCallState): QueueCallState {
  return { callId: s.callId, queue: s.queue, ...callFigures(s), next: null };
}

async function segmentedPass(path: string, plan: SegmentPlan, threads: number, o: QueueLogKpiOptions): Promise<KpiReport> {
  const { bounds } = plan;
  const segmentOptions: SegmentOptions = {
    by: o.by,
    thresholdSeconds: o.thresholdSeconds,
    ringLimitSeconds: o.ringLimitSeconds,
    timeZone: o.timeZone,
    logTimeZone: o.logTimeZone,
    targets: o.targets,
    collectSkips: o.onSkip !== undefined,
    file: plan.file,
  };
  const segments = bounds.length - 1;
  // Handled from the start: a segment may fail while the join still waits for an earlier one.
  const results = Array.from({ length: segments }, () => {
    const d = deferred<SegmentResult>();
    d.promise.catch(() => undefined);
    return d;
  });
  let next = 0;
  let failed = false;
  let closed = false;
  let byWorkers = 0;
  let reread = 0;
  const workers: SegmentWorker[] = [];

  // Each thread takes the next segment until none is left; this one too, so the workers' start-up
  // overlaps useful work. Results are joined in file order below, as they arrive.
  const take = async (read: (start: number, end: number) => Promise<SegmentResult>): Promise<void> => {
    while (next < segments && !failed) {
      const k = next++;
      try {
        results[k]?.resolve(await read(bounds[k] ?? 0, bounds[k + 1] ?? 0));
      } catch (e) {
        failed = true;
        results[k]?.reject(e);
        return;
      }
    }
  };
  const readers: Promise<void>[] = [];
  // Skipped lines already reported, should the file have to be read again in one pass.
  let reportedThrough = 0;
  const onSkip = o.onSkip && ((s: QueueLogSkip) => ((reportedThrough = s.lineNumber), o.onSkip?.(s)));
  let onePass = false;
  try {
    for (let i = 1; i < threads && i < segments; i++) {
      readers.push(
        SegmentWorker.acquire().then(
          async (worker) => {
            // Started after the pass gave up (a log read in one pass after all): the release in
            // `finally` has run already, and a new worker left referenced keeps the process alive.
            if (closed) return worker.release();
            workers.push(worker);
            // Ready after the work was done (a small file), or after a failure: not needed.
            if (!closed)
              await take((start, end) => {
                byWorkers++;
                return worker.read(path, start, end, segmentOptions);
              });
          },
          // No worker (esbuild missing, threads refused): the other threads read its share.
          () => undefined,
        ),
      );
    }
    readers.push(take((start, end) => readKpiSegment(path, start, end, segmentOptions)));

    const kpi = aggregatorFor(o);
    const tracker = new QueueCallTracker((call) => kpi.addCall(call), trackerOptions(o));
    const reasons: Partial<Record<SkipReason, number>> = {};
    let skippedLines = 0;
    let lineBase = 0;
    let latest = Number.NEGATIVE_INFINITY;
    const scratch = new CallIdKey();
    const pendingIds = new Set<number>();
    // A bit per low 16 bits of each pending call's hash: nearly every id a segment opened fails that
    // test, and only the rest ask the Set. Set#has for each of a segment's ~125,000 ids was 2.5–15 ms
    // of the joining thread per 32 MiB (measured), which also reads segments of its own.
    const pendingBits = new Int32Array(2048);
    const logZone = new ZoneCalendar(o.logTimeZone ?? o.timeZone);
    for (let k = 0; k < segments; k++) {
      const r = await (results[k] as Deferred<SegmentResult>).promise;
      // Joined below: its held lines, pending calls and callid list need not live to the end.
      results[k] = settled;
      if (Math.max(r.backJump, latest - r.earliest) > STALE_AFTER || (k === 0 && r.records === 0)) {
        // The log goes back in time by more than a day here (files concatenated newest first?):
        // when a call counts as over then depends on the order lines were read in. Or its first
        // segment has no valid line: whether it is a queue_log at all is the whole file's to say.
        // Either way only the one pass gives the one-pass result.
        onePass = true;
        break;
      }
      latest = Math.max(latest, r.latest);
      pendingIds.clear();
      pendingBits.fill(0);
      tracker.forEachPending((call) => {
        const id = callIdHashOf(call, scratch);
        pendingIds.add(id);
        const word = (id >>> 5) & 2047;
        pendingBits[word] = (pendingBits[word] as number) | (1 << (id & 31));
      });
      let conflict = false;
      // The same callid (in any queue: a collision or an overflow only costs a reread).
      const opened = r.opened;
      if (pendingIds.size > 0) {
        for (let i = 0; i < opened.length && !conflict; i++) {
          const id = opened[i] as number;
          if (((pendingBits[(id >>> 5) & 2047] as number) & (1 << (id & 31))) !== 0 && pendingIds.has(id)) conflict = true;
        }
      }
      if (conflict || r.overflow) {
        // A call pending from earlier segments was opened again here (or the segment kept too
        // much to hand back): read this segment in order.
        reread++;
        const end = bounds[k + 1] ?? 0;
        const reader = new QueueLogReader({ zone: logZone, startOffset: bounds[k], endOffset: end, startLine: lineBase, expectFile: { ...plan.file, minSize: end } });
        const again = await reader.read(path, feed(kpi, tracker), onSkip);
        addSkipped(again.skipped);
        lineBase += again.lines;
        continue;
      }
      kpi.absorb(r.sums);
      if (onSkip) for (const s of r.skips) onSkip({ ...s, lineNumber: s.lineNumber + lineBase });
      addSkipped(r.skipped);
      for (const line of r.held) tracker.apply(new QueueLogFields(line));
      for (const call of r.pending) tracker.adopt(call);
      tracker.releaseSilentBefore(r.latest);
      lineBase += r.lines;
    }
    if (!onePass) {
      await Promise.all(readers);
      tracker.finish();
      o.onRead?.({ segments, byWorkers, reread, onePass: false });
      return kpi.report({ lines: skippedLines, reasons });
    }

    function addSkipped(s: SegmentResult['skipped']): void {
      skippedLines += s.lines;
      for (const [reason, n] of Object.entries(s.reasons) as [SkipReason, number][]) reasons[reason] = (reasons[reason] ?? 0) + n;
    }
  } finally {
    failed = true;
    closed = true;
    // A worker that is idle goes back to the pool for the next report; one still reading (an
    // error, or a pass abandoned for the one-pass read) is stopped.
    await Promise.all(workers.map((w) => w.release()));
    // This thread may be in the middle of a segment: let it end before the result (or error) is
    // handed back, so no reading goes on after the call has returned.
    await Promise.allSettled(readers);
  }
  o.onRead?.({ segments: 1, byWorkers: 0, reread: 0, onePass: true });
  return singlePass(path, { ...o, onSkip: o.onSkip && ((s) => s.lineNumber > reportedThrough && o.onSkip?.(s)) });
}

/** What a joined segment's slot holds (its result was used; the reader resolved it already). */
const settled: Deferred<SegmentResult> = { promise: Promise.resolve(null as unknown as SegmentResult), resolve: () => undefined, reject: () => undefined };

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (v: T) => void;
  reject: (e: unknown) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Messages between this thread and a segment worker (kpi-segment-worker.ts). */
export type SegmentRequest = { path: string; start: number; end: number; options: SegmentOptions };
export type SegmentReply = { ok: true; result: SegmentResult } | { ok: false; message: string; validation: boolean };

let workerSource: Promise<string> | null = null;

/**
 * The worker's code as one script, bundled from the TypeScript sources by esbuild and kept in
 * node_modules/.cache/kefu while they are unchanged (cachedBundleForNode), so a one-off `kefu kpi`
 * does not wait for esbuild. A worker that registered tsx instead started a loader thread of its
 * own: +40 MB and +130 ms per worker (measured).
 */
function segmentWorkerSource(): Promise<string> {
  workerSource ??= cachedBundleForNode(new URL('./kpi-segment-worker.ts', import.meta.url), fileURLToPath(new URL('../../../node_modules/.cache/kefu/kpi-segment-worker.cjs', import.meta.url)), { format: 'cjs' });
  return workerSource;
}

/**
 * Workers kept for the process's next report. Starting one (a thread, compiling the bundle, and
 * the JIT's warm-up on its first segment) cost more CPU than the segment it read (measured: a
 * two-thread report spent 0.6–0.9 s more CPU than one pass on a 234 MB log). An idle worker is
 * unref'd: it never keeps the process alive.
 */
const idleWorkers: SegmentWorker[] = [];

/**
 * The bundle is CommonJS: a process started with --input-type=module would have the worker read it
 * as a module, so that flag (and its value) is left out. Otherwise execArgv is not passed at all: an
 * explicit list is checked, and flags a worker cannot take (--max-old-space-size, --expose-gc) would
 * refuse the worker, where inherited they are ignored.
 */
export function workerOptions(execArgv: readonly string[]): WorkerOptions {
  const at = execArgv.findIndex((a) => a === '--input-type' || a.startsWith('--input-type='));
  if (at === -1) return { eval: true };
  const drop = execArgv[at] === '--input-type' ? 2 : 1;
  return { eval: true, execArgv: [...execArgv.slice(0, at), ...execArgv.slice(at + drop)] };
}

/** One worker thread reading one segment at a time. */
class SegmentWorker {
  private waiting: Deferred<SegmentResult> | null = null;
  private stopped: string | null = null;
  /** Being terminated: stays referenced until it has exited, so the caller's await is not left unsettled. */
  private stopping = false;

  private constructor(private readonly worker: Worker) {
    this.worker.on('message', (reply: SegmentReply) => {
      const w = this.waiting;
      this.waiting = null;
      if (!this.stopping) this.worker.unref();
      if (reply.ok) w?.resolve(reply.result);
      else w?.reject(reply.validation ? AppError.validation(reply.message) : new Error(reply.message));
    });
    this.worker.on('messageerror', (e) => {
      this.waiting?.reject(e);
      this.waiting = null;
    });
    this.worker.on('error', (e) => {
      this.stopped = e.message;
      this.waiting?.reject(e);
      this.waiting = null;
    });
    this.worker.on('exit', (code) => {
      this.stopped ??= `kpi worker stopped (exit code ${code})`;
      this.waiting?.reject(new Error(this.stopped));
      this.waiting = null;
    });
  }

  /** An idle worker from the pool, or a new one. */
  static async acquire(): Promise<SegmentWorker> {
    for (let w = idleWorkers.pop(); w !== undefined; w = idleWorkers.pop()) {
      if (w.stopped === null) return w;
    }
    return new SegmentWorker(new Worker(await segmentWorkerSource(), workerOptions(process.execArgv)));
  }

  read(path: string, start: number, end: number, options: SegmentOptions): Promise<SegmentResult> {
    // A worker that stopped while idle would never answer.
    if (this.stopped !== null) return Promise.reject(new Error(this.stopped));
    const d = deferred<SegmentResult>();
    this.waiting = d;
    // While it reads, the worker keeps the process alive (the caller awaits its answer).
    this.worker.ref();
    this.worker.postMessage({ path, start, end, options } satisfies SegmentRequest);
    return d.promise;
  }

  /** Back to the pool when idle and well; stopped otherwise. */
  async release(): Promise<void> {
    if (this.waiting === null && this.stopped === null && idleWorkers.length < MAX_THREADS) {
      this.worker.unref();
      idleWorkers.push(this);
      return;
    }
    this.stopping = true;
    this.worker.ref();
    await this.worker.terminate();
  }
}

/** The worker's side: read each requested segment and send the result back. */
export async function answerSegmentRequest(request: SegmentRequest): Promise<SegmentReply> {
  try {
    return { ok: true, result: await readKpiSegment(request.path, request.start, request.end, request.options) };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e), validation: isAppError(e) && e.code === 'VALIDATION' };
  }
}
