import { z } from 'zod';
import { retentionSchema } from '../core/retention/retention-policy.js';

/** `GET/PUT /api/retention`: how long each kind of data is kept (issue #20). Imports only zod and the pure core policy. */
export const retentionPolicySchema = retentionSchema;
export type RetentionPolicy = z.output<typeof retentionPolicySchema>;

export const retentionViewSchema = z.object({
  policy: retentionPolicySchema,
  /** The next daily run: its day in the centre's zone and the instant (epoch ms). */
  nextRun: z.object({ day: z.string(), at: z.number() }),
});
export type RetentionView = z.output<typeof retentionViewSchema>;
