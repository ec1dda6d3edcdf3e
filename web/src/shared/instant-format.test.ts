import { describe, expect, it } from 'vitest';
import { formatDateTime } from './instant-format';

// The quality list, a call's page, reviews, tickets and callbacks show instants through one function:
// the centre's clock (not the browser's zone), 24-hour, in the reader's language.
describe('an instant on a screen', () => {
  const at = Date.parse('2026-12-08T00:53:00Z');
  // ICU puts a thin space between date and time in zh-TW.
  const shown = (...a: Parameters<typeof formatDateTime>) => formatDateTime(...a).replace(/\s/gu, ' ');

  it("reads the centre's wall clock whatever the browser's zone, 24-hour", () => {
    expect(shown(at, 'zh-CN', 'Asia/Shanghai', { year: true })).toBe('2026/12/08 08:53');
    expect(shown(at, 'zh-TW', 'Asia/Shanghai', { year: true })).toBe('2026/12/08 08:53');
    expect(shown(at, 'en', 'Asia/Shanghai', { year: true })).toBe('12/08/2026, 08:53');
    expect(shown(Date.parse('2026-12-08T06:09:00Z'), 'zh-CN', 'Asia/Shanghai')).toBe('12/08 14:09');
  });

  it('shows a dash for no time', () => {
    expect(formatDateTime(null, 'zh-CN', 'Asia/Shanghai')).toBe('—');
  });
});
