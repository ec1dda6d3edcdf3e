import { describe, expect, it } from 'vitest';
import type { PeopleRow } from './people-figures';
import { figureText, periodOf, targetText } from './people-figures';

describe("the week's and month's figures", () => {
  it('a week runs from Monday, a month from the 1st, both to the end of today', () => {
    const wednesday = new Date(2026, 2, 4, 15, 30).getTime();
    expect(periodOf('week', wednesday)).toEqual({ from: new Date(2026, 2, 2).getTime(), to: new Date(2026, 2, 5).getTime() });
    expect(periodOf('month', wednesday)).toEqual({ from: new Date(2026, 2, 1).getTime(), to: new Date(2026, 2, 5).getTime() });
    const sunday = new Date(2026, 2, 8, 9).getTime();
    expect(periodOf('week', sunday).from).toBe(new Date(2026, 2, 2).getTime());
  });

  it('shows figures and targets in their units', () => {
    const row = { figures: { satisfaction: { value: 82.5, pass: false }, summaryWithin5MinRate: { value: 0.5, pass: null } } } as unknown as PeopleRow;
    expect(figureText(row, 'satisfaction')).toBe('82.5');
    expect(figureText(row, 'summaryWithin5MinRate')).toBe('50.0%');
    expect(targetText({ requirement: 'KPI-CSAT', min: 85 })).toBe('≥85.0');
    expect(targetText({ requirement: 'KPI-FCR', min: 0.9 })).toBe('≥90.0%');
    expect(targetText({ requirement: 'KPI-SUMMARY5', min: null })).toBeNull();
  });
});
