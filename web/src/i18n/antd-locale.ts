import type { Locale as AntdLocale } from 'antd/es/locale';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import zhTW from 'antd/es/locale/zh_TW';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/zh-tw';
import type { Locale } from './messages';

export const antdLocales: Record<Locale, AntdLocale> = {
  'zh-CN': zhCN,
  'zh-TW': zhTW,
  en: enUS,
};

/** dayjs's name for each language: antd's date pickers take weekday and month names and the first day of the week from it. */
export const dayjsLocales: Record<Locale, string> = {
  'zh-CN': 'zh-cn',
  'zh-TW': 'zh-tw',
  en: 'en',
};

/**
 * Date inputs in the reader's language (星期一 … / 一月, weeks starting on Monday in Chinese): antd's
 * ConfigProvider locale covers the picker's buttons, but its calendar reads dayjs's global locale.
 */
export function applyDateLocale(locale: Locale): void {
  dayjs.locale(dayjsLocales[locale]);
}
