import { z } from 'zod';
import { CLOCK_PATTERN, callableMsPerDay, compileNumberWindow } from '../callbacks/window-rules.js';

/**
 * The pack's `callbacks:` section (回访): the due window after a problem is solved (CB-AFTER), when a
 * home or a work number may be called (CB-WINDOW), the retry policy per attempt outcome, the
 * planner's capacity, the selection thresholds (CB-SELECT) and the opening and script of each
 * callback type (CB-TYPE). Every field defaults to the contract's value, so a pack stored before
 * this section existed still validates and means the contract's defaults; the default pack spells
 * them out so a centre sees what it may edit (a test keeps the two equal).
 */

const time = z.string().regex(CLOCK_PATTERN, '时间格式应为 HH:MM（00:00–24:00） / expected HH:MM (00:00–24:00)');
const ruleId = z.string().regex(/^[a-z][a-z0-9-]*$/, '用小写字母、数字和 - / use lower-case letters, digits and -');

export const intervalSchema = z.strictObject({ start: time, end: time });
export type CallbackInterval = z.infer<typeof intervalSchema>;

/** A part of the day inside the hours when this number is not called (meals, rest), with the reason shown. */
const exclusionSchema = z.strictObject({
  id: ruleId,
  start: time,
  end: time,
  reason: z.string().min(1),
  reasonEn: z.string().min(1),
});
export type CallbackExclusion = z.infer<typeof exclusionSchema>;

export const numberDaysValues = ['every-day', 'working-days'] as const;
export type NumberDays = (typeof numberDaysValues)[number];

const numberWindowSchema = z.strictObject({
  /** every-day: any calendar day; working-days: the working calendar's days (调休 included). */
  days: z.enum(numberDaysValues),
  /** When calls may be placed, local wall time of the customer. */
  hours: z.array(intervalSchema).min(1),
  exclude: z.array(exclusionSchema).default([]),
  /** Not in the last N minutes of the day's last interval (work numbers: people are about to leave). */
  endOfDayMinutes: z.number().int().min(0).max(600).default(0),
  /** On the first working day after one or more days off ("Monday morning"), not before this time. */
  afterDaysOffNotBefore: time.optional(),
});
export type NumberWindowSettings = z.infer<typeof numberWindowSchema>;

export const numberKinds = ['home', 'work'] as const;
export type NumberKind = (typeof numberKinds)[number];

export const attemptOutcomes = ['reached', 'no_answer', 'busy', 'wrong_number', 'absent', 'refused'] as const;
export type AttemptOutcome = (typeof attemptOutcomes)[number];
/** Outcomes after which the task may be tried again (reached always closes the task). */
export const retryOutcomes = ['no_answer', 'busy', 'wrong_number', 'absent', 'refused'] as const;
export type RetryOutcome = (typeof retryOutcomes)[number];

export const nextWindows = ['after-spacing', 'next-day'] as const;
export type NextWindow = (typeof nextWindows)[number];

const retryPolicySchema = z.strictObject({
  /** The task closes once it has this many attempts and the last one ended like this (1 = never retried). */
  maxAttempts: z.number().int().min(1).max(20),
  /** Earliest next attempt after this one, minutes. */
  spacingMinutes: z.number().int().min(0).max(7 * 24 * 60).default(0),
  /** next-day: the next attempt not before the next local day (another time of the customer's day). */
  nextWindow: z.enum(nextWindows).default('after-spacing'),
});
export type RetryPolicy = z.infer<typeof retryPolicySchema>;

export const callbackTypes = ['explanation', 'promotion', 'relationship', 'mediation', 'suggestion', 'guidance'] as const;
export type CallbackType = (typeof callbackTypes)[number];

const typeSchema = z.strictObject({
  name: z.string().min(1),
  nameEn: z.string().min(1),
  purpose: z.string().min(1),
  /** CB-OPEN: who calls and why, and whether now is convenient. `{customerName}` is the customer's name. */
  opening: z.string().min(1),
  script: z.string().min(1),
  /** Promotion: only customers with recorded marketing consent; the others are left out and counted. */
  requiresMarketingConsent: z.boolean().default(false),
});
export type CallbackTypeSettings = z.infer<typeof typeSchema>;

