import { defaultLocale, isLocale, type Locale } from './messages';

export const localeStorageKey = 'kefu.locale';

type LocaleStore = Pick<Storage, 'getItem' | 'setItem'>;

/** Storage can throw (private mode, disabled cookies); the language then simply is not remembered. */
export function readStoredLocale(storage: LocaleStore | undefined): Locale {
  try {
    const stored = storage?.getItem(localeStorageKey);
    return isLocale(stored) ? stored : defaultLocale;
  } catch {
    return defaultLocale;
  }
}

export function storeLocale(storage: LocaleStore | undefined, locale: Locale): void {
  try {
    storage?.setItem(localeStorageKey, locale);
  } catch {
    // Not remembering the choice is acceptable; failing the switch is not.
  }
}
