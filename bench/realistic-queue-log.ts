import { closeSync, openSync, writeSync } from 'node:fs';
import { seededRandom } from './seeded-random.js';

/**
 * A queue_log as a PBX writes it (issue #19): a centre of `agents` agents on `queues` queues over as
 * many days as the calls need, arrivals following the hours of a service day, calls overlapping in
 * time, and every line in timestamp order — so one call's lines are spread across the file between
 * other calls' lines and the member events (ADDMEMBER, PAUSE, UNPAUSE, REMOVEMEMBER) of the shifts.
 *
 * Per call: ENTERQUEUE; RINGNOANSWER retries while agents do not pick up; then CONNECT and a
 * COMPLETECALLER / COMPLETEAGENT, a BLINDTRANSFER or an ATTENDEDTRANSFER; or ABANDON,
 * EXITWITHTIMEOUT, EXITEMPTY or EXITWITHKEY. An agent takes one call at a time: a call that finds
 * nobody free waits, and callers give up. Call ids are Asterisk's (`1700000000.1234`: the channel's
 * creation second and a running channel number). A small share of lines is malformed (cut short, a
 * non-numeric time), as a log copied from a crashed PBX has.
 */
export interface RealisticLogOptions {
  calls: number;
  agents?: number;
  queues?: number;
  /** Share of malformed lines (default 1 in 50,000). */
  malformedShare?: number;
  seed?: number;
}

export interface RealisticLogStats {
  lines: number;
  calls: number;
  malformed: number;
  days: number;
}

// Relative arrivals per hour of the day: a service line open 24 h, busiest 9–11 and 14–17.
const HOURLY = [1, 0.6, 0.4, 0.3, 0.3, 0.5, 1.2, 3, 6.5, 9, 9.5, 8, 6, 7, 8.5, 9, 8.5, 7, 5.5, 4.5, 4, 3.5, 2.5, 1.6];
const HOURLY_SUM = HOURLY.reduce((a, b) => a + b, 0);
const DAY0 = 1_767_225_600; // 2026-01-01T00:00:00Z

/** A binary min-heap of pending lines by time, then by the order they were scheduled (stable). */
class LineHeap {
  private times: number[] = [];
  private orders: number[] = [];
  private texts: string[] = [];
  private seq = 0;
  get size(): number {
    return this.times.length;
  }
  peekTime(): number {
    return this.times[0] ?? Number.POSITIVE_INFINITY;
  }
  push(time: number, text: string): void {
    const order = this.seq++;
    let i = this.times.length;
    this.times.push(time);
    this.orders.push(order);
    this.texts.push(text);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }
  pop(): string {
    const top = this.texts[0] as string;
    const last = this.times.length - 1;
    this.swap(0, last);
    this.times.pop();
    this.orders.pop();
    this.texts.pop();
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.times.length && this.less(l, m)) m = l;
      if (r < this.times.length && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return top;
  }
  private less(a: number, b: number): boolean {
    const ta = this.times[a] as number;
    const tb = this.times[b] as number;
    return ta < tb || (ta === tb && (this.orders[a] as number) < (this.orders[b] as number));
  }
  private swap(a: number, b: number): void {
    [this.times[a], this.times[b]] = [this.times[b] as number, this.times[a] as number];
    [this.orders[a], this.orders[b]] = [this.orders[b] as number, this.orders[a] as number];
    [this.texts[a], this.texts[b]] = [this.texts[b] as string, this.texts[a] as string];
  }
}

