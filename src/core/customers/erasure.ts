import type { Customer } from './customer.js';

/**
 * What erasing a customer (PIPL, issue #20) looks for, worked out from the customer and the texts
 * of their own records. Pure: the adapter finds the rows and writes the replacements.
 *
 * - `everywhere`: strings that identify this person wherever they appear — every form their phone
 *   numbers are written in (13912345678, +86 139…, 139-1234-5678, 139 1234 5678), ID numbers
 *   (身份证号) found in their own records, their e-mail address. Replaced in every text column of
 *   every table: a number read out in another caller's transcript is still theirs.
 * - `linked`: `everywhere` plus their name and customer code, replaced only in their own records
 *   (their tickets, calls, callbacks) and in system records (audit, events, jobs, cached answers):
 *   a name is not unique, and another customer's ticket mentioning someone of the same name is not
 *   this person's data.
 */
export interface ErasureNeedles {
  everywhere: string[];
  linked: string[];
}

/** What a removed value is replaced with in text that is kept. */
export const ERASED = '[已删除]';
/** The customer name a kept ticket shows once its customer was erased. */
export const ERASED_CUSTOMER_NAME = '（已删除客户）';

// 18-character mainland ID numbers: 17 digits and a digit or X.
const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;

export function phoneForms(number: string): string[] {
  const forms = new Set([number]);
  if (/^1[3-9]\d{9}$/.test(number)) {
    const [a, b, c] = [number.slice(0, 3), number.slice(3, 7), number.slice(7)];
    for (const sep of ['-', ' ']) forms.add(`${a}${sep}${b}${sep}${c}`);
    for (const prefix of ['+86', '+86 ', '86', '0086']) forms.add(`${prefix}${number}`);
  } else if (/^0\d{9,11}$/.test(number)) {
    const area = /^0[12]/.test(number) ? 3 : 4;
    for (const sep of ['-', ' ']) forms.add(`${number.slice(0, area)}${sep}${number.slice(area)}`);
  }
  return [...forms];
}

export function idNumbersIn(texts: ReadonlyArray<string | null | undefined>): string[] {
  const found = new Set<string>();
  for (const t of texts) for (const m of (t ?? '').matchAll(ID_NUMBER)) found.add(m[0].toUpperCase()).add(m[0].toLowerCase());
  return [...found];
}

export function erasureNeedles(customer: Pick<Customer, 'name' | 'code' | 'email' | 'phones' | 'note' | 'tags'>, extraPhones: readonly string[], ownTexts: ReadonlyArray<string | null | undefined>): ErasureNeedles {
  const everywhere = new Set<string>();
  for (const p of [...customer.phones.map((x) => x.number), ...extraPhones]) for (const f of phoneForms(p)) everywhere.add(f);
  for (const id of idNumbersIn([customer.note, customer.tags.join(' '), ...ownTexts])) everywhere.add(id);
  if (customer.email) everywhere.add(customer.email);
  const linked = new Set(everywhere);
  if (customer.name.trim().length >= 2) linked.add(customer.name.trim());
  if (customer.code) linked.add(customer.code);
  // Longest first: "+86 13912345678" is replaced before "13912345678" inside it.
  const byLength = (a: string, b: string) => b.length - a.length;
  return { everywhere: [...everywhere].sort(byLength), linked: [...linked].sort(byLength) };
}

export function scrub(text: string, needles: readonly string[]): string {
  let out = text;
  for (const n of needles) if (n) out = out.split(n).join(ERASED);
  return out;
}
