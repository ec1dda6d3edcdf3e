import { z } from 'zod';
import { cardItems } from '../visits/card-items.js';

/**
 * The pack's `visits:` section (来访接待, KF-1): the walk-in limits as data a centre edits with its
 * standard — the waiting limit before a visitor is someone else's to serve (VS-BUSY1/2, 3 minutes),
 * the supervisor's turn after an unanswered alert, the pass-on times of messages (VS-OWNER), the
 * apology threshold (VS-SWITCH), the escalation chain (VS-ESCALATE, CP-CHAIN) and the items of the
 * observation card. Every field defaults to KF-1's value, so a pack stored before this section
 * existed still validates and means them; the default pack spells them out (a test keeps the two equal).
 */
const chainStep = z.strictObject({
  /** The role that takes the visit at this step: supervisor (客服主管) or manager (管理处主管). */
  role: z.enum(['supervisor', 'manager']),
  label: z.string().min(1),
});

const cardItem = z.strictObject({
  id: z.string().regex(/^[A-Z][A-Z0-9-]*$/, '用大写字母、数字和 - （如 VS-TEA） / use upper-case letters, digits and - (e.g. VS-TEA)'),
  label: z.string().min(1),
});

export const visitSettingsSchema = z.strictObject({
  waitLimitMinutes: z.number().positive().max(120).default(3),
  supervisorAfterMinutes: z.number().positive().max(240).default(3),
  messagePassOnMinutes: z.number().int().min(1).max(7 * 24 * 60).default(120),
  urgentMessagePassOnMinutes: z.number().int().min(1).max(24 * 60).default(15),
  apologyAfterSeconds: z.number().int().min(0).max(3600).default(60),
  chain: z
    .array(chainStep)
    .min(1)
    .default([
      { role: 'supervisor', label: '客服主管' },
      { role: 'manager', label: '管理处主管' },
    ]),
  cardItems: z
    .array(cardItem)
    .min(1)
    .refine((items) => new Set(items.map((i) => i.id)).size === items.length, { message: '观察卡项目编号不能重复 / card item ids must be unique', params: { code: 'duplicate' } })
    .default(cardItems.map((i) => ({ id: i.id, label: i.label }))),
});
export type VisitSettings = z.infer<typeof visitSettingsSchema>;

/** KF-1's values, as a pack without a `visits:` section means them. */
export const defaultVisitSettings: VisitSettings = visitSettingsSchema.parse({});
