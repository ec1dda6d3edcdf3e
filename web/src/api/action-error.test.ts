import { describe, expect, it } from 'vitest';
import { formatMessage, type MessageKey, type MessageParams } from '../i18n/messages';
import { describeActionError, itemOfList } from './action-error';
import { errorFromResponse, fieldErrorCodes } from './client';
import { describeFieldError } from './error-message';

const zh = (key: MessageKey, params?: MessageParams) => formatMessage('zh-CN', key, params);
const tw = (key: MessageKey, params?: MessageParams) => formatMessage('zh-TW', key, params);
const en = (key: MessageKey, params?: MessageParams) => formatMessage('en', key, params);
const han = /[\u4e00-\u9fff]/;
const fieldOf = (field: object) => errorFromResponse(400, { error: { code: 'VALIDATION', message: 'x', fields: [field] } }).fields[0]!;

// Issue #21: the codes of callbacks, visits, reviews, calls, transcripts and users read as the reader's language.
describe("the new field error codes in the reader's language", () => {
  it('a weak password says which rule failed: English without Chinese, Traditional for a 繁體 reader', () => {
    const short = fieldOf({ path: 'password', message: '至少 12 个字符 (at least 12 characters)', code: 'password_too_short', params: { minimum: 12 } });
    expect(describeFieldError(short, en)).toBe('The password needs at least 12 characters');
    expect(describeFieldError(short, tw)).toBe('密碼至少 12 個字元');
    expect(describeFieldError(short, zh)).toBe('密码至少 12 个字符');
    const same = fieldOf({ path: 'password', message: '不能与用户名相同 (must differ from the user name)', code: 'password_same_as_username' });
    expect(describeFieldError(same, en)).not.toMatch(han);
    expect(describeFieldError(same, tw)).toBe('密碼不能與帳號相同');
  });

  it('no English wording of any code has Chinese in it', () => {
    const params = { minimum: 1, maximum: 2, values: 'a, b', keys: 'k', by: 'C1', with: 'x', setting: 's', event: 'ended', other: 'answered', matched: 3, first: 'd1', last: 'd2', team: 'A', from: 'aliyun', guess: 'tencent', channel: 0, channels: '1, 2', start: 's' };
    for (const code of fieldErrorCodes) expect(describeFieldError(fieldOf({ path: 'x', message: '中文', code, params }), en), code).not.toMatch(code === 'invalid' ? /^$/ : han);
  });

  it('an end before its start, call events out of order and a recognizer mix-up', () => {
    const end = fieldOf({ path: 'period.to', message: '结束日 2026-03-01 早于开始日 2026-03-05 / the period ends before it starts', code: 'ends_before_start', params: { start: '2026-03-05' } });
    expect([describeFieldError(end, zh), describeFieldError(end, tw), describeFieldError(end, en)]).toEqual(['结束时间应晚于开始时间', '結束時間應晚於開始時間', 'Must end after it starts']);
    const order = fieldOf({ path: 'events.1.at', message: '挂断（ended）早于接听（answered）…', code: 'out_of_order', params: { event: 'ended', other: 'answered' } });
    expect(describeFieldError(order, en)).toMatch(/^The ended event is earlier than the answered event/);
    expect(describeFieldError(order, en)).not.toMatch(han);
    expect(describeFieldError(order, tw)).toContain('同一通電話不可能如此');
    const guess = fieldOf({ path: 'Result.Sentences', message: '缺少 Result.Sentences…', code: 'looks_like_recognizer', params: { from: 'aliyun', guess: 'tencent' } });
    expect(describeFieldError(guess, en)).toBe('Not a result of the recognizer chosen (aliyun); it looks like tencent: choose tencent');
  });
});

describe("an action's failure in one line", () => {
  const failed = (status: number, code: string, fields: object[]) => errorFromResponse(status, { error: { code, message: '回访任务已结束，不能再分配 / a closed task cannot be reassigned', fields } });

  it('words the coded fields instead of "check the red fields" or the bilingual sentence', () => {
    const closed = failed(409, 'CONFLICT', [{ path: 'agent', message: '回访任务已结束… / …', code: 'task_closed' }]);
    expect(describeActionError(closed, en)).toBe('The callback task is closed');
    expect(describeActionError(closed, tw)).toBe('回訪任務已結束');
  });

  it('names the item of the list a field belongs to, and leaves out the fields placed beside inputs', () => {
    const review = failed(400, 'VALIDATION', [
      { path: 'verdicts.1.comment', message: '不同意引擎判定时请写明理由 / a disagreement needs a comment', code: 'required' },
      { path: 'verdicts.0.rule', message: '检查项 PH-OPEN 不适用于本通来电 / not applicable to this call', code: 'check_not_applicable' },
    ]);
    expect(describeActionError(review, en, { subject: itemOfList(['PH-OPEN', 'PH-HOLD']) })).toBe('PH-HOLD: Required; PH-OPEN: This check does not apply to this call');
    expect(describeActionError(review, zh, { subject: itemOfList(['PH-OPEN', 'PH-HOLD']) })).toBe('PH-HOLD：请填写此项；PH-OPEN：该检查项不适用于本通来电');
    const report = failed(400, 'VALIDATION', [{ path: 'report.contact', message: '请填写… / contact is required', code: 'required' }]);
    expect(describeActionError(report, zh, { placed: (f) => f.path.startsWith('report.') })).toBe('提交的内容有误，请检查标红的字段');
  });
});
