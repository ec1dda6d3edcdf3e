import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { TicketPeople, TicketPerson } from '../../../core/tickets/ports.js';
import { isRole } from '../../../core/users/roles.js';

/** The users as the ticket rules see them (assignees and their teams); read only. */
export class TicketPeopleRepository implements TicketPeople {
  constructor(private readonly db: Kysely<DB>) {}

  async find(id: string): Promise<TicketPerson | undefined> {
    const r = await this.db.selectFrom('users').select(['id', 'display_name', 'role', 'team', 'active']).where('id', '=', id).executeTakeFirst();
    if (!r || !isRole(r.role)) return undefined;
    return { id: r.id, displayName: r.display_name, role: r.role, team: r.team, active: r.active === 1 };
  }

  async names(ids: readonly string[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return new Map();
    const rows = await this.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', wanted).execute();
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }

  /** Active users, for the assignee picker: a team's members, or everyone. */
  async listActive(team?: string | null): Promise<TicketPerson[]> {
    let q = this.db.selectFrom('users').select(['id', 'display_name', 'role', 'team', 'active']).where('active', '=', 1);
    if (team !== undefined) q = team === null ? q.where('team', 'is', null) : q.where('team', '=', team);
    const rows = await q.orderBy('display_name').orderBy('id').execute();
    return rows.flatMap((r) => (isRole(r.role) ? [{ id: r.id, displayName: r.display_name, role: r.role, team: r.team, active: true }] : []));
  }
}
