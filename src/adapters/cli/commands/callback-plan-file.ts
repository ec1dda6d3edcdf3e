import { z } from 'zod';
import { AppError } from '../../../core/shared/app-error.js';
import { zodIssuesToFieldErrors } from '../../../core/interactions/transcript.js';
import { callbackTypes, numberKinds } from '../../../core/standard/callback-schema.js';
import type { CallbackRules } from '../../../core/callbacks/callback-rules.js';
import type { PlanInput, PlanSummary } from '../../../core/callbacks/plan-campaign.js';

/**
 * `kefu callback plan --file`: a campaign, its agents and targets as JSON (phase 1; phase 2 reads
 * them from the database). Validated here, at the edge; times are ISO-8601 read in --tz.
 */
const interval = z.strictObject({ start: z.string(), end: z.string() });
const fileSchema = z.strictObject({
  campaign: z.strictObject({
    id: z.string().min(1),
    name: z.string().min(1),
    type: z.enum(callbackTypes),
    period: z.strictObject({ from: z.string(), to: z.string() }),
    ownerTeam: z.string().min(1),
    script: z.string().optional(),
  }),
  agents: z.array(z.string().min(1)).min(1),
  targets: z.array(
    z.strictObject({
      customerId: z.string().min(1),
      customerCode: z.string().nullish(),
      customerName: z.string().min(1),
      number: z.string().min(1),
      numberKind: z.enum(numberKinds),
      timeZone: z.string().nullish(),
      doNotCall: z.array(interval).nullish(),
      ticketId: z.string().nullish(),
      solvedAt: z.string().nullish(),
      reason: z.string().default(''),
    }),
  ),
  existing: z.array(z.string()).default([]),
});

export function parsePlanFile(text: string, rules: CallbackRules): PlanInput {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw AppError.validation(`not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = fileSchema.safeParse(doc);
  if (!parsed.success) throw AppError.validation('invalid campaign file', zodIssuesToFieldErrors(parsed.error.issues));
  const f = parsed.data;
  return {
    campaign: f.campaign,
    agents: f.agents,
    targets: f.targets.map((t, i) => ({
      ...t,
      solvedAt: t.solvedAt ? rules.calendar.parseInstant(t.solvedAt, `targets.${i}.solvedAt`) : null,
    })),
    existing: f.existing.map((key) => ({ key, agent: null, plannedAt: null })),
  };
}

export function renderPlanSummary(s: PlanSummary, dryRun: boolean): string {
  const lines = [
    `campaign ${s.campaignId}${dryRun ? ' (dry run: nothing stored)' : ''}`,
    `planned: ${s.planned}  already planned: ${s.alreadyPlanned}  duplicates: ${s.duplicates}`,
    `unplaceable: ${Object.entries(s.unplaceable).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `capacity: ${s.callsPerAgentPerHour} calls per agent per hour (${s.slotMinutes}-minute slots)`,
    'per agent:',
    ...Object.entries(s.perAgent).map(([a, n]) => `  ${a} ${n}`),
    'per day:',
    ...Object.entries(s.perDay).map(([d, n]) => `  ${d} ${n}`),
  ];
  return `${lines.join('\n')}\n`;
}