// ---- the contract's defaults (CONTRACT.md → Callbacks) ------------------------------------

const HOME_DEFAULT: z.input<typeof numberWindowSchema> = {
  days: 'every-day',
  hours: [{ start: '08:00', end: '22:00' }],
  exclude: [
    { id: 'lunch', start: '12:00', end: '14:00', reason: '午餐和午休时间', reasonEn: 'lunch and midday rest' },
    { id: 'dinner', start: '18:00', end: '19:00', reason: '晚餐时间', reasonEn: 'dinner' },
  ],
  endOfDayMinutes: 0,
};

const WORK_DEFAULT: z.input<typeof numberWindowSchema> = {
  days: 'working-days',
  hours: [
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '18:00' },
  ],
  exclude: [],
  endOfDayMinutes: 15,
  afterDaysOffNotBefore: '10:00',
};

const OPENING = '您好，请问是{customerName}吗？我是{centre}的{agentName}，';
const CONVENIENT = '您现在方便听电话吗？';

const TYPE_DEFAULTS: Record<CallbackType, z.input<typeof typeSchema>> = {
  explanation: {
    name: '解释回访',
    nameEn: 'Explanation',
    purpose: '对办理过程中提出的问题还没有得到清楚解释的客户进行后续解释',
    opening: `${OPENING}上次您办理业务时提到的问题当时没来得及详细解释，今天给您回个电话说明一下，${CONVENIENT}`,
    script: '说明要点，确认客户听明白了：“这样解释您看清楚吗？还有哪里需要我再说明的？” 当时答不了的，约定时间尽快答复，不与客户争辩。',
  },
  promotion: {
    name: '宣传回访',
    nameEn: 'Promotion',
    purpose: '宣传公司新的政策和新产品（只打给同意接收营销信息的客户）',
    opening: `${OPENING}{company}最近推出了新的政策和产品，想用两三分钟给您简单介绍一下，${CONVENIENT}`,
    script: '简明介绍，不夸大、不强推；客户不感兴趣就礼貌致谢结束：“好的，不打扰您了，谢谢您，再见！”',
    requiresMarketingConsent: true,
  },
  relationship: {
    name: '情感回访',
    nameEn: 'Relationship',
    purpose: '增进双方的情感，回访客户比较感兴趣的话题',
    opening: `${OPENING}好久没和您联系了，想问问您最近使用我们的产品和服务感觉怎么样，${CONVENIENT}`,
    script: '多听少说，记下客户感兴趣的话题和需求；通话尽量不超过三分钟。',
  },
  mediation: {
    name: '调解回访',
    nameEn: 'Mediation',
    purpose: '安抚客户的不满情绪',
    opening: `${OPENING}就您之前反映的问题给您回个电话，${CONVENIENT}`,
    script: '先致歉并理解客户的感受：“给您带来不便，非常抱歉。” 说明处理结果，确认问题是否已经解决；不与客户争辩，答不了的约定时间回复。',
  },
  suggestion: {
    name: '建议回访',
    nameEn: 'Suggestion',
    purpose: '给予一些能提高客户满意度的建议，并听取客户的意见和建议',
    opening: `${OPENING}想就您使用我们服务的情况给您一点建议，也听听您的意见，${CONVENIENT}`,
    script: '给出一两条具体建议，再请客户提意见：“您对我们的服务还有什么意见和建议吗？” 逐条记录在回访报告表。',
  },
  guidance: {
    name: '指导回访',
    nameEn: 'Guidance',
    purpose: '针对新增客户，对其使用和经营状况提出合理化建议',
    opening: `${OPENING}欢迎您成为我们的新客户，想花两三分钟了解一下您的使用情况，${CONVENIENT}`,
    script: '了解客户的使用情况，提出合理化建议；预计超过三分钟的，如实说明大约需要多长时间（如“大约需要一刻钟”），征得同意或另约时间。',
  },
};

