import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../schema.js';
import type { Dialect } from '../database.js';
import type { BulletinAcksTable, BulletinsTable } from '../tables/knowledge.js';
import type { Page } from '../../../core/customers/ports.js';
import type { BulletinQuery, BulletinStore } from '../../../core/knowledge/ports.js';
import type { AgentReadiness, AgentState, Bulletin, BulletinAck, BulletinKind } from '../../../core/knowledge/model.js';
import { decodeCursor, encodeCursor } from './search-sql.js';

function toBulletin(r: Selectable<BulletinsTable>): Bulletin {
  return {
    id: r.id,
    title: r.title,
    body: r.body,
    kind: r.kind as BulletinKind,
    effectiveDate: r.effective_date,
    untilDate: r.until_date,
    audience: JSON.parse(r.audience) as string[],
    version: r.version,
    versionAt: r.version_at,
    backdated: r.backdated === 1,
    publishedBy: r.published_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function values(b: Bulletin): Selectable<BulletinsTable> {
  return {
    id: b.id,
    title: b.title,
    body: b.body,
    kind: b.kind,
    effective_date: b.effectiveDate,
    until_date: b.untilDate,
    audience: JSON.stringify(b.audience),
    version: b.version,
    version_at: b.versionAt,
    backdated: b.backdated ? 1 : 0,
    published_by: b.publishedBy,
    created_at: b.createdAt,
    updated_at: b.updatedAt,
  };
}

const toAck = (r: Selectable<BulletinAcksTable>): BulletinAck => ({ bulletinId: r.bulletin_id, version: r.version, userId: r.user_id, username: r.username, ackedAt: r.acked_at });

/** Shift bulletins, who acknowledged which version, and each agent's ready state. Data access only. */
export class BulletinRepository implements BulletinStore {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: Dialect,
  ) {}

  async insertBulletin(b: Bulletin): Promise<void> {
    await this.db.insertInto('bulletins').values(values(b)).execute();
  }

  async updateBulletin(b: Bulletin): Promise<void> {
    const { id: _id, created_at: _c, ...rest } = values(b);
    await this.db.updateTable('bulletins').set(rest).where('id', '=', b.id).execute();
  }

  async findBulletin(id: string): Promise<Bulletin | undefined> {
    const r = await this.db.selectFrom('bulletins').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toBulletin(r);
  }

  async findBulletinForUpdate(id: string): Promise<Bulletin | undefined> {
    let q = this.db.selectFrom('bulletins').selectAll().where('id', '=', id);
    if (this.dialect === 'postgres') q = q.forUpdate();
    const r = await q.executeTakeFirst();
    return r && toBulletin(r);
  }

  async listBulletins(q: BulletinQuery): Promise<Page<Bulletin>> {
    const cursor = decodeCursor(q.cursor);
    let query = this.db.selectFrom('bulletins').selectAll();
    if (q.inForceOn) {
      const day = q.inForceOn;
      query = query.where('effective_date', '<=', day).where((eb) => eb.or([eb('until_date', 'is', null), eb('until_date', '>=', day)]));
    }
    if (cursor && 'id' in cursor) query = query.where('id', '<', cursor.id);
    const rows = await query.orderBy('id', 'desc').limit(q.limit + 1).execute();
    const items = rows.slice(0, q.limit).map(toBulletin);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > q.limit && last ? encodeCursor({ id: last.id }) : null };
  }

  async bulletinsInForce(today: string): Promise<Bulletin[]> {
    const rows = await this.db
      .selectFrom('bulletins')
      .selectAll()
      .where('effective_date', '<=', today)
      .where((eb) => eb.or([eb('until_date', 'is', null), eb('until_date', '>=', today)]))
      .orderBy('effective_date')
      .orderBy('id')
      .execute();
    return rows.map(toBulletin);
  }

  async acksOf(userId: string, bulletinIds: readonly string[]): Promise<BulletinAck[]> {
    if (bulletinIds.length === 0) return [];
    const rows = await this.db.selectFrom('bulletin_acks').selectAll().where('user_id', '=', userId).where('bulletin_id', 'in', [...bulletinIds]).execute();
    return rows.map(toAck);
  }

  async acksOfBulletin(bulletinId: string): Promise<BulletinAck[]> {
    const rows = await this.db.selectFrom('bulletin_acks').selectAll().where('bulletin_id', '=', bulletinId).orderBy('acked_at').execute();
    return rows.map(toAck);
  }

  async insertAck(ack: BulletinAck): Promise<BulletinAck> {
    await this.db
      .insertInto('bulletin_acks')
      .values({ bulletin_id: ack.bulletinId, version: ack.version, user_id: ack.userId, username: ack.username, acked_at: ack.ackedAt })
      .onConflict((oc) => oc.columns(['bulletin_id', 'user_id', 'version']).doNothing())
      .execute();
    const r = await this.db
      .selectFrom('bulletin_acks')
      .selectAll()
      .where('bulletin_id', '=', ack.bulletinId)
      .where('user_id', '=', ack.userId)
      .where('version', '=', ack.version)
      .executeTakeFirstOrThrow();
    return toAck(r);
  }

  async agentState(userId: string): Promise<AgentState | undefined> {
    const r = await this.db.selectFrom('agent_states').selectAll().where('user_id', '=', userId).executeTakeFirst();
    return r && { userId: r.user_id, username: r.username, state: r.state as AgentReadiness, since: r.since };
  }

  async setAgentState(s: AgentState): Promise<void> {
    await this.db
      .insertInto('agent_states')
      .values({ user_id: s.userId, username: s.username, state: s.state, since: s.since })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ username: s.username, state: s.state, since: s.since }))
      .execute();
  }
}
