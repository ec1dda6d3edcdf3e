import { AppError } from './app-error.js';
import type { Role } from '../users/roles.js';
import type { AuditLog } from '../users/ports.js';

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
const MOBILE_IN_TEXT = /(?<!\d)(?:\+?86[ -]?)?1[3-9]\d{9}(?!\d)/g;
const ID_NUMBER_IN_TEXT = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g;

export function maskPersonalDataInText(text: string): string {
  return text.replace(ID_NUMBER_IN_TEXT, (m) => maskIdNumber(m)).replace(MOBILE_IN_TEXT, (m) => `${m.slice(0, -8)}****${m.slice(-4)}`);
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
