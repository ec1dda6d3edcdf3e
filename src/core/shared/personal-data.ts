import { AppError } from './app-error.js';
import type { Role } from '../users/roles.js';
import type { AuditLog } from '../users/ports.js';
import type { NumberMatching } from '../search/search-text.js';

/**
 * The one masking policy (issue #12, defects 6 and 7): every phone number, e-mail address and ID
 * number that leaves the server goes out masked, whoever asks. A role listed here may ask for the
 * full value (`?reveal=pii`), and every such read is in the audit log. No role sees unmasked data
 * by default: a supervisor's ticket list masks numbers exactly as the customer list does, so
 * there is no path around the audit trail.
 */
export const personalDataKinds = ['phone', 'email', 'idNumber'] as const;
export type PersonalDataKind = (typeof personalDataKinds)[number];

/**
 * Who may reveal each kind. Agents and QA work with masked numbers: the desk dials and links
 * customers through the system, and a quality review judges what was said, not who said it.
 */
export const revealingRoles: Readonly<Record<PersonalDataKind, readonly Role[]>> = {
  phone: ['supervisor', 'manager', 'admin'],
  email: ['supervisor', 'manager', 'admin'],
  idNumber: ['supervisor', 'manager', 'admin'],
};

export function mayReveal(role: Role | null, kind: PersonalDataKind): boolean {
  return role !== null && revealingRoles[kind].includes(role);
}

/** Every kind a role may reveal: what the session answer tells the screens, so they restate no rule. */
export function revealableKinds(role: Role | null): PersonalDataKind[] {
  return personalDataKinds.filter((kind) => mayReveal(role, kind));
}

/**
 * How a search by this reader matches typed digits: by prefix only for a role that may see phone
 * numbers; for everyone else the whole number, so prefixes cannot rebuild a masked number.
 */
export function numberMatchingFor(role: Role | null): NumberMatching {
  return mayReveal(role, 'phone') ? 'prefix' : 'whole';
}

/** 138****1234: the first three and last four digits stay, so an agent can still recognise the number. */
export function maskPhone(number: string): string {
  if (number.includes('*')) return number;
  if (number.length >= 8) return `${number.slice(0, 3)}${'*'.repeat(number.length - 7)}${number.slice(-4)}`;
  if (number.length > 2) return `${'*'.repeat(number.length - 2)}${number.slice(-2)}`;
  return number;
}

export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at <= 0) return '***';
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

/** 110101********1234: region code and the last four stay (the birth date is the sensitive part). */
export function maskIdNumber(id: string): string {
  if (id.length >= 10) return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
  return '*'.repeat(id.length);
}

const maskers: Record<PersonalDataKind, (v: string) => string> = { phone: maskPhone, email: maskEmail, idNumber: maskIdNumber };

/** A value of `kind` as it may leave the server: masked unless this answer is a revealed one. */
export function present(kind: PersonalDataKind, value: string | null, revealed: boolean): string | null {
  if (value === null || value === '' || revealed) return value;
  return maskers[kind](value);
}

export interface PersonalDataReader {
  id: string | null;
  username: string | null;
  role: Role | null;
}

export interface RevealContext {
  audit: AuditLog;
}

/**
 * Use case: a reader asks to see the personal data of one record unmasked. Refused (403) for a
 * role that may not; otherwise recorded as `<type>.pii_read` before the caller shows anything.
 */
export async function revealPersonalData(
  ctx: RevealContext,
  reader: PersonalDataReader,
  target: { type: 'customer' | 'ticket' | 'call'; id: string },
  kind: PersonalDataKind,
  ip: string | null,
): Promise<void> {
  if (!mayReveal(reader.role, kind)) throw AppError.forbidden(`Showing personal data needs one of the roles: ${revealingRoles[kind].join(', ')}`);
  await ctx.audit.record({ actor: { id: reader.id, name: reader.username }, action: `${target.type}.pii_read`, target, ip });
}

// Free text (descriptions, notes, transcripts) can carry numbers too: a caller reads out a mobile
// or an ID number and the agent types it in. Both masks keep the length, so quotes and offsets
// into a transcript still point at the same characters.
// Digits as people type them: ASCII or full-width (０-９), in groups split by one space, hyphen or dot
// (139-1234-5678, 139 1234 5678, 0755-8888 6666), optionally after +86.
const DIGIT = '[0-9\\uFF10-\\uFF19]';
const SEPARATOR = '[ \\-\\u2010\\uFF0D.\\u00B7]';
const NUMBER_RUN = new RegExp(`(?<!${DIGIT})(?:[+\\uFF0B](?:86|\\uFF18\\uFF16)${SEPARATOR}?)?${DIGIT}(?:${SEPARATOR}?${DIGIT}){6,16}(?!${DIGIT})`, 'gu');
const ID_NUMBER_IN_TEXT = new RegExp(`(?<![0-9A-Za-z\\uFF10-\\uFF19])${DIGIT}{17}[0-9Xx\\uFF38\\uFF58\\uFF10-\\uFF19](?![0-9A-Za-z\\uFF10-\\uFF19])`, 'gu');

const isDigit = (ch: string) => (ch >= '0' && ch <= '9') || (ch >= '\uFF10' && ch <= '\uFF19');
const asciiDigits = (run: string) => [...run].filter(isDigit).map((ch) => (ch <= '9' ? ch : String.fromCharCode(ch.charCodeAt(0) - 0xfee0))).join('');

/** The run with every digit after the first `keep` and before the last four replaced by `*`; separators stay. */
function maskDigits(run: string, keep: number): string {
  const total = asciiDigits(run).length;
  let seen = 0;
  return [...run].map((ch) => (isDigit(ch) && seen++ >= keep && seen <= total - 4 ? '*' : ch)).join('');
}

/**
 * How many leading digits of a number-like run stay visible: a mainland mobile (after +86) keeps its
 * first three, a landline its area code (010 and 02x are three digits, the others four); any other
 * run of digits (an order number, a date, an amount) is not personal data and stays as it is (-1).
 */
function visibleLead(run: string): number {
  const digits = asciiDigits(run);
  const international = /^[+\uFF0B]/.test(run);
  const national = international && digits.startsWith('86') ? digits.slice(2) : digits;
  const prefix = digits.length - national.length;
  if (/^1[3-9]\d{9}$/.test(national)) return prefix + 3;
  if (!international && /^0\d{9,11}$/.test(national)) return /^0[12]/.test(national) ? 3 : 4;
  return -1;
}

export function maskPersonalDataInText(text: string): string {
  return text.replace(ID_NUMBER_IN_TEXT, (m) => maskIdNumber(m)).replace(NUMBER_RUN, (run) => {
    const lead = visibleLead(run);
    return lead < 0 ? run : maskDigits(run, lead);
  });
}

/** Every string inside a JSON-like value with maskPersonalDataInText applied (numbers and keys untouched). */
export function maskPersonalDataDeep<T>(value: T): T {
  if (typeof value === 'string') return maskPersonalDataInText(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => maskPersonalDataDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = maskPersonalDataDeep(v);
    return out as T;
  }
  return value;
}
