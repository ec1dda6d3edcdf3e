import { z } from 'zod';
import { deskStates, idCopyContentTypes, messageStatuses, visitActions, visitStatuses } from '../core/visits/model.js';
import { cardItemIds, cardItems } from '../core/visits/card-items.js';

/**
 * The walk-in service centre (issue #16): the request and response shapes of /api/visits. The routes
 * validate and serialize with these; the web reads the types only (`import type`). Imports only zod
 * and the pure constants of core/visits/model.ts and card-items.ts (no I/O anywhere in the chain).
 * Phones leave the server masked; the waiting-room display carries masked surnames and numbers only.
 */

export { deskStates, messageStatuses, visitActions, visitStatuses, cardItems, cardItemIds };
export type { DeskState, VisitStatus, VisitAction, MessageStatus } from '../core/visits/model.js';
export type { CardItemId } from '../core/visits/card-items.js';

const name = z.string().max(100);
const text = (max: number) => z.string().max(max);

// ── requests ────────────────────────────────────────────────────────────────
export const registerVisitBody = z.object({
  visitor: z.object({ surname: text(40).optional(), phone: text(30).nullable().optional() }).optional(),
  purpose: text(500).optional(),
  urgent: z.boolean().optional(),
  forStaff: name.nullable().optional().describe('VS-OWNER: the colleague asked for (业务负责人); none: whoever is free'),
});
export type RegisterVisitBody = z.input<typeof registerVisitBody>;

