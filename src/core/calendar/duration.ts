import { AppError } from '../shared/app-error.js';

/**
 * Units of a typed duration in the standard pack:
 * - `h`  clock hours (wall-clock elapsed time, ignores the calendar),
 * - `wd` working days (same clock time on the n-th working day after),
 * - `bh` business hours (only time inside the calendar's business hours counts).
 */
export const durationUnits = ['h', 'wd', 'bh'] as const;
export type DurationUnit = (typeof durationUnits)[number];

export interface Duration {
  amount: number;
  unit: DurationUnit;
}

const DURATION_PATTERN = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i;

function isDurationUnit(text: string): text is DurationUnit {
  return (durationUnits as readonly string[]).includes(text);
}

/**
 * Parses `24h`, `2wd`, `8bh` (also `1.5h`, `0.5bh`). Working days must be whole numbers because a
 * half working day has no agreed meaning in the standard. Throws `AppError` VALIDATION naming the
 * bad text, so a CLI or pack loader can report it as-is.
 */
export function parseDuration(text: string, path = 'duration'): Duration {
  const trimmed = text.trim();
  const match = DURATION_PATTERN.exec(trimmed);
  if (!match) {
    const message = `invalid duration "${text}": expected a number followed by a unit h (clock hours), wd (working days) or bh (business hours), e.g. 24h, 2wd, 8bh`;
    throw AppError.validation(message, [{ path, message, code: 'invalid_duration' }]);
  }
  const amountText = match[1] ?? '';
  const unitText = (match[2] ?? '').toLowerCase();
  if (!isDurationUnit(unitText)) {
    const message = `invalid duration "${text}": unknown unit "${match[2] ?? ''}" (use h, wd or bh)`;
    throw AppError.validation(message, [{ path, message, code: 'invalid_duration' }]);
  }
  const amount = Number(amountText);
  if (!Number.isFinite(amount)) {
    const message = `invalid duration "${text}": amount is not a number`;
    throw AppError.validation(message, [{ path, message, code: 'invalid_duration' }]);
  }
  if (unitText === 'wd' && !Number.isInteger(amount)) {
    const message = `invalid duration "${text}": working days must be a whole number`;
    throw AppError.validation(message, [{ path, message, code: 'invalid_duration' }]);
  }
  return { amount, unit: unitText };
}

export function formatDuration(duration: Duration): string {
  return `${duration.amount}${duration.unit}`;
}
