import { shiftStartsFrom, type ShiftStarts, type ShiftStartsInput } from './shift-starts.js';
import type { Actor, KnowledgeContext } from './ports.js';

/** A supervisor sets the shift start times (what is not sent stays as it was); audited as `shift.starts_updated`. */
export async function setShiftStarts(ctx: Pick<KnowledgeContext, 'shifts' | 'audit'>, input: ShiftStartsInput, actor: Actor): Promise<ShiftStarts> {
  const before = await ctx.shifts.get();
  const next = shiftStartsFrom(input, before);
  await ctx.shifts.put(next);
  await ctx.audit.record({ actor: { id: actor.id, name: actor.username }, action: 'shift.starts_updated', target: { type: 'shift_starts', id: 'centre' }, detail: { before, after: next } });
  return next;
}
