import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { formatMessage, type MessageKey, type MessageParams } from '../i18n/messages';
import { placeFieldErrors } from './form-errors';

const en = (key: MessageKey, params?: MessageParams) => formatMessage('en', key, params);
const tw = (key: MessageKey, params?: MessageParams) => formatMessage('zh-TW', key, params);

// Issue #21: a knowledge form's failed save says what is wrong in the reader's language, next to the field.
describe("a knowledge form's field errors", () => {
  it('puts a named field beside its item and words the rest above the form', () => {
    const error = new ApiError(400, 'VALIDATION', '公告填写有误', [
      { path: 'untilDate', message: '截止日期不能早于生效日期', code: 'ends_before_start', params: { start: '2026-03-10' } },
      { path: 'audience.0', message: '班组名称不能超过 100 字', code: 'too_long', params: { maximum: 100 } },
    ]);
    const label = (path: string) => (path.startsWith('audience.') ? 'Teams' : '');
    const placed = placeFieldErrors(error, ['title', 'untilDate', 'audience'], en, label);
    expect(placed.fields).toEqual([{ name: 'untilDate', errors: ['Must end after it starts'] }]);
    expect(placed.notice).toBe('Teams: At most 100 characters');
    // Two of them, and in Chinese: the punctuation is the reader's (：；), not English colons.
    const two = new ApiError(400, 'VALIDATION', '公告填写有误', [
      { path: 'audience.0', message: 'x', code: 'too_long', params: { maximum: 100 } },
      { path: 'audience.1', message: 'y', code: 'required' },
    ]);
    expect(placeFieldErrors(two, ['title'], en, label).notice).toBe('Teams: At most 100 characters; Teams: Required');
    expect(placeFieldErrors(two, ['title'], tw, () => '班組').notice).toMatch(/^班組：.+；班組：/);
  });

  it('words a newer version saved meanwhile from its code, not the Chinese sentence', () => {
    const error = new ApiError(409, 'CONFLICT', '这篇文章已被更新为第 3 版… / the article is at version 3', [
      { path: 'version', message: '最新版本为第 3 版', code: 'stale_version', params: { current: 3 } },
    ]);
    expect(placeFieldErrors(error, ['title'], en).notice).toBe('Someone saved version 3 meanwhile: look at the latest version before changing it');
    expect(placeFieldErrors(error, ['title'], tw).notice).toBe('已被他人更新為第 3 版，請先查看最新版本再修改');
  });

  it('falls back to the general sentence when every error sits beside its field, or there are none', () => {
    const error = new ApiError(400, 'VALIDATION', 'x', [{ path: 'title', message: '请填写标题', code: 'required' }]);
    expect(placeFieldErrors(error, ['title'], en)).toEqual({ fields: [{ name: 'title', errors: ['Required'] }], notice: 'Some fields need attention' });
    expect(placeFieldErrors(new ApiError(0, 'NETWORK', 'down'), ['title'], en).fields).toEqual([]);
  });
});
