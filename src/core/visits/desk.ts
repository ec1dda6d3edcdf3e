import type { Desk } from './model.js';
import type { VisitStore } from './ports.js';

/** A staff member's desk as stored, or a free, off-shift desk for someone who never opened one. */
export async function deskOf(store: VisitStore, username: string, now: number): Promise<Desk> {
  return (await store.findDesk(username)) ?? { username, state: 'free', onShift: false, visitId: null, since: now, counter: null, phoneCallId: null };
}
