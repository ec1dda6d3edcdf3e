import { z } from 'zod';
import { parseDuration } from '../calendar/duration.js';

/** A typed duration of the standard pack: `24h` clock hours, `2wd` working days, `8bh` business hours. */
const durationText = z.string().superRefine((text, ctx) => {
  try {
    parseDuration(text);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: e instanceof Error ? e.message : String(e) });
  }
});

export const ticketFieldNames = ['customerName', 'contactPhone', 'description', 'complaintClass', 'complaintGrade', 'callId', 'customerId'] as const;
export type TicketFieldName = (typeof ticketFieldNames)[number];

export const escalationLevels = ['agent', 'supervisor', 'management_office'] as const;
export type EscalationLevel = (typeof escalationLevels)[number];

const key = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _, starting with a letter');

export const ticketSettingsSchema = z.strictObject({
  /** Ticket types. PH-RECORD: name, contact and a specific problem description are required. */
  types: z
    .array(
      z.strictObject({
        key,
        label: z.string().min(1),
        requiredFields: z.array(z.enum(ticketFieldNames)),
        /** FU-REMIND: the reply time promised to the customer when the ticket is opened; none for types answered at once. */
        followUpWithin: durationText.optional(),
      }),
    )
    .min(1),
  /** CP-GRADE: complaint classes; a class may override the grade's reply limit. */
  complaintClasses: z.array(z.strictObject({ key, label: z.string().min(1), replyLimits: z.record(z.string(), durationText).optional() })).min(1),
  /** CP-GRADE: complaint grades, each with its reply time limit. */
  complaintGrades: z.array(z.strictObject({ key, label: z.string().min(1), replyLimit: durationText })).min(1),
  /** PH-RECORD: notes that say nothing specific (客户说有点问题). */
  vagueDescriptionPhrases: z.array(z.string().min(1)),
  /** A description must keep at least this many letters or digits once the vague phrases are removed. */
  minSpecificCharacters: z.number().int().min(0).max(200),
  /** KPI-FCR: a repeat contact on the same problem within this window means the first was not resolved. */
  fcrRepeatWindow: durationText,
  /** FU-REMIND: the reminder fires this long before a promise is due. */
  reminderLeadTime: durationText,
  /** CP-PROMISE / VS-ESCALATE: who a ticket goes to, in order, when a promise is at risk or broken. */
  escalationChain: z.array(z.strictObject({ level: z.enum(escalationLevels), label: z.string().min(1) })).min(1),
  /** After a broken promise has gone one step up, this long without it being kept sends it one step further. */
  nextEscalationAfter: durationText,
  /**
   * Whether agents see only their own team's tickets (and their own and unteamed ones). Private
   * by default: a centre opens its teams on purpose, never by omission.
   */
  teamsPrivate: z.boolean(),
  /** Roles limited to their own team when teams are private (managers, QA and admins always see all). */
  privateTeamRoles: z.array(z.enum(['agent', 'supervisor'])),
  /** Statuses in which the ticket's promise clocks stop (waiting on the customer). */
  slaPausedStatuses: z.array(z.enum(['open', 'in_progress', 'waiting_customer', 'reopened'])),
  /** PH-TICKET3: minutes after the call ends within which its ticket is created. */
  ticketWithinMinutes: z.number().positive(),
  /** PH-SUMMARY5: minutes after the call ends within which the call summary is written. */
  summaryWithinMinutes: z.number().positive(),
  /** The centre's ticket number prefix (GD → GD20251009-0042): capital letters, one centre one prefix. */
  numberPrefix: z.string().regex(/^[A-Z]{1,8}$/, '1 to 8 capital letters, e.g. GD'),
});

export type TicketSettings = z.infer<typeof ticketSettingsSchema>;

/** Defaults from STANDARD.md (PH-RECORD, PH-TICKET3, PH-SUMMARY5, CP-GRADE, CP-PROMISE, FU-REMIND, CB-REOPEN, KPI-FCR). */
export const defaultTicketSettings: TicketSettings = {
  types: [
    { key: 'inquiry', label: '咨询', requiredFields: ['customerName', 'contactPhone', 'description'] },
    { key: 'complaint', label: '投诉', requiredFields: ['customerName', 'contactPhone', 'description', 'complaintClass', 'complaintGrade'] },
    { key: 'repair', label: '报修', requiredFields: ['customerName', 'contactPhone', 'description'], followUpWithin: '24h' },
    { key: 'suggestion', label: '建议', requiredFields: ['customerName', 'description'] },
    { key: 'followup', label: '待回复', requiredFields: ['customerName', 'contactPhone', 'description'], followUpWithin: '24h' },
  ],
  complaintClasses: [
    { key: 'service', label: '服务态度' },
    { key: 'product', label: '产品质量' },
    { key: 'billing', label: '计费账单' },
    { key: 'delivery', label: '物流配送' },
    { key: 'other', label: '其他' },
  ],
  complaintGrades: [
    { key: 'general', label: '一般投诉', replyLimit: '2wd' },
    { key: 'serious', label: '严重投诉', replyLimit: '24h' },
    { key: 'urgent', label: '紧急投诉', replyLimit: '4h' },
  ],
  vagueDescriptionPhrases: ['客户说有点问题', '客户说', '有点问题', '有问题', '出问题了', '不太清楚', '不清楚', '客户不满意', '客户投诉', '看一下', '处理一下', '详见通话', '同上', '其他'],
  minSpecificCharacters: 4,
  fcrRepeatWindow: '168h',
  reminderLeadTime: '2h',
  escalationChain: [
    { level: 'agent', label: '坐席' },
    { level: 'supervisor', label: '投诉主管' },
    { level: 'management_office', label: '管理办公室' },
  ],
  nextEscalationAfter: '1wd',
  teamsPrivate: true,
  privateTeamRoles: ['agent'],
  slaPausedStatuses: ['waiting_customer'],
  ticketWithinMinutes: 3,
  summaryWithinMinutes: 5,
  numberPrefix: 'GD',
};

/** Validates settings, filling what is missing from the defaults (a stored document may predate a new field). */
export function parseTicketSettings(input: unknown): TicketSettings {
  const merged = typeof input === 'object' && input !== null ? { ...defaultTicketSettings, ...(input as Record<string, unknown>) } : defaultTicketSettings;
  return ticketSettingsSchema.parse(merged);
}
