import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { readStoredLocale, storeLocale } from './locale-storage';
import { formatMessage, type Locale, type MessageKey, type MessageParams } from './messages';
import { inReaderScript, loadTraditionalConverter, needsConversion, type TextConverter } from './reader-script';
import { setServerTextScript } from '../api/error-message';

export type Translate = (key: MessageKey, params?: MessageParams) => string;

interface I18nValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
  /** The server's Simplified text (pack scripts, taboo replacements, check messages) in the reader's script. */
  script: (text: string) => string;
}

const I18nContext = createContext<I18nValue | null>(null);

function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => readStoredLocale(browserStorage()));

  const setLocale = useCallback((next: Locale) => {
    storeLocale(browserStorage(), next);
    setLocaleState(next);
  }, []);

  useEffect(() => {
    // Screen readers and the browser's font selection (SC vs TC glyphs) follow the lang attribute.
    document.documentElement.lang = locale;
    document.title = formatMessage(locale, 'app.documentTitle');
  }, [locale]);

  // Loaded the first time a reader picks 繁體中文; the text shows as written until it arrives.
  const [converter, setConverter] = useState<TextConverter | undefined>(undefined);
  useEffect(() => {
    if (!needsConversion(locale) || converter) return;
    let live = true;
    loadTraditionalConverter().then(
      (c) => live && setConverter(() => c),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [locale, converter]);

  const value = useMemo<I18nValue>(
    () => ({ locale, setLocale, t: (key, params) => formatMessage(locale, key, params), script: (text) => inReaderScript(locale, text, converter) }),
    [locale, setLocale, converter],
  );
  useEffect(() => setServerTextScript(value.script, value.locale), [value]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}
