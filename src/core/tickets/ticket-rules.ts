import type { FieldError } from '../shared/app-error.js';
import { normalizePhrase } from '../text/normalize.js';
import type { TicketFieldName, TicketSettings } from './ticket-settings.js';

/**
 * PH-RECORD: a description must say something specific. The vague phrases of the pack
 * (客户说有点问题…) are removed, in either script, and what is left must still have
 * `minSpecificCharacters` letters or digits. Returns the message for the agent, or null.
 */
export function vagueDescriptionProblem(description: string, settings: TicketSettings): string | null {
  let text = normalizePhrase(description);
  for (const p of normalizedVaguePhrases(settings.vagueDescriptionPhrases)) if (p) text = text.split(p).join('');
  const specific = [...text.matchAll(/[\p{L}\p{N}]/gu)].length;
  if (specific >= settings.minSpecificCharacters) return null;
  return `描述过于笼统（如“客户说有点问题”），请具体记录问题类型、订单号、时间等关键信息 / the description is too vague: record the specific problem (what, order number, time)`;
}

// Normalized once per settings (normalizing the list for every ticket was ~5% of a create).
const vaguePhrasesCache = new WeakMap<readonly string[], string[]>();

function normalizedVaguePhrases(phrases: readonly string[]): string[] {
  let normalized = vaguePhrasesCache.get(phrases);
  if (normalized === undefined) {
    normalized = phrases.map(normalizePhrase).sort((a, b) => b.length - a.length);
    vaguePhrasesCache.set(phrases, normalized);
  }
  return normalized;
}

export interface RequiredFieldValues {
  customerName: string | null | undefined;
  contactPhone: string | null | undefined;
  description: string | null | undefined;
  complaintClass: string | null | undefined;
  complaintGrade: string | null | undefined;
  callId: string | null | undefined;
  customerId: string | null | undefined;
}

const fieldLabels: Record<TicketFieldName, string> = {
  customerName: '客户姓名 customer name',
  contactPhone: '联系电话 contact phone',
  description: '问题描述 problem description',
  complaintClass: '投诉类别 complaint class',
  complaintGrade: '投诉等级 complaint grade',
  callId: '来电记录 call id',
  customerId: '客户 customer',
};

/** The type's required fields that are empty, as field errors. */
export function missingRequiredFields(required: readonly TicketFieldName[], values: RequiredFieldValues): FieldError[] {
  return required.filter((f) => !values[f]?.toString().trim()).map((f) => ({ path: f, message: `required for this ticket type (${fieldLabels[f]})`, code: 'required' as const }));
}

/** A duration's length in ms for lead times (working days and business hours counted as 24 h and 1 h). */
export function approximateMs(duration: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(h|wd|bh)$/i.exec(duration.trim());
  if (!m) return 0;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'h').toLowerCase();
  return n * (unit === 'wd' ? 24 : 1) * 3600_000;
}
