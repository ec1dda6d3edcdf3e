import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../schema.js';
import type { UsersTable } from '../tables/foundation.js';
import type { User, UserWithSecret } from '../../../core/users/user.js';
import type { Role } from '../../../core/users/roles.js';
import { withoutSecret } from '../../../core/users/without-secret.js';

function toUser(r: Selectable<UsersTable>): UserWithSecret {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role as Role,
    team: r.team,
    active: r.active === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    passwordHash: r.password_hash,
  };
}


/** Users and their credentials. Only data access: rules live in src/core/users. */
export class UserRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async insert(u: UserWithSecret): Promise<void> {
    await this.db
      .insertInto('users')
      .values({
        id: u.id,
        username: u.username,
        display_name: u.displayName,
        role: u.role,
        team: u.team,
        password_hash: u.passwordHash,
        active: u.active ? 1 : 0,
        created_at: u.createdAt,
        updated_at: u.updatedAt,
      })
      .execute();
  }

  async findByUsername(username: string): Promise<UserWithSecret | undefined> {
    const r = await this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    return r && toUser(r);
  }

  async findById(id: string): Promise<UserWithSecret | undefined> {
    const r = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toUser(r);
  }

  async list(): Promise<User[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('username').execute();
    return rows.map((r) => withoutSecret(toUser(r)));
  }

  async count(): Promise<number> {
    const r = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async update(id: string, patch: Partial<Pick<UserWithSecret, 'displayName' | 'role' | 'team' | 'active' | 'passwordHash'>>, at: number): Promise<void> {
    await this.db
      .updateTable('users')
      .set({
        ...(patch.displayName !== undefined && { display_name: patch.displayName }),
        ...(patch.role !== undefined && { role: patch.role }),
        ...(patch.team !== undefined && { team: patch.team }),
        ...(patch.active !== undefined && { active: patch.active ? 1 : 0 }),
        ...(patch.passwordHash !== undefined && { password_hash: patch.passwordHash }),
        updated_at: at,
      })
      .where('id', '=', id)
      .execute();
  }
}
