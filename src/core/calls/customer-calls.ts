import type { CallContext } from './call-context.js';
import { agentScope, type CallReader } from './call-scope.js';
import type { StoredCall } from './ports.js';

/** How many of a customer's calls the customer page shows (newest first). */
export const CUSTOMER_CALLS_SHOWN = 50;

/**
 * The call side of the customer overview (CRM-DB): the customer's calls, newest first, linked by the
 * caller's number when the call was stored (or reviewed). The reader sees what `/api/calls` would
 * show them: an agent, the calls they answered.
 */
export async function customerCalls(ctx: Pick<CallContext, 'store'>, customerId: string, reader: CallReader, limit = CUSTOMER_CALLS_SHOWN): Promise<StoredCall[]> {
  const page = await ctx.store.list({ customerId, agent: agentScope(reader), limit });
  return page.items;
}