export function generateRealisticQueueLog(path: string, options: RealisticLogOptions): RealisticLogStats {
  const agents = options.agents ?? 120;
  const queueCount = options.queues ?? 5;
  const malformedShare = options.malformedShare ?? 1 / 50_000;
  const random = seededRandom(options.seed ?? 0x71756575);
  const int = (n: number): number => Math.floor(random() * n);
  const queues = ['10086-general', 'billing', 'broadband', 'complaints', 'vip', 'english', 'repairs', 'sales'].slice(0, queueCount);
  const agentNames = Array.from({ length: agents }, (_, i) => `PJSIP/${8000 + i}`);
  // Busy line: an agent takes ~70 calls a day at the peak; size the day so the centre is loaded, not idle.
  const callsPerDay = Math.max(500, Math.round(agents * 70));
  const days = Math.ceil(options.calls / callsPerDay);

  const fd = openSync(path, 'w');
  let out = '';
  let lines = 0;
  let malformed = 0;
  const write = (text: string): void => {
    if (random() < malformedShare) {
      malformed++;
      // Cut short mid-line, or a time the PBX never writes.
      text = random() < 0.5 ? text.slice(0, Math.max(3, text.indexOf('|', text.indexOf('|') + 1))) : `x${text}`;
    }
    out += text + '\n';
    lines++;
    if (out.length > 1 << 20) {
      writeSync(fd, out);
      out = '';
    }
  };

  const heap = new LineHeap();
  const at = (time: number, text: string): void => heap.push(time, `${time}|${text}`);
  const flushUntil = (time: number): void => {
    while (heap.size > 0 && heap.peekTime() <= time) write(heap.pop());
  };

  // Agents work shifts: the early (07–16), the day (09–18) and the late (14–23) shift; a few stay the night.
  const busyUntil = new Float64Array(agents);
  const shiftOf = (a: number): [number, number] => (a % 10 === 0 ? [0, 24] : a % 3 === 0 ? [7, 16] : a % 3 === 1 ? [9, 18] : [14, 23]);
  let channel = 1000;
  let made = 0;

  for (let day = 0; day < days && made < options.calls; day++) {
    const dayStart = DAY0 + day * 86_400;
    // Member events of the day's shifts (written as they happen: in time order with the calls).
    for (let a = 0; a < agents; a++) {
      const [from, to] = shiftOf(a);
      const q = queues[a % queues.length] as string;
      const member = agentNames[a] as string;
      at(dayStart + from * 3600 + int(600), `NONE|${q}|${member}|ADDMEMBER|`);
      const lunch = dayStart + Math.floor((from + to) / 2) * 3600 + int(1800);
      at(lunch, `NONE|${q}|${member}|PAUSE|午餐`);
      at(lunch + 1800 + int(900), `NONE|${q}|${member}|UNPAUSE|`);
      if (to < 24) at(dayStart + to * 3600 - int(600), `NONE|${q}|${member}|REMOVEMEMBER|`);
    }
    const todays = Math.min(callsPerDay, options.calls - made);
    for (let hour = 0; hour < 24; hour++) {
      const inHour = Math.round((todays * (HOURLY[hour] as number)) / HOURLY_SUM);
      const hourStart = dayStart + hour * 3600;
      // Arrivals spread over the hour (sorted uniform draws = a Poisson process's arrival times).
      const arrivals = Array.from({ length: inHour }, () => hourStart + int(3600)).sort((x, y) => x - y);
      for (const t0 of arrivals) {
        if (made >= options.calls) break;
        flushUntil(t0 - 1);
        made++;
        const id = `${t0}.${channel++}`;
        const queue = queues[int(queues.length)] as string;
        const caller = `13${int(10) + 0}${String(int(100_000_000)).padStart(8, '0')}`;
        at(t0, `${id}|${queue}|NONE|ENTERQUEUE||${caller}|${1 + int(5)}`);
        const r = random();
        if (r < 0.01) {
          at(t0 + 1, `${id}|${queue}|NONE|EXITEMPTY|1|1|1`);
          continue;
        }
        if (r < 0.02) {
          at(t0 + 5 + int(20), `${id}|${queue}|NONE|EXITWITHKEY|9|1|${5 + int(20)}|1`);
          continue;
        }
        // Who picks up: a free agent, after ringing some who do not answer.
        let t = t0 + int(8);
        let retries = 0;
        let connected = -1;
        const patience = 20 + int(160);
        while (t - t0 < patience) {
          const start = int(agents);
          let free = -1;
          for (let k = 0; k < agents; k++) {
            const a = (start + k) % agents;
            const [from, to] = shiftOf(a);
            const hourOfDay = Math.floor((t - dayStart) / 3600);
            if ((busyUntil[a] as number) <= t && hourOfDay >= from && hourOfDay < to) {
              free = a;
              break;
            }
          }
          if (free < 0) {
            t += 5 + int(10);
            continue;
          }
          if (random() < 0.12 && retries < 3) {
            // Rang 15 s and nobody picked up; the queue tries someone else.
            at(t + 15, `${id}|${queue}|${agentNames[free]}|RINGNOANSWER|15000`);
            busyUntil[free] = t + 15;
            retries++;
            t += 16;
            continue;
          }
          connected = free;
          break;
        }
        if (connected < 0) {
          // Nobody free in time: the caller hangs up, or the queue times out at 300 s.
          if (random() < 0.8) at(t0 + patience, `${id}|${queue}|NONE|ABANDON|1|1|${patience}`);
          else at(t0 + 300, `${id}|${queue}|NONE|EXITWITHTIMEOUT|1|1|300`);
          continue;
        }
        const ring = 1 + int(14);
        const answeredAt = t + ring;
        const wait = answeredAt - t0;
        const talk = 30 + Math.floor(-Math.log(1 - random()) * 180);
        const agent = agentNames[connected] as string;
        busyUntil[connected] = answeredAt + talk + 30 + int(60); // wrap-up after the call
        at(answeredAt, `${id}|${queue}|${agent}|CONNECT|${wait}|${id}${connected}|${ring}`);
        const end = answeredAt + talk;
        const how = random();
        if (how < 0.025) at(end, `${id}|${queue}|${agent}|BLINDTRANSFER|8001|default|${wait}|${talk}|1`);
        else if (how < 0.04) at(end, `${id}|${queue}|${agent}|ATTENDEDTRANSFER|BRIDGE|${id}9|${wait}|${talk}|1`);
        else at(end, `${id}|${queue}|${agent}|${how < 0.6 ? 'COMPLETECALLER' : 'COMPLETEAGENT'}|${wait}|${talk}|1`);
      }
    }
  }
  flushUntil(Number.POSITIVE_INFINITY);
  writeSync(fd, out);
  closeSync(fd);
  return { lines, calls: made, malformed, days };
}
