import type { Translate } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { ApiError, type FieldError } from './client';

/**
 * How the server's own sentences (a conflict's reason, a field error it sent without a code) are
 * shown: the server writes them in Simplified; a 繁體 reader gets them in Traditional. Set by the
 * I18nProvider to its `script`, so every screen that words an error through here gets it, without
 * each passing the converter along.
 */
let serverText: (text: string) => string = (text) => text;

export function setServerTextScript(script: (text: string) => string): void {
  serverText = script;
}

/**
 * One sentence a centre's staff can act on. Server messages are shown only where they carry
 * information the user needs (a conflict, a missing record); statuses with a fixed meaning get fixed copy.
 */
export function describeApiError(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('error.server');
  switch (error.code) {
    case 'NETWORK':
      return t('error.network');
    case 'UNAUTHENTICATED':
      return t('login.sessionExpired');
    case 'FORBIDDEN':
      return t('error.forbidden');
    case 'RATE_LIMITED':
      return t('login.rateLimited');
    case 'VALIDATION':
      return error.fields.length > 0 ? t('error.validation') : serverText(error.message);
    case 'INTERNAL':
      return t('error.server');
    case 'UNAVAILABLE':
      return t('error.unavailable');
    case 'PAYLOAD_TOO_LARGE':
      return t('error.tooLarge');
    case 'NOT_FOUND':
    case 'CONFLICT':
      return serverText(error.message);
  }
}

/**
 * One field's error in the reader's language: worded from its code and params (`fieldError.<code>`),
 * the server's own sentence only when it sent no code we word (`invalid`, or an older server).
 */
export function describeFieldError(field: FieldError, t: Translate): string {
  if (!field.code || field.code === 'invalid') return serverText(field.message);
  return t(`fieldError.${field.code}` as MessageKey, field.params);
}

/** The login form's wording: 401 must not hint whether the username or the password was wrong. */
export function describeLoginError(error: unknown, t: Translate): string {
  if (error instanceof ApiError && error.status === 401) return t('login.badCredentials');
  if (error instanceof ApiError && error.status === 429) return t('login.rateLimited');
  return describeApiError(error, t);
}
