import dayjs from 'dayjs';
import { afterAll, describe, expect, it } from 'vitest';
import { antdLocales, applyDateLocale } from './antd-locale';
import { locales } from './messages';

describe('date inputs in the reader\'s language', () => {
  afterAll(() => applyDateLocale('en'));

  it('gives every language an antd locale and the matching dayjs one', () => {
    for (const locale of locales) expect(antdLocales[locale]).toBeDefined();
    const monday = '2026-03-09T10:00:00';
    const read = (locale: (typeof locales)[number]) => {
      applyDateLocale(locale);
      return dayjs(monday).format('dddd MMMM');
    };
    expect(read('zh-CN')).toEqual('星期一 三月');
    expect(read('zh-TW')).toEqual('星期一 三月');
    expect(read('en')).toEqual('Monday March');
  });
});
