import type { Random } from '../core/shared/random.js';
import type { Kysely } from 'kysely';
import type { DB } from './db/schema.js';
import type { Dialect } from './db/database.js';
import type { Clock } from '../core/shared/clock.js';
import type { AuditLog } from '../core/users/ports.js';
import { timeZone } from '../core/calendar/time-zone.js';
import type { KnowledgeContext, KnowledgeStores, ReadReportSources, ShiftStartsStore } from '../core/knowledge/ports.js';
import { defaultShiftStarts, type ShiftStarts } from '../core/knowledge/shift-starts.js';
import type { SettingsRepository } from './db/repositories/settings-repository.js';
import { KnowledgeRepository } from './db/repositories/knowledge-repository.js';
import { BulletinRepository } from './db/repositories/bulletin-repository.js';

/** The knowledge base and shift bulletins (issue #17), wired for routes and commands. */
export interface KnowledgeServices {
  ctx: KnowledgeContext;
  articles: KnowledgeRepository;
  bulletins: BulletinRepository;
}

function stores(db: Kysely<DB>, dialect: Dialect): KnowledgeStores {
  return { knowledge: new KnowledgeRepository(db, dialect), bulletins: new BulletinRepository(db, dialect) };
}

/** The read report looks at users, sign-ins (sessions) and calls: read straight from their tables, read only. */
function reportSources(db: Kysely<DB>): ReadReportSources {
  return {
    async agents() {
      const rows = await db.selectFrom('users').select(['id', 'username', 'display_name', 'team']).where('role', '=', 'agent').where('active', '=', 1).orderBy('username').execute();
      return rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name, team: r.team }));
    },
    async firstSignIn(userId, from, to) {
      const r = await db
        .selectFrom('sessions')
        .select((eb) => eb.fn.min('created_at').as('first'))
        .where('user_id', '=', userId)
        .where('created_at', '>=', from)
        .where('created_at', '<', to)
        .executeTakeFirst();
      return r?.first === null || r?.first === undefined ? null : Number(r.first);
    },
    async answeredCalls(username, from, to) {
      const r = await db
        .selectFrom('calls')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('started_at').as('first')])
        .where('agent', '=', username)
        .where('outcome', '=', 'answered')
        .where('started_at', '>=', from)
        .where('started_at', '<', to)
        .executeTakeFirstOrThrow();
      return { count: Number(r.n), first: r.first === null || r.first === undefined ? null : Number(r.first) };
    },
  };
}

/** The shift start times, one document in the settings table (`shift-starts.ts`); not cached: read once per report or state. */
export const SHIFT_STARTS_KEY = 'shift-starts';
function shiftStartsStore(settings: SettingsRepository, clock: Clock): ShiftStartsStore {
  return {
    async get() {
      return { ...defaultShiftStarts, ...((await settings.get<Partial<ShiftStarts>>(SHIFT_STARTS_KEY)) ?? {}) };
    },
    put: (s) => settings.put(SHIFT_STARTS_KEY, s, clock.now()),
  };
}

export function createKnowledgeServices(d: { db: Kysely<DB>; dialect: Dialect; clock: Clock; random: Random; timeZone: string; audit: AuditLog; settings: SettingsRepository }): KnowledgeServices {
  const read = stores(d.db, d.dialect);
  return {
    articles: read.knowledge as KnowledgeRepository,
    bulletins: read.bulletins as BulletinRepository,
    ctx: {
      clock: d.clock,
      random: d.random,
      zone: timeZone(d.timeZone),
      read,
      unitOfWork: (fn) => d.db.transaction().execute((trx) => fn(stores(trx, d.dialect))),
      reportSources: reportSources(d.db),
      audit: d.audit,
      shifts: shiftStartsStore(d.settings, d.clock),
    },
  };
}
