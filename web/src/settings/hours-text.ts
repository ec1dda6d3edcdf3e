import type { HoursInterval } from './settings-api';

/** `09:00-12:00, 13:30-18:00` ⇄ intervals; how a centre writes its opening hours. */
export function formatIntervals(intervals: readonly HoursInterval[]): string {
  return intervals.map((i) => `${i.start}-${i.end}`).join(', ');
}

const time = /^([01]?\d|2[0-4]):([0-5]\d)$/;

export function parseIntervals(text: string): { ok: true; intervals: HoursInterval[] } | { ok: false } {
  const parts = text.split(/[,，;；]/).map((p) => p.trim()).filter((p) => p !== '');
  const intervals: HoursInterval[] = [];
  for (const part of parts) {
    const [start, end, extra] = part.split(/\s*[-–~～至]\s*/);
    if (!start || !end || extra !== undefined || !time.test(start) || !time.test(end)) return { ok: false };
    const pad = (t: string) => t.padStart(5, '0');
    intervals.push({ start: pad(start), end: pad(end) });
  }
  return { ok: true, intervals };
}
