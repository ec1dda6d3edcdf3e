import type { Role } from '../users/roles.js';

/** Who runs a ticket command or read: the signed-in user, or the job queue (`systemActor`). */
export interface TicketActor {
  id: string | null;
  username: string | null;
  role: Role | null;
  team: string | null;
}

/** The job queue's own actor, for changes made by timers. */
export const systemActor: TicketActor = { id: null, username: 'system', role: null, team: null };
