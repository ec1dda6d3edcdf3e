import type { Locale as AntdLocale } from 'antd/es/locale';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import zhTW from 'antd/es/locale/zh_TW';
import type { Locale } from './messages';

export const antdLocales: Record<Locale, AntdLocale> = {
  'zh-CN': zhCN,
  'zh-TW': zhTW,
  en: enUS,
};
