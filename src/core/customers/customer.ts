import { AppError, type FieldError } from '../shared/app-error.js';

/** CRM-STAGE: lifecycle potential → new → loyal → referrer. */
export const lifecycleStages = ['potential', 'new', 'loyal', 'referrer'] as const;
export type LifecycleStage = (typeof lifecycleStages)[number];

export const phoneKinds = ['mobile', 'home', 'work', 'other'] as const;
export type PhoneKind = (typeof phoneKinds)[number];

export interface CustomerPhone {
  /** Digits only, without the +86 country prefix: 13812341234, 01088886666. */
  number: string;
  kind: PhoneKind;
}

export interface TimeWindow {
  /** HH:MM local time. */
  start: string;
  end: string;
}

/** Consent and contact preferences; callbacks read them (CB-WINDOW). */
export interface ContactPreferences {
  /** Which number to call first. */
  preferredPhone: PhoneKind | null;
  /** Times not to call (meals, rest); local HH:MM windows, may cross midnight. */
  doNotCall: TimeWindow[];
  consentToCallbacks: boolean;
  consentToMarketing: boolean;
  /** IANA zone the customer lives in (callbacks are placed in their local hours, CB-WINDOW); null: the centre's. */
  timeZone: string | null;
}

export interface Customer {
  id: string;
  /** The centre's own customer code (客户编号), unique when set. */
  code: string | null;
  name: string;
  company: string | null;
  email: string | null;
  category: string | null;
  vip: boolean;
  stage: LifecycleStage;
  tags: string[];
  phones: CustomerPhone[];
  contactPreferences: ContactPreferences;
  note: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface StageChange {
  id: string;
  customerId: string;
  from: LifecycleStage | null;
  to: LifecycleStage;
  at: number;
  actorId: string | null;
  actorName: string | null;
  reason: string | null;
}

export const defaultContactPreferences: ContactPreferences = { preferredPhone: null, doNotCall: [], consentToCallbacks: true, consentToMarketing: false, timeZone: null };

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0[1-9]\d{8,10}$/;
const SERVICE = /^(400|800)\d{7}$|^95\d{3,6}$|^1[0-2]\d{3}$/;

/**
 * A phone number as stored and compared: digits only, mainland country code removed. Returns
 * undefined for anything that is not a mainland mobile, a landline with its area code, or a
 * 400/800/95xxx service number.
 */
export function normalizePhone(input: string): string | undefined {
  let d = input.trim().replace(/[\s\-().]/g, '');
  if (!/^\+?\d+$/.test(d)) return undefined;
  d = d.replace(/^\+/, '');
  if (d.startsWith('0086')) d = d.slice(4);
  else if (d.startsWith('86') && d.length >= 12) d = d.slice(2);
  if (d.length === 12 && d.startsWith('01') && MOBILE.test(d.slice(1))) d = d.slice(1); // 0 + mobile, as some PBXs dial out
  if (MOBILE.test(d) || LANDLINE.test(d) || SERVICE.test(d)) return d;
  return undefined;
}

// The masks live with the one masking policy; re-exported for the customer module's callers.
export { maskEmail, maskPhone } from '../shared/personal-data.js';

/** Validates phones (normalized, kinds known, no number twice); throws VALIDATION naming each bad one. */
export function validatePhones(phones: ReadonlyArray<{ number: string; kind?: string }>, path = 'phones'): CustomerPhone[] {
  const fields: FieldError[] = [];
  const out: CustomerPhone[] = [];
  const seen = new Set<string>();
  phones.forEach((p, i) => {
    const number = normalizePhone(String(p.number ?? ''));
    const kind = (p.kind ?? 'mobile') as PhoneKind;
    if (!number) fields.push({ path: `${path}.${i}.number`, message: `"${p.number}" is not a valid phone number (a mobile like 13812341234 or a landline with area code like 010-88886666)`, code: 'invalid_phone' });
    else if (seen.has(number)) fields.push({ path: `${path}.${i}.number`, message: 'the same number is listed twice', code: 'duplicate' });
    if (!(phoneKinds as readonly string[]).includes(kind)) fields.push({ path: `${path}.${i}.kind`, message: `must be one of ${phoneKinds.join(', ')}`, code: 'one_of', params: { values: phoneKinds.join(', ') } });
    if (number) {
      seen.add(number);
      out.push({ number, kind });
    }
  });
  if (fields.length) throw AppError.validation('Invalid phone number', fields);
  return out;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export function validateTimeWindows(windows: readonly TimeWindow[], path: string): FieldError[] {
  const fields: FieldError[] = [];
  windows.forEach((w, i) => {
    if (!HHMM.test(w.start)) fields.push({ path: `${path}.${i}.start`, message: 'HH:MM, e.g. 12:00', code: 'invalid_format', params: { format: 'HH:MM' } });
    if (!HHMM.test(w.end)) fields.push({ path: `${path}.${i}.end`, message: 'HH:MM, e.g. 13:30', code: 'invalid_format', params: { format: 'HH:MM' } });
  });
  return fields;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function isEmail(s: string): boolean {
  return EMAIL.test(s);
}
