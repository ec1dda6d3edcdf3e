import { useI18n } from '../i18n/i18n-context';
import { formatDateTime } from './instant-format';
import { useNames } from './use-names';

/** Instants as every screen shows them: the centre's clock, 24-hour, in the reader's language (formatDateTime). */
export function useInstantFormat(): (ms: number | null | undefined, o?: { year?: boolean }) => string {
  const { locale } = useI18n();
  const names = useNames();
  return (ms, o) => formatDateTime(ms, locale, names.zone, o);
}
