import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { Dialect } from '../database.js';
import * as m001 from './001-foundation.js';
import * as m005 from './005-customers-tickets.js';
import * as m002 from './002-standard-versions.js';
import * as m004 from './004-calls.js';
import * as m003 from './003-calendars.js';
import * as m006 from './006-hardening-writes.js';
import * as m007 from './007-callbacks.js';
import * as m008 from './008-reviews.js';
import * as m010 from './010-knowledge.js';
import * as m009 from './009-visits.js';
import * as m011 from './011-calls-by-pbx-id.js';
import * as m013 from './013-calls-by-customer.js';
import * as m012 from './012-scale-out.js';
import * as m014 from './014-ticket-articles.js';
import * as m018 from './018-callback-teams-calls.js';
import * as m019 from './019-ticket-numbers.js';
import * as m020 from './020-visit-id-copies.js';
import * as m021 from './021-call-recordings.js';

/** What a migration gets: the database (untyped: migrations outlive the current schema) and which SQL dialect it is. */
export interface MigrationContext {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>;
  dialect: Dialect;
}

interface MigrationModule {
  up(ctx: MigrationContext): Promise<void>;
}

// One migration set for both databases, in order. Names never change once released.
// A new migration is a file here plus one line below.
const migrations: Record<string, MigrationModule> = {
  '001-foundation': m001,
  '005-customers-tickets': m005,
  '002-standard-versions': m002,
  '004-calls': m004,
  '003-calendars': m003,
  '006-hardening-writes': m006,
  '007-callbacks': m007,
  '008-reviews': m008,
  '010-knowledge': m010,
  '009-visits': m009,
  '011-calls-by-pbx-id': m011,
  '013-calls-by-customer': m013,
  '012-scale-out': m012,
  '014-ticket-articles': m014,
  '018-callback-teams-calls': m018,
  '019-ticket-numbers': m019,
  '020-visit-id-copies': m020,
  '021-call-recordings': m021,
};

/** Every migration's name (Kysely runs them sorted by name). */
export const migrationNames: readonly string[] = Object.keys(migrations);

export function migrationProvider(dialect: Dialect): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return Object.fromEntries(
        Object.entries(migrations).map(([name, m]) => [name, { up: (db) => m.up({ db, dialect }) } satisfies Migration]),
      );
    },
  };
}
