import type { FieldError } from '../shared/app-error.js';
import { instantHint, isInstant } from '../shared/instant.js';
import { ticketChannels, ticketPriorities, type CallSummary, type PromiseKind, type TicketChannel, type TicketPriority } from './ticket.js';
import type { TicketSettings } from './ticket-settings.js';

export interface PromiseInput {
  /** Typed duration from now on the working calendar: 24h, 2wd, 8bh. */
  within?: string;
  /** Or an explicit time, epoch ms. */
  dueAt?: number;
  kind?: PromiseKind;
  note?: string | null;
}

export interface SummaryInput {
  problemType: string;
  solution: string;
  satisfaction?: number | null;
}

export interface TicketInput {
  type: string;
  complaintClass?: string | null;
  complaintGrade?: string | null;
  problemType?: string | null;
  title?: string | null;
  description?: string;
  customerId?: string | null;
  customerName?: string | null;
  contactPhone?: string | null;
  callId?: string | null;
  visitId?: string | null;
  channel?: TicketChannel;
  priority?: TicketPriority;
  assigneeId?: string | null;
  team?: string | null;
  /** When the call behind the ticket ended, epoch ms (PH-TICKET3 / PH-SUMMARY5). */
  callEndedAt?: number | null;
  summary?: SummaryInput | null;
  promise?: PromiseInput;
}

export type TicketPatch = Partial<Omit<TicketInput, 'promise'>> & { status?: 'in_progress' | 'waiting_customer' };

export const trimOrNull = (s: string | null | undefined): string | null => {
  const t = s?.trim();
  return t ? t : null;
};

/** CP-GRADE: a class and a grade, when given, must be the settings' own. */
export function complaintFieldProblems(cls: string | null, grade: string | null, s: TicketSettings): FieldError[] {
  const out: FieldError[] = [];
  if (cls && !s.complaintClasses.some((c) => c.key === cls)) out.push({ path: 'complaintClass', message: `unknown complaint class "${cls}" (one of ${s.complaintClasses.map((c) => c.key).join(', ')})`, code: 'one_of', params: { values: s.complaintClasses.map((c) => c.label).join('、') } });
  if (grade && !s.complaintGrades.some((g) => g.key === grade)) out.push({ path: 'complaintGrade', message: `unknown complaint grade "${grade}" (one of ${s.complaintGrades.map((g) => g.key).join(', ')})`, code: 'one_of', params: { values: s.complaintGrades.map((g) => g.label).join('、') } });
  return out;
}

/** The fields whose values come from fixed lists or ranges (the HTTP schema checks them too; the CLI and jobs do not pass it). */
export function enumProblems(input: Partial<TicketInput>): FieldError[] {
  const out: FieldError[] = [];
  if (input.callEndedAt !== undefined && input.callEndedAt !== null && !isInstant(input.callEndedAt)) out.push({ path: 'callEndedAt', message: instantHint, code: 'invalid_format', params: { format: 'instant' } });
  if (input.channel !== undefined && !(ticketChannels as readonly string[]).includes(input.channel)) out.push({ path: 'channel', message: `one of ${ticketChannels.join(', ')}`, code: 'one_of', params: { values: ticketChannels.join(', ') } });
  if (input.priority !== undefined && !(ticketPriorities as readonly string[]).includes(input.priority)) out.push({ path: 'priority', message: `one of ${ticketPriorities.join(', ')}`, code: 'one_of', params: { values: ticketPriorities.join(', ') } });
  if (input.summary) {
    if (!input.summary.problemType?.trim()) out.push({ path: 'summary.problemType', message: 'required', code: 'required' });
    if (!input.summary.solution?.trim()) out.push({ path: 'summary.solution', message: 'required', code: 'required' });
    const sat = input.summary.satisfaction;
    if (sat !== undefined && sat !== null && !(Number.isInteger(sat) && sat >= 1 && sat <= 5)) out.push({ path: 'summary.satisfaction', message: '1 (very dissatisfied) to 5 (very satisfied)', code: 'one_of', params: { values: '1–5' } });
  }
  return out;
}

/** CP-GRADE: the class may override its grade's reply limit. */
export function complaintLimit(cls: string, grade: string, s: TicketSettings): string {
  const byClass = s.complaintClasses.find((c) => c.key === cls)?.replyLimits?.[grade];
  return byClass ?? s.complaintGrades.find((g) => g.key === grade)?.replyLimit ?? '2wd';
}

export function summaryOf(x: SummaryInput, now: number): CallSummary {
  return { problemType: x.problemType.trim(), solution: x.solution.trim(), satisfaction: x.satisfaction ?? null, writtenAt: now };
}
