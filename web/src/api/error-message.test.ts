import { describe, expect, it } from 'vitest';
import { formatMessage, type MessageKey, type MessageParams } from '../i18n/messages';
import { ApiError, errorFromResponse, fieldErrorCodes, serverErrorCodes } from './client';
import { describeApiError, describeFieldError, describeLoginError, readerHalf, setServerTextScript } from './error-message';

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

describe('a server that is busy or refuses a large request', () => {
  const tw = (key: MessageKey, params?: MessageParams) => formatMessage('zh-TW', key, params);

  // Each as the server answers it, and as a proxy's page without our error shape.
  it.each([
    [503, 'UNAVAILABLE', '系统暂时无法处理（可能正在维护或数据库繁忙），请稍等片刻再试', '系統暫時無法處理（可能正在維護或資料庫忙碌），請稍候片刻再試', 'The system cannot take requests just now (maintenance or a busy database). Please wait a moment and try again'],
    [413, 'PAYLOAD_TOO_LARGE', '提交的内容过大，请删减内容或分批提交', '送出的內容過大，請刪減內容或分批送出', 'What you sent is too large. Shorten it or send it in parts'],
  ] as const)('a %i says so in every language, not "server error"', (status, code, zhText, twText, enText) => {
    for (const body of [{ error: { code, message: 'from the server' } }, '<html>proxy page</html>']) {
      const error = errorFromResponse(status, body);
      expect(error.code).toBe(code);
      expect([describeApiError(error, zh), describeApiError(error, tw), describeApiError(error, en)]).toEqual([zhText, twText, enText]);
    }
    expect(describeApiError(errorFromResponse(status, {}), zh)).not.toBe(describeApiError(new ApiError(500, 'INTERNAL', 'boom'), zh));
  });

  it('knows every error code the server sends', () => {
    for (const code of serverErrorCodes) expect(errorFromResponse(418, { error: { code, message: 'x' } }).code).toBe(code);
  });
});

/** Codes added for the calendar, knowledge and standard-pack checks, and the params they name. */
const newerCodes = ['invalid_date', 'invalid_time', 'ends_before_start', 'overlaps', 'invalid_duration', 'unknown_time_zone', 'default_required', 'no_business_hours', 'not_in_year', 'stale_version', 'unread_bulletin', 'invalid_yaml', 'unknown_phrase_set', 'unknown_variable', 'invalid_regex', 'empty_phrase_set', 'min_above_max', 'requires_when', 'no_calling_hours'] as const;
const newerParams = { start: '09:00', with: '09:00–12:00', year: 2027, current: 3, title: 'Price change', version: 2, effectiveDate: '2026-03-02', name: 'greeting', min: 1, max: 2 };

