import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../schema.js';
import type { VisitIdCopiesTable } from '../tables/visits.js';
import type { IdCopy, IdCopyContentType, IdCopyStore, SealedBytes } from '../../../core/visits/id-copy.js';

function toCopy(r: Selectable<VisitIdCopiesTable>): IdCopy {
  return { id: r.id, visitId: r.visit_id, purpose: r.purpose, contentType: r.content_type as IdCopyContentType, size: r.size, storedBy: r.stored_by, storedAt: r.stored_at };
}

/** Sealed ID copies of walk-in visits (VS-PRIVACY): only ciphertext is stored, never the key. */
export class IdCopyRepository implements IdCopyStore {
  constructor(private readonly db: Kysely<DB>) {}

  async insert(c: IdCopy, s: SealedBytes): Promise<void> {
    await this.db
      .insertInto('visit_id_copies')
      .values({ id: c.id, visit_id: c.visitId, purpose: c.purpose, content_type: c.contentType, size: c.size, key_id: s.keyId, iv: s.iv, tag: s.tag, ciphertext: s.ciphertext, stored_by: c.storedBy, stored_at: c.storedAt })
      .execute();
  }

  async list(visitId: string): Promise<IdCopy[]> {
    const rows = await this.db.selectFrom('visit_id_copies').selectAll().where('visit_id', '=', visitId).orderBy('stored_at').orderBy('id').execute();
    return rows.map(toCopy);
  }

  async find(id: string): Promise<{ copy: IdCopy; sealed: SealedBytes } | undefined> {
    const r = await this.db.selectFrom('visit_id_copies').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? { copy: toCopy(r), sealed: { keyId: r.key_id, iv: r.iv, tag: r.tag, ciphertext: r.ciphertext } } : undefined;
  }
}
