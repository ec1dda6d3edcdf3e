import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../schema.js';
import type { Dialect } from '../database.js';
import type { CustomersTable } from '../tables/customers-tickets.js';
import { defaultContactPreferences, type ContactPreferences, type Customer, type CustomerPhone, type LifecycleStage, type StageChange } from '../../../core/customers/customer.js';
import type { CustomerQuery, CustomerStore, Page } from '../../../core/customers/ports.js';
import { searchTokens } from '../../../core/search/search-text.js';
import { decodeCursor, encodeCursor, pgRankMatters, searchClause, tsqueryOf } from './search-sql.js';

const columns = [
  'customers.id',
  'customers.code',
  'customers.name',
  'customers.company',
  'customers.email',
  'customers.category',
  'customers.vip',
  'customers.stage',
  'customers.tags',
  'customers.phones',
  'customers.contact_preferences',
  'customers.note',
  'customers.created_at',
  'customers.updated_at',
] as const;

type Row = Omit<Selectable<CustomersTable>, 'search_tokens' | 'search_seq'>;

function toCustomer(r: Row): Customer {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    company: r.company,
    email: r.email,
    category: r.category,
    vip: r.vip === 1,
    stage: r.stage as LifecycleStage,
    tags: JSON.parse(r.tags) as string[],
    phones: JSON.parse(r.phones) as CustomerPhone[],
    // Rows stored before a field existed (timeZone) read as its default.
    contactPreferences: { ...defaultContactPreferences, ...(JSON.parse(r.contact_preferences) as Partial<ContactPreferences>) },
    note: r.note,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function customerSearchTokens(c: Customer): string {
  return searchTokens(c.name, c.company, c.code, c.email, c.category, c.note, c.tags.join(' '), c.phones.map((p) => p.number).join(' '));
}

/** Customers, their phone index (one number → one customer) and stage history. Data access only. */
export class CustomerRepository implements CustomerStore {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: Dialect,
  ) {}

  async insert(c: Customer): Promise<void> {
    const tokens = customerSearchTokens(c);
    await this.db
      .insertInto('customers')
      .values({
        ...this.values(c),
        search_tokens: tokens,
        created_at: c.createdAt,
        // SQLite writers are serialized, so max()+1 is a safe key for the FTS row.
        search_seq: this.dialect === 'sqlite' ? sql<number>`(select coalesce(max(search_seq), 0) + 1 from customers)` : null,
      })
      .execute();
    await this.writePhones(c);
    if (this.dialect === 'sqlite') await sql`insert into customer_fts(rowid, tokens) select search_seq, ${tokens} from customers where id = ${c.id}`.execute(this.db);
  }

  async update(c: Customer): Promise<void> {
    const before = await this.db.selectFrom('customers').select(['search_tokens', 'search_seq']).where('id', '=', c.id).executeTakeFirst();
    const tokens = customerSearchTokens(c);
    await this.db.updateTable('customers').set({ ...this.values(c), search_tokens: tokens }).where('id', '=', c.id).execute();
    await this.db.deleteFrom('customer_phones').where('customer_id', '=', c.id).execute();
    await this.writePhones(c);
    if (this.dialect === 'sqlite' && before && before.search_tokens !== tokens && before.search_seq !== null) {
      await sql`delete from customer_fts where rowid = ${before.search_seq}`.execute(this.db);
      await sql`insert into customer_fts(rowid, tokens) values (${before.search_seq}, ${tokens})`.execute(this.db);
    }
  }

  private values(c: Customer) {
    return {
      id: c.id,
      code: c.code,
      name: c.name,
      company: c.company,
      email: c.email,
      category: c.category,
      vip: c.vip ? 1 : 0,
      stage: c.stage,
      tags: JSON.stringify(c.tags),
      phones: JSON.stringify(c.phones),
      contact_preferences: JSON.stringify(c.contactPreferences),
      note: c.note,
      updated_at: c.updatedAt,
    };
  }

  private async writePhones(c: Customer): Promise<void> {
    if (c.phones.length === 0) return;
    await this.db
      .insertInto('customer_phones')
      .values(c.phones.map((p) => ({ phone: p.number, customer_id: c.id, kind: p.kind })))
      .execute();
  }

  async findById(id: string): Promise<Customer | undefined> {
    const r = await this.db.selectFrom('customers').select(columns).where('id', '=', id).executeTakeFirst();
    return r && toCustomer(r);
  }

  async findForUpdate(id: string): Promise<Customer | undefined> {
    let q = this.db.selectFrom('customers').select(columns).where('id', '=', id);
    // SQLite has no row locks and needs none: its one writer runs transactions one at a time.
    if (this.dialect === 'postgres') q = q.forUpdate();
    const r = await q.executeTakeFirst();
    return r && toCustomer(r);
  }

  async findByCode(code: string): Promise<Customer | undefined> {
    const r = await this.db.selectFrom('customers').select(columns).where('code', '=', code).executeTakeFirst();
    return r && toCustomer(r);
  }

  async findByPhone(number: string): Promise<Customer | undefined> {
    const r = await this.db
      .selectFrom('customer_phones')
      .innerJoin('customers', 'customers.id', 'customer_phones.customer_id')
      .select(columns)
      .where('customer_phones.phone', '=', number)
      .executeTakeFirst();
    return r && toCustomer(r);
  }

  async list(q: CustomerQuery): Promise<Page<Customer>> {
    const cursor = decodeCursor(q.cursor);
    const search = searchClause(q.q, this.dialect, q.numbers);
    let query = this.db.selectFrom('customers').select(columns);
    if (q.stage) query = query.where('customers.stage', '=', q.stage);
    if (q.vip !== undefined) query = query.where('customers.vip', '=', q.vip ? 1 : 0);
    if (q.category) query = query.where('customers.category', '=', q.category);
    if (q.tag) query = query.where(sql<boolean>`customers.tags like ${`%${JSON.stringify(q.tag)}%`}`);
    if (search) {
      const offset = cursor && 'offset' in cursor ? cursor.offset : 0;
      if (this.dialect === 'sqlite') {
        query = query
          .innerJoin('customer_fts', 'customer_fts.rowid', 'customers.search_seq')
          .where(sql<boolean>`customer_fts match ${search.text}`)
          .orderBy(sql`customer_fts.rank`)
          .orderBy('customers.id', 'desc');
      } else {
        const tsq = tsqueryOf(search.text);
        query = query.where(sql<boolean>`customers.search_vector @@ ${tsq}`);
        if (pgRankMatters(search)) query = query.orderBy(sql`ts_rank(customers.search_vector, ${tsq})`, 'desc');
        query = query.orderBy('customers.id', 'desc');
      }
      const rows = await query.limit(q.limit + 1).offset(offset).execute();
      const items = rows.slice(0, q.limit).map(toCustomer);
      return { items, nextCursor: rows.length > q.limit ? encodeCursor({ offset: offset + q.limit }) : null };
    }
    if (cursor && 'id' in cursor) query = query.where('customers.id', '<', cursor.id);
    const rows = await query.orderBy('customers.id', 'desc').limit(q.limit + 1).execute();
    const items = rows.slice(0, q.limit).map(toCustomer);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > q.limit && last ? encodeCursor({ id: last.id }) : null };
  }

  async appendStageChange(c: StageChange): Promise<void> {
    await this.db
      .insertInto('customer_stage_history')
      .values({ id: c.id, customer_id: c.customerId, from_stage: c.from, to_stage: c.to, at: c.at, actor_id: c.actorId, actor_name: c.actorName, reason: c.reason })
      .execute();
  }

  async stageHistory(customerId: string): Promise<StageChange[]> {
    const rows = await this.db.selectFrom('customer_stage_history').selectAll().where('customer_id', '=', customerId).orderBy('at').orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id,
      customerId: r.customer_id,
      from: r.from_stage as LifecycleStage | null,
      to: r.to_stage as LifecycleStage,
      at: r.at,
      actorId: r.actor_id,
      actorName: r.actor_name,
      reason: r.reason,
    }));
  }

  async count(): Promise<number> {
    const r = await this.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }
}
