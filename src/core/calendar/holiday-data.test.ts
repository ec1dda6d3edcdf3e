import { describe, expect, it } from 'vitest';
import { mergeYears, parseYearData, parseYearDataText, summarizeYear } from './holiday-data.js';

const good = { year: 2027, papers: ['https://www.gov.cn/x'], days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }, { name: '元旦', date: '2026-12-31', isOffDay: true }] };

describe('holiday-cn year data', () => {
  it('accepts a well-formed year, including days at the end of the year before', () => {
    expect(parseYearData(good)).toEqual(good);
    expect(summarizeYear(good, 'imported')).toEqual({ year: 2027, source: 'imported', offDays: 2, makeUpWorkdays: 0 });
  });

  it('rejects a bad file whole, naming every reason', () => {
    const bad = {
      year: 2027,
      papers: [],
      days: [
        { name: '元旦', date: '2027-02-30', isOffDay: true },
        { name: '春节', date: '2025-02-01', isOffDay: false },
        { name: '春节', date: '2027-02-06', isOffDay: 'yes' },
        { name: '元旦', date: '2027-01-01', isOffDay: true },
        { name: '元旦', date: '2027-01-01', isOffDay: true },
      ],
    };
    try {
      parseYearData(bad, '2027.json');
      expect.unreachable();
    } catch (e) {
      const err = e as { message: string; fields: { path: string; code?: string; params?: object }[] };
      expect(err.message).toMatch(/^2027.json is not valid holiday data: /);
      expect(err.fields.map((f) => f.path)).toEqual(['days.0.date', 'days.1.date', 'days.2.isOffDay', 'days.4.date']);
      // Issue #21: what is wrong as a code and params, as the web and the CLI can word it.
      expect(err.fields.map((f) => [f.code, f.params])).toEqual([
        ['invalid_date', undefined],
        ['not_in_year', { year: 2027 }],
        ['invalid_type', { expected: 'boolean' }],
        ['duplicate', undefined],
      ]);
    }
    expect(() => parseYearDataText('{"year": 2027,', 'x.json')).toThrow(/x.json is not valid holiday data: not JSON/);
    expect(() => parseYearData({ year: 2027, papers: [], days: [] })).toThrow(/no days listed/);
    expect(() => parseYearData([])).toThrow(/expected an object/);
  });

  it('lets a newer copy of a year replace the older one', () => {
    const older = { ...good, year: 2026, days: [{ name: '春节', date: '2026-02-16', isOffDay: true }] };
    const replaced = { ...older, days: [] };
    expect(mergeYears([older, good], [replaced]).map((y) => [y.year, y.days.length])).toEqual([
      [2026, 0],
      [2027, 2],
    ]);
  });
});
