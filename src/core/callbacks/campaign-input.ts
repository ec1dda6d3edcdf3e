import { z } from 'zod';
import { parseLocalDate } from '../calendar/local-date.js';
import { AppError, type FieldError } from '../shared/app-error.js';
import { zodIssuesToFieldErrors } from '../interactions/transcript.js';
import { callbackTypes } from '../standard/callback-schema.js';
import type { Campaign } from './model.js';

/**
 * A campaign as a person (or the API, phase 2) writes it, checked field by field: name, type
 * (CB-TYPE), selection rule (CB-SELECT), period, owner team, script. Instants are epoch ms or
 * ISO-8601 with an offset; the period is local dates.
 */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const instant = z.union([
  z.number().int(),
  z
    .string()
    .regex(ISO_WITH_OFFSET, '应为带时区的时间，如 2025-10-01T00:00:00+08:00 / expected ISO-8601 with offset')
    .transform((s) => Date.parse(s)),
]);
const localDate = z.string().superRefine((s, ctx) => {
  try {
    parseLocalDate(s);
  } catch {
    ctx.addIssue({ code: 'custom', message: `日期应为 YYYY-MM-DD / invalid date "${s}"`, params: { code: 'invalid_format', format: 'date' } });
  }
});
const ticketTypes = z.array(z.string().min(1)).min(1, '至少选择一种工单类型 / choose at least one ticket type');

const selectionSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('random'),
    by: z.enum(['code', 'category']),
    codePrefix: z.string().min(1).optional(),
    categories: z.array(z.string().min(1)).optional(),
    size: z.number().int().min(1).max(1_000_000),
    seed: z.number().int(),
  }),
  z.strictObject({ kind: z.literal('low-satisfaction'), from: instant, to: instant, below: z.number().min(1).max(5).optional() }),
  z.strictObject({ kind: z.literal('further-service'), ticketTypes, recentlySolvedDays: z.number().int().min(0).max(365).optional() }),
  z.strictObject({ kind: z.literal('cold'), days: z.number().int().min(1).max(3650).optional() }),
  z.strictObject({ kind: z.literal('after-solved'), from: instant, to: instant, ticketTypes: ticketTypes.optional() }),
]);

export const campaignInputSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().trim().min(1, '请填写活动名称 / name is required'),
  type: z.enum(callbackTypes),
  selection: selectionSchema,
  period: z.strictObject({ from: localDate, to: localDate }),
  ownerTeam: z.string().trim().min(1, '请选择负责团队 / ownerTeam is required'),
  script: z.string().optional(),
});

/** Checks a campaign; throws VALIDATION naming every bad field (period order and rule ranges included). */
export function parseCampaign(input: unknown): Campaign {
  const parsed = campaignInputSchema.safeParse(input);
  if (!parsed.success) {
    const fields = zodIssuesToFieldErrors(parsed.error.issues);
    throw AppError.validation(`回访活动填写有误：${fields.map((f) => f.path).join('、')} / invalid campaign`, fields);
  }
  const c = parsed.data;
  const problems: FieldError[] = [];
  if (c.period.to < c.period.from) problems.push({ path: 'period.to', message: `结束日 ${c.period.to} 早于开始日 ${c.period.from} / the period ends before it starts`, code: 'ends_before_start', params: { start: c.period.from } });
  const sel = c.selection;
  if ((sel.kind === 'low-satisfaction' || sel.kind === 'after-solved') && sel.to <= sel.from) {
    problems.push({ path: 'selection.to', message: '统计区间的结束时间应晚于开始时间 / the selection period ends before it starts', code: 'ends_before_start' });
  }
  if (problems.length > 0) throw AppError.validation(`回访活动填写有误：${problems.map((f) => f.path).join('、')} / invalid campaign`, problems);
  const campaign: Campaign = { id: c.id, name: c.name, type: c.type, selection: sel, period: c.period, ownerTeam: c.ownerTeam };
  if (c.script !== undefined) campaign.script = c.script;
  return campaign;
}