// Issue #21: a field error is worded from its code and params in the reader's language, as the server sent it.
describe('field errors in the reader\'s language', () => {
  const tw = (key: MessageKey, params?: MessageParams) => formatMessage('zh-TW', key, params);
  const fieldOf = (field: object) => errorFromResponse(400, { error: { code: 'VALIDATION', message: 'Invalid ticket', fields: [field] } }).fields[0]!;

  it('words a code with its params in zh-CN, zh-TW and en', () => {
    const vague = fieldOf({ path: 'description', message: '描述过于笼统… / the description is too vague', code: 'vague_description' });
    expect(describeFieldError(vague, zh)).toContain('描述过于笼统');
    expect(describeFieldError(vague, tw)).toContain('描述過於籠統');
    expect(describeFieldError(vague, en)).toMatch(/^Too vague/);
    const long = fieldOf({ path: 'type', message: 'Too big: expected string to have <=40 characters', code: 'too_long', params: { maximum: 40 } });
    expect([describeFieldError(long, zh), describeFieldError(long, tw), describeFieldError(long, en)]).toEqual(['最多 40 个字', '最多 40 個字', 'At most 40 characters']);
  });

  it("shows the server's sentence for a code it does not word, an unknown code or none", () => {
    expect(describeFieldError(fieldOf({ path: 'x', message: '周一上班时间不能晚于下班时间', code: 'invalid' }), en)).toBe('周一上班时间不能晚于下班时间');
    expect(describeFieldError(fieldOf({ path: 'x', message: 'from a newer server', code: 'not_yet_known' }), zh)).toBe('from a newer server');
    expect(describeFieldError(fieldOf({ path: 'x', message: 'old server' }), zh)).toBe('old server');
  });

  it('words every code the server sends', () => {
    for (const code of fieldErrorCodes) {
      for (const t of [zh, tw, en]) expect(describeFieldError(fieldOf({ path: 'x', message: 'server', code, params: { minimum: 1, maximum: 2, values: 'a, b', keys: 'k', by: 'C1', setting: 'days: working-days', event: 'ended', other: 'answered', matched: 3, first: '2026-03-02', last: '2026-03-04', team: 'A', from: 'aliyun', guess: 'tencent', channel: 0, channels: '1, 2', ...newerParams } }), t), `${code}`).not.toMatch(/fieldError|\{/);
    }
  });

  // The calendar, knowledge and standard-pack codes: an English reader reads English, a 繁體 reader Traditional.
  it('words the calendar, knowledge and pack codes in each language', () => {
    const day = fieldOf({ path: 'spec.overrides.0.date', message: 'invalid date "2026-02-30": day 30 does not exist in February 2026 (28 days)', code: 'invalid_date' });
    expect(describeFieldError(day, en)).toBe('Enter a date that exists, as YYYY-MM-DD, e.g. 2026-05-01');
    expect(describeFieldError(day, tw)).toBe('請填寫存在的日期，格式 YYYY-MM-DD，如 2026-05-01');
    expect(describeFieldError(day, zh)).toBe('请填写存在的日期，格式 YYYY-MM-DD，如 2026-05-01');
    const until = fieldOf({ path: 'untilDate', message: '截止日期不能早于生效日期', code: 'ends_before_start', params: { start: '2026-03-10' } });
    expect([describeFieldError(until, zh), describeFieldError(until, tw), describeFieldError(until, en)]).toEqual(['结束时间应晚于开始时间', '結束時間應晚於開始時間', 'Must end after it starts']);
    const set = fieldOf({ path: 'rules.1.match.0', message: 'unknown phrase set "no_such_set"', code: 'unknown_phrase_set', params: { name: 'no_such_set' }, line: 12, place: 'rules[PH-OPEN].match.0' });
    expect(describeFieldError(set, en)).toBe('No phrase set named "no_such_set" (define it under phraseSets)');
    expect(describeFieldError(set, tw)).toBe('沒有名為「no_such_set」的話術集（請在 phraseSets 下定義）');
    const band = fieldOf({ path: 'rules.9.band', message: 'min 230 is greater than max 220', code: 'min_above_max', params: { min: 230, max: 220 } });
    expect([describeFieldError(band, tw), describeFieldError(band, en)]).toEqual(['下限 230 大於上限 220', 'The lower bound 230 is above the upper bound 220']);
    const stale = fieldOf({ path: 'version', message: '最新版本为第 3 版', code: 'stale_version', params: { current: 3 } });
    expect(describeFieldError(stale, en)).toBe('Someone saved version 3 meanwhile: look at the latest version before changing it');
    // No Simplified-only characters in the Traditional wording, no Chinese in the English one.
    for (const code of newerCodes) {
      const field = fieldOf({ path: 'x', message: 'server', code, params: newerParams });
      expect(describeFieldError(field, en), code).not.toMatch(/[\u4e00-\u9fff]/);
      expect(describeFieldError(field, tw), code).not.toMatch(/[们这个时间为设请认对应历认没规则关录开将]/);
    }
  });
});

describe("the server's own sentences in the reader's script", () => {
  it('a conflict and a field error sent without a code are converted for a 繁體 reader, worded ones are not touched', () => {
    // The provider hands in its converter (opencc cn→tw in the app); a stand-in here.
    setServerTextScript((text) => text.replace('已被他人关闭', '已被他人關閉').replace('号码', '號碼'));
    try {
      expect(describeApiError(new ApiError(409, 'CONFLICT', '工单已被他人关闭'), zh)).toBe('工单已被他人關閉');
      expect(describeFieldError({ path: 'phone', message: '号码格式不对' }, zh)).toBe('號碼格式不对');
    } finally {
      setServerTextScript((text) => text);
    }
    expect(describeApiError(new ApiError(409, 'CONFLICT', '工单已被他人关闭'), zh)).toBe('工单已被他人关闭');
  });
});

describe("the server's two-language sentences", () => {
  it('give each reader their half: Chinese without the English tail, English without the Chinese', () => {
    const text = '已有一项申诉在处理中 / an appeal is already open';
    expect(readerHalf(text, 'zh-CN')).toBe('已有一项申诉在处理中');
    expect(readerHalf(text, 'en')).toBe('an appeal is already open');
    expect(readerHalf('申诉期已过：应在 2026-03-20 18:00 前提出（复核后 7 天内）/ the appeal window has closed', 'en')).toBe('the appeal window has closed');
    // One language only, or a slash inside the Chinese: shown whole.
    expect(readerHalf('工单已被他人关闭', 'en')).toBe('工单已被他人关闭');
    expect(readerHalf('联系人/电话 不能为空', 'zh-CN')).toBe('联系人/电话 不能为空');
    expect(readerHalf('ticket closed / reopened', 'zh-CN')).toBe('ticket closed / reopened');
    // The other form: English in brackets at the end.
    expect(readerHalf('当前密码不正确 (the current password is wrong)', 'en')).toBe('the current password is wrong');
    expect(readerHalf('当前密码不正确 (the current password is wrong)', 'zh-CN')).toBe('当前密码不正确');
    expect(readerHalf('请填写 API 令牌 (Token) 的名称', 'en')).toBe('请填写 API 令牌 (Token) 的名称');
    expect(readerHalf('申诉期已过（复核后 7 天内）', 'en')).toBe('申诉期已过（复核后 7 天内）');
  });

  it('a conflict reads in the reader\'s language and script', () => {
    const conflict = new ApiError(409, 'CONFLICT', '该来电已复核完成 / already reviewed');
    try {
      setServerTextScript((text) => text.replace('该来电已复核完成', '該來電已複核完成'), 'zh-TW');
      expect(describeApiError(conflict, zh)).toBe('該來電已複核完成');
      setServerTextScript((text) => text, 'en');
      expect(describeApiError(conflict, en)).toBe('already reviewed');
    } finally {
      setServerTextScript((text) => text);
    }
    expect(describeApiError(conflict, zh)).toBe('该来电已复核完成');
  });
});
