import { AppError } from '../shared/app-error.js';
import type { PersonalDataReader } from '../shared/personal-data.js';
import type { CallContext } from './call-context.js';
import { getCall } from './get-call.js';
import type { StoredCall } from './ports.js';
import { recordingReferenceFieldError } from './recording.js';

/**
 * A supervisor, QA or admin sets a call's recording by hand (`PUT /api/calls/:id/recording`): the
 * PBX did not say it, or said it wrong. The reference is checked like a CTI event's (`recording`,
 * naming the field), stored, and the change audited as `call.recording_set` with the old and new
 * reference. Null removes it. A later CTI event that names a recording replaces it again: the PBX
 * has the last word on its own files.
 */
export async function setRecording(
  ctx: Pick<CallContext, 'store' | 'clock'> & Partial<Pick<CallContext, 'recordingsBase' | 'audit'>>,
  callId: string,
  reference: string | null,
  actor: PersonalDataReader,
  ip: string | null = null,
): Promise<StoredCall> {
  if (reference !== null) {
    const problem = recordingReferenceFieldError(reference, ctx.recordingsBase ?? null, 'recording');
    if (problem !== undefined) throw AppError.validation('录音地址无效 (invalid recording reference)', [problem]);
  }
  const call = await getCall(ctx, callId, actor);
  const now = ctx.clock.now();
  await ctx.store.setRecording(call.id, reference, now);
  await ctx.audit?.record({
    actor: { id: actor.id, name: actor.username },
    action: 'call.recording_set',
    target: { type: 'call', id: call.id },
    detail: { from: call.recording, to: reference },
    ip,
  });
  return { ...call, recording: reference, updatedAt: now };
}
