import { ApiError } from '../api/client';
import { describeApiError, describeFieldError } from '../api/error-message';
import type { Translate } from '../i18n/i18n-context';

export interface PlacedFieldErrors {
  /** For `form.setFields`: each named form item's error in the reader's language. */
  fields: { name: string; errors: string[] }[];
  /** The sentence above the form: the errors no form item shows (a newer version, a team's time), or the general one. */
  notice: string;
}

/**
 * A failed save of a knowledge form in the reader's language: each field error the server named by
 * one of the form's item `names` goes next to that item; the others (`version` after someone else
 * saved, `teams.一组` in a list) are worded in the notice, `label` naming their place ('' for none).
 */
export function placeFieldErrors(error: unknown, names: readonly string[], t: Translate, label?: (path: string) => string): PlacedFieldErrors {
  if (!(error instanceof ApiError) || error.fields.length === 0) return { fields: [], notice: describeApiError(error, t) };
  const fields = names.flatMap((name) => {
    const field = error.fieldError(name);
    return field ? [{ name, errors: [describeFieldError(field, t)] }] : [];
  });
  // Punctuation in the reader's language (：and ；in Chinese, ': ' and '; ' in English).
  const others = error.fields.filter((f) => !names.includes(f.path)).map((f) => {
    const subject = label?.(f.path);
    const text = describeFieldError(f, t);
    return subject ? t('fieldError.subject', { subject, text }) : text;
  });
  return { fields, notice: others.length > 0 ? others.join(t('fieldError.separator')) : describeApiError(error, t) };
}
