import type { Translate } from '../i18n/i18n-context';
import { ApiError, type FieldError } from './client';
import { describeApiError, describeFieldError } from './error-message';

export interface ActionErrorOptions {
  /** The fields the screen already shows beside their inputs (left out here). */
  placed?: (field: FieldError) => boolean;
  /** What a field is about, in the screen's words (a check's rule for `verdicts.2.comment`): put before its wording. */
  subject?: (field: FieldError) => string | undefined;
}

/**
 * An action's failure in one line, for a screen that does not (or not for every field) put the
 * server's field errors beside the inputs: each field error the server sent with a code, worded in
 * the reader's language — instead of "check the fields marked red" with nothing marked, or the
 * server's bilingual sentence of a conflict. When every field is placed, or none has a code we word,
 * the general wording stays (describeApiError).
 */
export function describeActionError(error: unknown, t: Translate, o: ActionErrorOptions = {}): string {
  if (error instanceof ApiError && error.fields.length > 0) {
    const worded = error.fields
      .filter((f) => !o.placed?.(f) && f.code && f.code !== 'invalid')
      .map((f) => {
        const subject = o.subject?.(f);
        const text = describeFieldError(f, t);
        return subject ? t('fieldError.subject', { subject, text }) : text;
      });
    if (worded.length > 0) return [...new Set(worded)].join(t('fieldError.separator'));
  }
  return describeApiError(error, t);
}

/** `subject` for a request that sent a list (`verdicts`, `checks`, `rules`): the item's name by its index in the path. */
export function itemOfList(names: readonly string[]): (field: FieldError) => string | undefined {
  return (field) => {
    const i = /^[A-Za-z]+\.(\d+)(?:\.|$)/.exec(field.path)?.[1];
    return i === undefined ? undefined : names[Number(i)];
  };
}
