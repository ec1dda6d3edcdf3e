import { z } from 'zod';
import { callSummarySchema } from './calls.js';
import { lifecycleStages, phoneKinds } from '../core/customers/customer.js';
import { pageOf } from './common.js';
import { ticketSchema } from './tickets.js';

/**
 * Customers (客户): the request and response shapes of /api/customers. The routes validate and
 * serialize with these; the web reads the types (`import type … from '@contract/customers'`).
 */

export { lifecycleStages, phoneKinds };
export type { LifecycleStage, PhoneKind } from '../core/customers/customer.js';

const timeWindowSchema = z.object({ start: z.string(), end: z.string() });
const contactPreferencesSchema = z.object({
  preferredPhone: z.enum(phoneKinds).nullable(),
  doNotCall: z.array(timeWindowSchema),
  consentToCallbacks: z.boolean(),
  consentToMarketing: z.boolean(),
  /** IANA zone (Asia/Urumqi, Europe/Berlin): callbacks follow the customer's local hours; null: the centre's zone. */
  timeZone: z.string().max(64).nullable(),
});
export type ContactPreferences = z.output<typeof contactPreferencesSchema>;

export const customerSchema = z.object({
  id: z.string(),
  code: z.string().nullable(),
  name: z.string(),
  company: z.string().nullable(),
  email: z.string().nullable(),
  category: z.string().nullable(),
  vip: z.boolean(),
  stage: z.enum(lifecycleStages),
  tags: z.array(z.string()),
  phones: z.array(z.object({ number: z.string(), kind: z.enum(phoneKinds) })),
  contactPreferences: contactPreferencesSchema,
  note: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** Whether phones and e-mail are masked in this answer. */
  masked: z.boolean().describe('whether phones and e-mail are masked in this answer'),
});
export type Customer = z.output<typeof customerSchema>;
export const customerPageSchema = pageOf(customerSchema);

export const stageChangeSchema = z.object({ id: z.string(), from: z.string().nullable(), to: z.string(), at: z.number(), actorName: z.string().nullable(), reason: z.string().nullable() });
export type StageChange = z.output<typeof stageChangeSchema>;

export const satisfactionPointSchema = z.object({ at: z.number(), ticketId: z.string(), satisfaction: z.number(), source: z.enum(['callback']).optional() });
export type SatisfactionPoint = z.output<typeof satisfactionPointSchema>;

/** GET /api/customers/:id/overview: the customer page in one call (CRM-DB). */
export const customerOverviewSchema = z.object({
  customer: customerSchema,
  stageHistory: z.array(stageChangeSchema),
  tickets: z.array(ticketSchema),
  satisfaction: z.array(satisfactionPointSchema),
  /** The customer's calls, newest 50 (numbers masked; an agent sees the calls they answered). */
  calls: z.array(callSummarySchema),
});
export type CustomerOverview = z.output<typeof customerOverviewSchema>;

// ── Requests ─────────────────────────────────────────────────────────────────────────────────────

const customerFields = z.object({
  code: z.string().max(64).nullable().optional(),
  name: z.string().max(100).optional(),
  company: z.string().max(200).nullable().optional(),
  email: z.string().max(200).nullable().optional(),
  category: z.string().max(100).nullable().optional(),
  vip: z.boolean().optional(),
  stage: z.enum(lifecycleStages).optional(),
  stageReason: z.string().max(500).optional(),
  tags: z.array(z.string().max(50)).max(50).optional(),
  phones: z.array(z.object({ number: z.string().max(40), kind: z.enum(phoneKinds).optional() })).max(10).optional(),
  contactPreferences: contactPreferencesSchema.partial().optional(),
  note: z.string().max(5000).nullable().optional(),
});
export const createCustomerBody = customerFields.extend({ name: z.string().min(1).max(100) });
export type NewCustomer = z.input<typeof createCustomerBody>;
export const updateCustomerBody = customerFields;
export type CustomerPatch = z.input<typeof updateCustomerBody>;

export const customerListQuery = z.object({
  q: z.string().max(200).optional(),
  stage: z.enum(lifecycleStages).optional(),
  vip: z.enum(['true', 'false']).optional(),
  category: z.string().max(100).optional(),
  tag: z.string().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type CustomerListQuery = z.input<typeof customerListQuery>;

/** `?reveal=pii`: the answer shows phones and e-mail in full (a role allowed to, audited as customer.pii_read). */
export const revealQuery = z.object({ reveal: z.enum(['pii']).optional() });
