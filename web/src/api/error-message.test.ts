import { describe, expect, it } from 'vitest';
import { formatMessage, type MessageKey, type MessageParams } from '../i18n/messages';
import { ApiError } from './client';
import { describeApiError, describeLoginError } from './error-message';

const zh = (key: MessageKey, params?: MessageParams) => formatMessage('zh-CN', key, params);
const en = (key: MessageKey, params?: MessageParams) => formatMessage('en', key, params);

describe('login error wording', () => {
  it('never says which of username or password was wrong', () => {
    const error = new ApiError(401, 'UNAUTHENTICATED', 'Invalid credentials');
    expect(describeLoginError(error, zh)).toBe('用户名或密码错误');
    expect(describeLoginError(error, en)).toBe('Wrong username or password');
  });

  it('asks the user to wait when login is rate limited', () => {
    expect(describeLoginError(new ApiError(429, 'RATE_LIMITED', 'Too many'), zh)).toBe('尝试次数过多，请稍后再试');
  });

  it('tells a dead connection apart from a server failure', () => {
    expect(describeLoginError(new ApiError(0, 'NETWORK', 'Failed to fetch'), zh)).toBe('无法连接服务器，请检查网络后重试');
    expect(describeLoginError(new ApiError(503, 'INTERNAL', 'db down'), zh)).toBe('服务暂时不可用，请稍后再试');
  });
});

describe('general API error wording', () => {
  it("shows the server's message where it carries the information (a conflict)", () => {
    expect(describeApiError(new ApiError(409, 'CONFLICT', '工单已被他人关闭'), zh)).toBe('工单已被他人关闭');
  });

  it('points at the fields when validation failed field by field', () => {
    const error = new ApiError(400, 'VALIDATION', 'invalid', [{ path: 'title', message: '必填' }]);
    expect(describeApiError(error, zh)).toBe('提交的内容有误，请检查标红的字段');
  });

  it('hides internal details of a server error', () => {
    expect(describeApiError(new ApiError(500, 'INTERNAL', 'SQLITE_BUSY at line 3'), zh)).toBe('服务暂时不可用，请稍后再试');
    expect(describeApiError(new Error('boom'), zh)).toBe('服务暂时不可用，请稍后再试');
  });
});
