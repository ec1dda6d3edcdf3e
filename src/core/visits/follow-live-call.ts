import { deskOf } from './desk.js';
import type { Desk } from './model.js';
import type { VisitContext } from './ports.js';

/** The CTI events (`core/calls/cti-call.ts`) that say whether a staff member is on a call. */
export type LiveCallChange = 'answered' | 'transfer_answered' | 'unhold' | 'hold' | 'ended';

/**
 * VS-BUSY2 from the telephone itself: a walk-in staff member on shift who answers a call (the CTI
 * `answered` event naming them as the agent) is `on_phone` without touching the desk, and the end of
 * that same call frees the desk again. Only a desk on shift follows the phone (hotline agents who
 * never opened a desk are left alone), a visitor in hand keeps the desk `serving`, a state set by
 * hand (`out`) is not overridden, and an end of another call than the one that set `on_phone` (or
 * of a call while the state was set by hand) changes nothing. Returns the desk when it changed.
 */
export async function followLiveCall(ctx: VisitContext, input: { agent: string; callId: string; change: LiveCallChange; at: number }): Promise<Desk | null> {
  const now = ctx.clock.now();
  const changed = await ctx.unitOfWork(async (st) => {
    const d = await st.visits.findDesk(input.agent);
    if (!d?.onShift) return null;
    let next: Desk | null = null;
    switch (input.change) {
      case 'answered':
      case 'transfer_answered':
      case 'unhold':
      case 'hold':
        // On hold the line is still the staff member's: the desk stays on the phone.
        if (d.state === 'free') next = { ...(await deskOf(st.visits, input.agent, now)), state: 'on_phone', phoneCallId: input.callId, since: now };
        break;
      case 'ended':
        if (d.state === 'on_phone' && d.phoneCallId === input.callId) next = { ...d, state: 'free', phoneCallId: null, since: now };
        break;
      default: {
        const never: never = input.change;
        return never;
      }
    }
    if (next) await st.visits.saveDesk(next);
    return next;
  });
  if (changed) await ctx.events.publish({ type: 'visit.desk', at: now, staff: changed.username, agent: changed.username, state: changed.state, onShift: changed.onShift, source: 'cti' });
  return changed;
}
