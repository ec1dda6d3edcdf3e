import { AppError } from '../shared/app-error.js';

/** A required text, trimmed: blank or missing is a 400 naming the field, in Chinese first. */
export function requiredText(value: string | null | undefined, path: string, zh: string, en: string): string {
  const t = value?.trim();
  if (t) return t;
  const message = `请填写${zh} / ${en} is required`;
  throw AppError.validation(message, [{ path, message, code: 'required' }]);
}

export function optionalText(value: string | null | undefined): string | null {
  const t = value?.trim();
  return t ? t : null;
}

/** A state the visit is not in: 409 naming what it is. */
export function wrongState(zh: string, en: string): AppError {
  return AppError.conflict(`${zh} / ${en}`);
}
