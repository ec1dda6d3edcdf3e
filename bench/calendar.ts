/**
 * bench:calendar — addWorkdays answers per second for n ≤ 30 over 2020–2026, with Chinese holidays
 * and make-up days, beside a plain-weekday baseline (day-by-day loop over Monday–Friday, the way
 * most helpdesk tools count) measured in the same run on the same queries.
 * Target (issue 4): ≥ 1,000,000 answers/s for the calendar.
 */
import { createCalendar, officeCalendarSpec } from '../src/core/calendar/calendar.js';
import { officialYears } from '../src/core/calendar/data/official-holidays.js';
import { formatLocalDate, ordinalFromCivil } from '../src/core/calendar/local-date.js';
import { seededRandom } from './seeded-random.js';

const QUERIES = 1_000_000;
const ROUNDS = 5;

const random = seededRandom();

const first = ordinalFromCivil(2020, 1, 1);
// Late enough that n = 30 working days still ends inside 2026 (covered years only).
const last = ordinalFromCivil(2026, 11, 15);
const dates: string[] = [];
const counts: number[] = [];
for (let i = 0; i < QUERIES; i++) {
  dates.push(formatLocalDate(first + Math.floor(random() * (last - first + 1))));
  counts.push(Math.floor(random() * 31));
}

const calendar = createCalendar(officeCalendarSpec('Asia/Shanghai'), officialYears);

function plainWeekdays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return d.toISOString().slice(0, 10);
}

function measure(label: string, answer: (date: string, n: number) => string): number {
  let best = 0;
  let check = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < QUERIES; i++) check += answer(dates[i] ?? '', counts[i] ?? 0).length;
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    best = Math.max(best, QUERIES / seconds);
  }
  console.log(`${label.padEnd(58)} ${Math.round(best).toLocaleString('en-US').padStart(12)} answers/s  (best of ${ROUNDS} × ${QUERIES.toLocaleString('en-US')}; check ${check % 997})`);
  return best;
}

// Sanity before timing: the fast answers equal a slow day-by-day walk, all inside covered years.
for (let i = 0; i < 10_000; i++) {
  const date = dates[i] ?? '';
  const n = counts[i] ?? 0;
  const fast = calendar.addWorkdays(date, n);
  let ord = ordinalFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
  for (let left = n; left > 0; ) if (calendar.isWorkdayOrdinal(++ord)) left--;
  if (fast.date !== formatLocalDate(ord) || !fast.covered) throw new Error(`addWorkdays(${date}, ${n}) = ${fast.date}, day-by-day says ${formatLocalDate(ord)}`);
}

console.log(`node ${process.version}, ${QUERIES.toLocaleString('en-US')} queries: random date 2020-01-01..2026-11-15, n = 0..30`);
const baseline = measure('baseline: plain weekdays, day-by-day Date loop', plainWeekdays);
const kefu = measure('kefu addWorkdays (holidays + make-up days, coverage flag)', (date, n) => calendar.addWorkdays(date, n).date);
console.log(`ratio kefu / baseline: ${(kefu / baseline).toFixed(2)}×`);
console.log(`target ≥ 1,000,000 answers/s: ${kefu >= 1_000_000 ? 'met' : 'NOT met'}`);
