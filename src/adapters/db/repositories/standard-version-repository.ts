import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

import type { StandardVersion as StandardVersionRecord, StandardVersionStore } from '../../../core/standard/standard-service.js';

type StandardVersionSummary = Omit<StandardVersionRecord, 'content' | 'source'>;

/** Every version of the centre's standard pack; the newest is the one in force. */
export class StandardVersionRepository implements StandardVersionStore {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * Stores the next version. The primary key on `version` makes two concurrent saves collide
   * instead of both becoming "version 4"; the caller retries or reports a conflict.
   */
  async append(v: Omit<StandardVersionRecord, 'version'>): Promise<number> {
    const last = await this.db.selectFrom('standard_versions').select((eb) => eb.fn.max('version').as('v')).executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    await this.db
      .insertInto('standard_versions')
      .values({ version, pack_id: v.packId, content: JSON.stringify(v.content), source: v.source, comment: v.comment, created_at: v.createdAt, created_by: v.createdBy })
      .execute();
    return version;
  }

  async latest(): Promise<StandardVersionRecord | undefined> {
    const r = await this.db.selectFrom('standard_versions').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst();
    return r && toRecord(r);
  }

  async get(version: number): Promise<StandardVersionRecord | undefined> {
    const r = await this.db.selectFrom('standard_versions').selectAll().where('version', '=', version).executeTakeFirst();
    return r && toRecord(r);
  }

  async list(): Promise<StandardVersionSummary[]> {
    const rows = await this.db.selectFrom('standard_versions').select(['version', 'pack_id', 'comment', 'created_at', 'created_by']).orderBy('version', 'desc').execute();
    return rows.map((r) => ({ version: r.version, packId: r.pack_id, comment: r.comment, createdAt: r.created_at, createdBy: r.created_by }));
  }
}

function toRecord(r: { version: number; pack_id: string; content: string; source: string; comment: string | null; created_at: number; created_by: string | null }): StandardVersionRecord {
  return { version: r.version, packId: r.pack_id, content: JSON.parse(r.content) as unknown, source: r.source, comment: r.comment, createdAt: r.created_at, createdBy: r.created_by };
}