export const visitListQuery = z.object({
  status: text(100).optional().describe(`comma-separated: ${visitStatuses.join(', ')}`),
  day: text(10).optional().describe('local date YYYY-MM-DD or "today" (default today)'),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

export const handOffBody = z.object({
  to: name.optional(),
  introduction: text(500).nullable().optional().describe('VS-REFER: 您好，请 XX 帮您办理好么？'),
  heldCall: z
    .object({ number: text(30).nullable().optional(), consent: z.boolean().optional() })
    .nullable()
    .optional()
    .describe('VS-BUSY2: the call laid down to do this hand-off; the number is kept only with consent'),
});
export type HandOffBody = z.input<typeof handOffBody>;

export const heldCallBody = z.object({ outcome: z.enum(['resumed', 'lost']) });
export type HeldCallBody = z.input<typeof heldCallBody>;

export const messageBody = z.object({
  for: name.nullable().optional(),
  contact: text(100).nullable().optional(),
  content: text(2000).nullable().optional(),
  urgent: z.boolean().optional(),
  passOnBy: z.number().int().nullable().optional().describe('promised pass-on time, epoch ms'),
});
export type MessageBody = z.input<typeof messageBody>;

export const escalateBody = z.object({ reason: text(1000).nullable().optional(), to: name.nullable().optional() });
export type EscalateBody = z.input<typeof escalateBody>;

export const finishBody = z.object({ note: text(1000).nullable().optional() }).default({});

export const deskBody = z.object({ state: z.enum(['free', 'on_phone', 'out']).optional(), onShift: z.boolean().optional(), counter: z.string().max(100).nullable().optional() });
export type DeskBody = z.input<typeof deskBody>;

export const complaintBody = z.object({
  complaintClass: text(100).nullable().optional(),
  complaintGrade: text(100).nullable().optional(),
  description: text(5000).nullable().optional(),
});
export type ComplaintBody = z.input<typeof complaintBody>;

export const cardBody = z.object({
  staff: name.optional(),
  visitId: name.nullable().optional(),
  shiftDay: text(10).nullable().optional(),
  scores: z.record(z.string().max(40), z.number()).optional(),
  note: text(2000).nullable().optional(),
});
export type CardBody = z.input<typeof cardBody>;

// ── responses ───────────────────────────────────────────────────────────────
export const visitEventSchema = z.object({
  at: z.number(),
  action: z.enum(visitActions),
  by: z.string().nullable(),
  to: z.string().nullable().optional(),
  note: z.string().nullable().optional(),
});
export type VisitEvent = z.output<typeof visitEventSchema>;

export const heldCallSchema = z.object({
  by: z.string(),
  /** Masked. */
  number: z.string().nullable(),
  consent: z.boolean(),
  heldAt: z.number(),
  outcome: z.enum(['on_hold', 'resumed', 'lost']),
  endedAt: z.number().nullable(),
  callbackTaskId: z.string().nullable(),
});

export const visitSchema = z.object({
  id: z.string(),
  day: z.string(),
  number: z.number(),
  visitor: z.object({ surname: z.string(), phone: z.string().nullable(), customerId: z.string().nullable() }),
  purpose: z.string(),
  urgent: z.boolean(),
  forStaff: z.string().nullable(),
  status: z.enum(visitStatuses),
  arrivedAt: z.number(),
  calledAt: z.number().nullable(),
  servedBy: z.string().nullable(),
  finishedAt: z.number().nullable(),
  alertedAt: z.number().nullable(),
  supervisorAlertedAt: z.number().nullable(),
  escalationLevel: z.number(),
  heldCall: heldCallSchema.nullable(),
  ticketId: z.string().nullable(),
  history: z.array(visitEventSchema),
  registeredBy: z.string().nullable(),
  updatedAt: z.number(),
  /** The waiting clock: seconds waited until called (or until now). */
  waitedSeconds: z.number(),
  /** Still waiting past the limit (3 minutes), or urgent. */
  overdue: z.boolean(),
});
export type Visit = z.output<typeof visitSchema>;

export const visitListSchema = z.object({ items: z.array(visitSchema), waitLimitSeconds: z.number() });
export type VisitList = z.output<typeof visitListSchema>;

export const calledVisitSchema = z.object({ visit: visitSchema, apologise: z.boolean(), waitedSeconds: z.number() });
export type CalledVisit = z.output<typeof calledVisitSchema>;

export const deskSchema = z.object({
  username: z.string(),
  displayName: z.string().nullable(),
  state: z.enum(deskStates),
  onShift: z.boolean(),
  visitId: z.string().nullable(),
  since: z.number(),
  /** 窗口: where the display sends the visitors this staff member calls. */
  counter: z.string().nullable(),
  /** `on_phone` because the telephone system says a call is live (CTI), not set by hand. */
  onLiveCall: z.boolean(),
});
export type Desk = z.output<typeof deskSchema>;
export const deskListSchema = z.object({ items: z.array(deskSchema) });

export const visitMessageSchema = z.object({
  id: z.string(),
  visitId: z.string().nullable(),
  forStaff: z.string(),
  surname: z.string(),
  /** Masked when it is a number. */
  contact: z.string(),
  content: z.string(),
  urgent: z.boolean(),
  takenBy: z.string().nullable(),
  takenAt: z.number(),
  deadline: z.number(),
  status: z.enum(messageStatuses),
  passedOnAt: z.number().nullable(),
  escalatedAt: z.number().nullable(),
  overdue: z.boolean(),
});
export type VisitMessage = z.output<typeof visitMessageSchema>;
export const messageTakenSchema = z.object({ visit: visitSchema, message: visitMessageSchema });
export const messageListSchema = z.object({ items: z.array(visitMessageSchema) });

export const displayBoardSchema = z.object({
  /** `counter`: the 窗口 the number is called to (the staff member's desk); `staffName`: the colleague's display name. */
  serving: z.array(z.object({ number: z.number(), surname: z.string(), staff: z.string().nullable(), staffName: z.string().nullable(), counter: z.string().nullable(), calledAt: z.number() })),
  waiting: z.array(z.object({ number: z.number(), surname: z.string() })),
});
export type DisplayBoard = z.output<typeof displayBoardSchema>;

export const visitFiguresSchema = z.object({
  visitors: z.number(),
  perHour: z.array(z.number()),
  waitP50Seconds: z.number().nullable(),
  waitP90Seconds: z.number().nullable(),
  servedWithinLimit: z.number().nullable(),
  handOffs: z.number(),
  messagesOverdue: z.number(),
});
export type VisitFigures = z.output<typeof visitFiguresSchema>;

export const complaintFiledSchema = z.object({ visit: visitSchema, ticketId: z.string() });

export const cardSchema = z.object({
  id: z.string(),
  staff: z.string(),
  visitId: z.string().nullable(),
  shiftDay: z.string().nullable(),
  scores: z.record(z.string(), z.number()),
  note: z.string().nullable(),
  scoredBy: z.string(),
  scoredAt: z.number(),
});
export type ObservationCard = z.output<typeof cardSchema>;
export const scorecardListSchema = z.object({
  items: z.array(z.object({ staff: z.string(), cards: z.number(), score: z.number(), items: z.record(z.string(), z.number()) })),
  cardItems: z.array(z.object({ id: z.string(), label: z.string() })),
});
export type ScorecardList = z.output<typeof scorecardListSchema>;

/** VS-PRIVACY: `POST /api/visits/:id/id-copies` — a JPEG or PNG scan as base64, and why it is kept. */
export const idCopyBody = z.object({ purpose: z.string().max(200).optional(), content: z.string().max(3_000_000).describe('the JPEG or PNG image, base64') });
export type IdCopyBody = z.input<typeof idCopyBody>;
export const idCopySchema = z.object({
  id: z.string(),
  visitId: z.string(),
  purpose: z.string(),
  contentType: z.enum(idCopyContentTypes),
  size: z.number(),
  storedBy: z.string(),
  storedAt: z.number(),
});
export type IdCopy = z.output<typeof idCopySchema>;
/** `mayView`: whether this reader's role may open the copies (watermarked, audited). */
export const idCopyListSchema = z.object({ items: z.array(idCopySchema), mayView: z.boolean(), retentionDays: z.number() });
export type IdCopyList = z.output<typeof idCopyListSchema>;
