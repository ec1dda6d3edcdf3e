import { AppError, type FieldError } from '../shared/app-error.js';
import { fieldErrorOf, outOfRange } from '../shared/field-error-of.js';
import { parseLocalDate, yearOfOrdinal } from './local-date.js';

/**
 * Official public holidays and make-up working days (调休上班) for one notice year, in the format
 * of NateScarlet/holiday-cn. A notice can list dates of the previous year (the 2019 notice moved
 * 2018-12-29 to a working day), so `days` may reach back one year.
 */
export interface OfficialDay {
  date: string;
  name: string;
  /** true: a public holiday (day off); false: a make-up working day, usually a Saturday or Sunday. */
  isOffDay: boolean;
}

export interface YearData {
  year: number;
  papers: string[];
  days: OfficialDay[];
}

export type YearSource = 'shipped' | 'imported';

export interface YearSummary {
  year: number;
  source: YearSource;
  offDays: number;
  makeUpWorkdays: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates one holiday-cn year (already JSON-parsed). All problems are collected so that a
 * rejected import names every reason at once; nothing is returned unless the whole year is sound.
 */
export function parseYearData(value: unknown, source = 'input'): YearData {
  const problems: FieldError[] = [];
  const fail = (): AppError =>
    AppError.validation(`${source} is not valid holiday data: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
  if (!isRecord(value)) {
    problems.push({ path: '', message: 'expected an object {"year", "papers", "days"}', code: 'invalid_type', params: { expected: 'object' } });
    throw fail();
  }
  const year = value.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1900 || year > 2999) {
    problems.push({ path: 'year', message: `expected a whole year number, got ${JSON.stringify(year)}`, ...outOfRange(year, 1900, 2999) });
  }
  const papers = value.papers;
  if (!Array.isArray(papers) || papers.some((p) => typeof p !== 'string')) {
    problems.push({ path: 'papers', message: 'expected an array of notice URLs (strings)', code: 'invalid_type', params: { expected: 'array' } });
  }
  const rawDays = value.days;
  const days: OfficialDay[] = [];
  if (!Array.isArray(rawDays)) {
    problems.push({ path: 'days', message: 'expected an array of {"name", "date", "isOffDay"}', code: 'invalid_type', params: { expected: 'array' } });
  } else {
    if (rawDays.length === 0) {
      problems.push({ path: 'days', message: 'no days listed (is the notice for this year published yet?)', code: 'too_few', params: { minimum: 1 } });
    }
    const seen = new Set<string>();
    rawDays.forEach((d: unknown, i) => {
      const path = `days.${i}`;
      if (!isRecord(d)) {
        problems.push({ path, message: 'expected {"name", "date", "isOffDay"}', code: 'invalid_type', params: { expected: 'object' } });
        return;
      }
      const { name, date, isOffDay } = d;
      if (typeof name !== 'string' || name.trim() === '') problems.push({ path: `${path}.name`, message: 'expected the holiday name', code: 'required' });
      if (typeof isOffDay !== 'boolean') problems.push({ path: `${path}.isOffDay`, message: 'expected true (day off) or false (make-up working day)', code: 'invalid_type', params: { expected: 'boolean' } });
      if (typeof date !== 'string') {
        problems.push({ path: `${path}.date`, message: 'expected a date YYYY-MM-DD', code: 'invalid_date' });
        return;
      }
      let ordinal: number;
      try {
        ordinal = parseLocalDate(date, `${path}.date`);
      } catch (e) {
        problems.push(fieldErrorOf(e, `${path}.date`));
        return;
      }
      if (typeof year === 'number') {
        const dateYear = yearOfOrdinal(ordinal);
        if (dateYear !== year && dateYear !== year - 1) {
          problems.push({ path: `${path}.date`, message: `${date} is not in ${year} (or the end of ${year - 1})`, code: 'not_in_year', params: { year } });
        }
      }
      if (seen.has(date)) problems.push({ path: `${path}.date`, message: `${date} is listed twice`, code: 'duplicate' });
      seen.add(date);
      if (typeof name === 'string' && typeof isOffDay === 'boolean') days.push({ name, date, isOffDay });
    });
  }
  if (problems.length > 0) throw fail();
  return { year: year as number, papers: [...(papers as string[])], days };
}

/** Parses the text of a holiday-cn JSON file; a JSON syntax error is a validation error too. */
export function parseYearDataText(text: string, source = 'input'): YearData {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const message = `not JSON (${e instanceof Error ? e.message : String(e)})`;
    throw AppError.validation(`${source} is not valid holiday data: ${message}`, [{ path: '', message, code: 'invalid_format', params: { format: 'json' } }]);
  }
  return parseYearData(value, source);
}

/** Combines year sets; for a year present in both, `newer` replaces `base` entirely. Sorted by year. */
export function mergeYears(base: readonly YearData[], newer: readonly YearData[]): YearData[] {
  const byYear = new Map<number, YearData>();
  for (const y of base) byYear.set(y.year, y);
  for (const y of newer) byYear.set(y.year, y);
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

export function summarizeYear(data: YearData, source: YearSource): YearSummary {
  let offDays = 0;
  let makeUpWorkdays = 0;
  for (const d of data.days) {
    if (d.isOffDay) offDays++;
    else makeUpWorkdays++;
  }
  return { year: data.year, source, offDays, makeUpWorkdays };
}
