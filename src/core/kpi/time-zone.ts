import { timeZone, type TimeZone } from '../calendar/time-zone.js';

const HOUR_MS = 3_600_000;

/**
 * Local calendar keys and ISO strings in one IANA zone, fast enough to call once per call in a
 * 10-million-line log: the zone offset is looked up once per UTC hour and the day/hour keys once
 * per local hour; logs are time-ordered, so the last-bucket shortcut hits almost always. Assumes
 * offsets change on whole UTC hours, which holds for every zone a Chinese (or almost any) centre
 * runs in.
 */
export class ZoneCalendar {
  readonly timeZone: string;
  private readonly zone: TimeZone;
  private readonly offsets = new Map<number, number>();
  private lastUtcHour = Number.NaN;
  private lastOffsetMs = 0;
  private lastLocalHour = Number.NaN;
  private lastDayKey = '';
  private lastHourKey = '';

  constructor(timeZoneName: string) {
    // The calendar module's zone knows the exact transitions; this class only adds the per-hour
    // caches that a 10-million-line report needs.
    this.zone = timeZone(timeZoneName, 'tz');
    this.timeZone = this.zone.name;
  }

  /** Milliseconds to add to a UTC instant to get the wall-clock time in this zone. */
  offsetMs(epochMs: number): number {
    const utcHour = Math.floor(epochMs / HOUR_MS);
    if (utcHour === this.lastUtcHour) return this.lastOffsetMs;
    let offset = this.offsets.get(utcHour);
    if (offset === undefined) {
      offset = this.zone.offsetAt(utcHour * HOUR_MS);
      // A report over years touches tens of thousands of hours; keep the cache bounded anyway.
      if (this.offsets.size > 100_000) this.offsets.clear();
      this.offsets.set(utcHour, offset);
    }
    this.lastUtcHour = utcHour;
    this.lastOffsetMs = offset;
    return offset;
  }

  /** `YYYY-MM-DD` of the local day. */
  dayKey(epochMs: number): string {
    this.touchLocalHour(epochMs);
    return this.lastDayKey;
  }

  /** `YYYY-MM-DD HH:00` of the local hour. */
  hourKey(epochMs: number): string {
    this.touchLocalHour(epochMs);
    return this.lastHourKey;
  }

  /** ISO-8601 with the zone's offset, second precision: `2023-02-05T08:09:13+08:00`. */
  iso(epochMs: number): string {
    const offset = this.offsetMs(epochMs);
    const local = new Date(Math.floor(epochMs / 1000) * 1000 + offset).toISOString().slice(0, 19);
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset) / 60_000;
    return `${local}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
  }

  /**
   * The instant at which the zone's clocks showed the given wall-clock time. In a DST gap or
   * overlap this picks the offset in force just before — the same choice most PBXs make.
   */
  localToEpochMs(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
    const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
    // Two rounds: the offset at the naive guess may differ from the one at the true instant.
    const guess = asUtc - this.offsetMs(asUtc);
    return asUtc - this.offsetMs(guess);
  }

  private touchLocalHour(epochMs: number): void {
    const localMs = epochMs + this.offsetMs(epochMs);
    const localHour = Math.floor(localMs / HOUR_MS);
    if (localHour === this.lastLocalHour) return;
    const iso = new Date(localHour * HOUR_MS).toISOString();
    this.lastLocalHour = localHour;
    this.lastDayKey = iso.slice(0, 10);
    this.lastHourKey = `${iso.slice(0, 10)} ${iso.slice(11, 13)}:00`;
  }
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * Parses `YYYY-MM-DD HH:MM:SS` (or with `T`, optional fraction) as wall-clock time in the zone;
 * NaN when the text is not such a date. Hand-rolled: Date.parse is slow and zone-blind.
 */
export function parseLocalDateTime(text: string, zone: ZoneCalendar): number {
  const s = text.trim();
  if (s.length < 19) return Number.NaN;
  const sep = s.charCodeAt(10);
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || (sep !== 32 && sep !== 84) || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) {
    return Number.NaN;
  }
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 7);
  const d = digits(s, 8, 10);
  const h = digits(s, 11, 13);
  const mi = digits(s, 14, 16);
  const se = digits(s, 17, 19);
  if (Number.isNaN(y + mo + d + h + mi + se) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return Number.NaN;
  return zone.localToEpochMs(y, mo, d, h, mi, se);
}

function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return Number.NaN;
    n = n * 10 + c;
  }
  return n;
}
