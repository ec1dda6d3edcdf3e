import { AppError } from '../shared/app-error.js';
import type { CallContext } from './call-context.js';
import { maySeeCall, type CallReader } from './call-scope.js';
import type { StoredCall } from './ports.js';

/** One call with its events, transcript and quality result; 404 when it is not there or not the reader's to see. */
export async function getCall(ctx: Pick<CallContext, 'store'>, id: string, reader: CallReader): Promise<StoredCall> {
  const call = await ctx.store.get(id);
  // An agent asking for someone else's call learns nothing, not even that it exists.
  if (!call || !maySeeCall(reader, call)) throw AppError.notFound(`Call ${id}`);
  return call;
}