const dueWindowSchema = z
  .strictObject({
    /** CB-AFTER: the window runs from the n-th to the m-th working day after the solved instant. */
    firstWorkday: z.number().int().min(0).max(60).default(1),
    lastWorkday: z.number().int().min(0).max(60).default(3),
  })
  .superRefine((w, ctx) => {
    if (w.lastWorkday < w.firstWorkday) {
      ctx.addIssue({
        code: 'custom',
        path: ['lastWorkday'],
        message: `最后一天（第 ${w.lastWorkday} 个工作日）早于第一天（第 ${w.firstWorkday} 个工作日） / ends before it starts`,
        params: { code: 'too_small', minimum: w.firstWorkday },
      });
    }
  });

const typesSchema = z.strictObject(
  Object.fromEntries(callbackTypes.map((t) => [t, typeSchema.prefault(TYPE_DEFAULTS[t])])) as Record<CallbackType, z.ZodPrefault<typeof typeSchema>>,
);

/** Every number window must leave callable time on an ordinary working day and on one after days off. */
function checkWindow(kind: NumberKind) {
  return (w: NumberWindowSettings, ctx: z.RefinementCtx): void => {
    const compiled = compileNumberWindow(kind, w);
    if (compiled.problems.length > 0) {
      // A window problem that names its field error code keeps it (and its params) in the pack's errors.
      for (const p of compiled.problems) {
        ctx.addIssue({ code: 'custom', path: p.path, message: p.message, ...(p.code !== undefined && { params: { ...p.params, code: p.code } }) });
      }
      return;
    }
    const perDay = callableMsPerDay(compiled.window);
    if (perDay.working === 0) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: '这些设置在普通工作日没有任何可拨打的时间，回访期内无法安排 / leaves no callable minute on a working day, so no callback could be placed in its due window',
        params: { code: 'no_calling_hours' },
      });
    } else if (perDay.firstAfterDaysOff === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['afterDaysOffNotBefore'],
        message: '这些设置在节假日后的第一个工作日没有任何可拨打的时间 / leaves no callable minute on the first working day after days off',
        params: { code: 'no_calling_hours' },
      });
    }
  };
}

export const callbackSettingsSchema = z.strictObject({
  dueWindow: dueWindowSchema.prefault({}),
  windows: z
    .strictObject({
      home: numberWindowSchema.superRefine(checkWindow('home')).prefault(HOME_DEFAULT),
      work: numberWindowSchema.superRefine(checkWindow('work')).prefault(WORK_DEFAULT),
    })
    .prefault({}),
  retry: z
    .strictObject({
      no_answer: retryPolicySchema.prefault({ maxAttempts: 3, spacingMinutes: 120, nextWindow: 'next-day' }),
      busy: retryPolicySchema.prefault({ maxAttempts: 3, spacingMinutes: 15 }),
      absent: retryPolicySchema.prefault({ maxAttempts: 3, spacingMinutes: 60 }),
      wrong_number: retryPolicySchema.prefault({ maxAttempts: 1 }),
      refused: retryPolicySchema.prefault({ maxAttempts: 1 }),
    })
    .prefault({}),
  planner: z
    .strictObject({
      /** Capacity: calls one agent places per hour; a call's slot is 60 / this many minutes. */
      callsPerAgentPerHour: z.number().int().min(1).max(60).default(6),
    })
    .prefault({}),
  selection: z
    .strictObject({
      /** Low satisfaction (1–5): a score below this in the period selects the customer. */
      lowSatisfactionBelow: z.number().min(1).max(5).default(3),
      /** Cold relationship: no contact for this many days. */
      coldAfterDays: z.number().int().min(1).max(3650).default(90),
      /** Further service: tickets solved within this many days still count. */
      recentlySolvedDays: z.number().int().min(0).max(365).default(7),
      /** CB-AFTER: ticket types whose solving schedules a callback automatically. */
      afterSolvedTicketTypes: z.array(z.string().min(1)).default(['complaint', 'complex']),
    })
    .prefault({}),
  types: typesSchema.prefault({}),
});
export type CallbackSettings = z.infer<typeof callbackSettingsSchema>;
export type CallbackSettingsInput = z.input<typeof callbackSettingsSchema>;

/** The contract's defaults, as a pack without a `callbacks:` section means them. */
export const defaultCallbackSettings: CallbackSettings = callbackSettingsSchema.parse({});
