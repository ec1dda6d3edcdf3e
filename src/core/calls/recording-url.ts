import type { PersonalDataReader } from '../shared/personal-data.js';
import type { CallContext } from './call-context.js';
import type { StoredCall } from './ports.js';
import { mayListen, recordingUrl } from './recording.js';

/**
 * The URL of a call's recording for one reader, or null: no recording, a path with no recordings
 * base to find it under, or a reader who may not listen (`mayListen`). A recording is the
 * customer's own voice, so handing its URL out is a read of personal data: each time it is, the
 * read is audited as `call.recording_read` (like `call.pii_read`), before the caller shows it.
 */
export async function recordingUrlFor(
  ctx: Partial<Pick<CallContext, 'recordingsBase' | 'audit'>>,
  call: Pick<StoredCall, 'id' | 'agent' | 'recording'>,
  reader: PersonalDataReader,
  ip: string | null = null,
): Promise<string | null> {
  if (call.recording === null || !mayListen(reader, call)) return null;
  const url = recordingUrl(call.recording, ctx.recordingsBase ?? null);
  if (url === null) return null;
  await ctx.audit?.record({ actor: { id: reader.id, name: reader.username }, action: 'call.recording_read', target: { type: 'call', id: call.id }, ip });
  return url;
}
