import type { Translate } from '../i18n/i18n-context';
import type { Locale, MessageKey } from '../i18n/messages';
import { ApiError, type FieldError } from './client';

/**
 * How the server's own sentences (a conflict's reason, a field error it sent without a code) are
 * shown: the server writes them in Simplified; a 繁體 reader gets them in Traditional. Set by the
 * I18nProvider to its `script`, so every screen that words an error through here gets it, without
 * each passing the converter along.
 */
let serverText: (text: string) => string = (text) => text;

export function setServerTextScript(script: (text: string) => string, locale: Locale = 'zh-CN'): void {
  serverText = (text) => {
    const half = readerHalf(text, locale);
    return locale === 'en' ? half : script(half);
  };
}

/**
 * Many of the server's sentences are written in both languages, Chinese first and English after a
 * slash: `已有一项申诉在处理中 / an appeal is already open`. A reader gets their half: an English
 * reader the English, a Chinese one the Chinese (no English tail in a Chinese screen). A sentence
 * in one language only is shown whole. The slash must have a space after it and the English half
 * no Chinese, so `联系人/电话` is never cut; a bracket is cut only when it closes the sentence and
 * holds English alone (`（复核后 7 天内）` and `(API)` inside a sentence stay).
 */
export function readerHalf(text: string, locale: Locale): string {
  // Also `当前密码不正确 (the current password is wrong)`: English in ASCII brackets closing the sentence.
  const m =
    /^([\s\S]*[\u3000-\u9fff\uff00-\uffef][\s\S]*?)\s*\/\s+([A-Za-z0-9][^\u3000-\u9fff\uff00-\uffef]*)$/.exec(text) ??
    /^([\s\S]*[\u3000-\u9fff\uff00-\uffef][\s\S]*?)\s+\(([A-Za-z][^\u3000-\u9fff\uff00-\uffef()]*)\)$/.exec(text);
  if (!m) return text;
  return (locale === 'en' ? m[2] : m[1])!.trim();
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
