import type { Page } from '../customers/ports.js';
import type { CallContext } from './call-context.js';
import { agentScope, type CallReader } from './call-scope.js';
import type { CallFilter, StoredCall } from './ports.js';

export type CallQuery = CallFilter & { limit: number; cursor?: string | undefined };

/** Calls newest first, filtered and paged, limited to what the reader may see (agents: their own). */
export async function listCalls(ctx: Pick<CallContext, 'store'>, query: CallQuery, reader: CallReader): Promise<Page<StoredCall>> {
  return ctx.store.list({ ...query, agent: agentScope(reader, query.agent) });
}
