import { AppError, type FieldError } from '../shared/app-error.js';
import { callbackTypes, type CallbackType } from '../standard/callback-schema.js';
import type { AbsentMessage, CallbackReport } from './model.js';

/**
 * The two forms an agent fills after a callback attempt, checked field by field so that the desk
 * (and the API's 400) can point at each missing or wrong field in Chinese first:
 * CB-ABSENT — the message left with whoever answered; CB-REPORT — 客户回访报告表.
 */

type Input = Record<string, unknown>;

function asRecord(value: unknown): Input | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Input) : undefined;
}

function text(input: Input, key: string, path: string, label: string, errors: FieldError[]): string {
  const v = input[key];
  if (typeof v !== 'string' || v.trim() === '') {
    errors.push({ path, message: `请填写${label} / ${key} is required`, code: 'required' });
    return '';
  }
  return v.trim();
}

/** An instant given as epoch ms or ISO-8601 with an offset (the form's clock is not the server's). */
function instant(value: unknown, path: string, label: string, errors: FieldError[]): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    const ms = Date.parse(value);
    if (Number.isFinite(ms)) return ms;
  }
  errors.push({ path, message: `${label}应为带时区的时间，如 2025-10-09T10:00:00+08:00 / expected an ISO-8601 date-time with offset`, code: 'invalid_format', params: { format: 'instant' } });
  return undefined;
}

function yesNo(input: Input, key: string, path: string, label: string, errors: FieldError[]): boolean {
  const v = input[key];
  if (typeof v !== 'boolean') errors.push({ path, message: `请选择${label}（是/否） / ${key} must be true or false`, code: 'required' });
  return v === true;
}

function fail(what: string, errors: FieldError[]): AppError {
  return AppError.validation(`${what}填写不完整：${errors.map((e) => e.path).join('、')} / incomplete ${what === '留言记录' ? 'message record' : 'callback report'}`, errors);
}

/** CB-ABSENT: who took the message (name and relation), what was left, and when to call again or another contact. */
export function validateAbsentMessage(value: unknown, base = 'message'): AbsentMessage {
  const errors: FieldError[] = [];
  const input = asRecord(value);
  if (!input) {
    const message = '客户不在时必须记录留言：谁接的电话（姓名、关系）、留了什么话、何时再打或其他联系方式 / outcome absent needs the message record';
    throw AppError.validation(message, [{ path: base, message, code: 'required' }]);
  }
  const takenByInput = asRecord(input.takenBy) ?? {};
  const name = text(takenByInput, 'name', `${base}.takenBy.name`, '接电话人的姓名（对不起，请问您怎么称呼？）', errors);
  const relation = text(takenByInput, 'relation', `${base}.takenBy.relation`, '接电话人与客户的关系', errors);
  const left = text(input, 'left', `${base}.left`, '留言内容（姓名、单位、电话、回电时间、转告内容）', errors);
  let callAgainAt: number | null = null;
  if (input.callAgainAt !== undefined && input.callAgainAt !== null && input.callAgainAt !== '') {
    callAgainAt = instant(input.callAgainAt, `${base}.callAgainAt`, '再次联系时间', errors) ?? null;
  }
  const otherRaw = input.otherContact;
  const otherContact = typeof otherRaw === 'string' && otherRaw.trim() !== '' ? otherRaw.trim() : null;
  if (otherRaw !== undefined && otherRaw !== null && typeof otherRaw !== 'string') errors.push({ path: `${base}.otherContact`, message: '其他联系方式应为文字 / otherContact must be text', code: 'invalid_type', params: { expected: 'string' } });
  if (callAgainAt === null && otherContact === null && !errors.some((e) => e.path === `${base}.callAgainAt`)) {
    errors.push({ path: `${base}.callAgainAt`, message: '请记录何时再打来合适，或客户的其他联系方式 / callAgainAt or otherContact is required', code: 'required' });
  }
  if (errors.length > 0) throw fail('留言记录', errors);
  return { takenBy: { name, relation }, left, callAgainAt, otherContact };
}

/** CB-REPORT: 客户回访报告表 — customer, contact, time, type, content, opinions, satisfaction 1–5, solved, follow-up, agent. */
export function validateCallbackReport(value: unknown, base = 'report'): CallbackReport {
  const errors: FieldError[] = [];
  const input = asRecord(value);
  if (!input) {
    const message = '回访已接通，请填写客户回访报告表 / a reached callback needs the callback report';
    throw AppError.validation(message, [{ path: base, message, code: 'required' }]);
  }
  const customerName = text(input, 'customerName', `${base}.customerName`, '客户名称', errors);
  const contact = text(input, 'contact', `${base}.contact`, '联系人/电话', errors);
  const at = instant(input.at, `${base}.at`, '回访时间', errors) ?? 0;
  const type = input.type;
  if (typeof type !== 'string' || !(callbackTypes as readonly string[]).includes(type)) {
    errors.push({ path: `${base}.type`, message: `回访类型应为 ${callbackTypes.join('、')} 之一 / type must be one of ${callbackTypes.join(', ')}`, code: 'one_of', params: { values: callbackTypes.join(', ') } });
  }
  const content = text(input, 'content', `${base}.content`, '回访内容', errors);
  const opinions = typeof input.opinions === 'string' ? input.opinions.trim() : '';
  if (input.opinions !== undefined && typeof input.opinions !== 'string') errors.push({ path: `${base}.opinions`, message: '意见和建议应为文字 / opinions must be text', code: 'invalid_type', params: { expected: 'string' } });
  const satisfaction = input.satisfaction;
  if (typeof satisfaction !== 'number' || !Number.isInteger(satisfaction) || satisfaction < 1 || satisfaction > 5) {
    errors.push({ path: `${base}.satisfaction`, message: '满意度应为 1–5 的整数 / satisfaction must be a whole number from 1 to 5', code: 'one_of', params: { values: '1–5' } });
  }
  const solved = yesNo(input, 'solved', `${base}.solved`, '问题是否已解决', errors);
  const followUpNeeded = yesNo(input, 'followUpNeeded', `${base}.followUpNeeded`, '是否需要跟进', errors);
  const agent = text(input, 'agent', `${base}.agent`, '回访人', errors);
  if (errors.length > 0) throw fail('客户回访报告表', errors);
  return { customerName, contact, at, type: type as CallbackType, content, opinions, satisfaction: satisfaction as CallbackReport['satisfaction'], solved, followUpNeeded, agent };
}
