import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../http/test-app.js';
import type { Database, Dialect } from '../db/database.js';
import { eraseCustomer, exportCustomer } from './customer-erasure.js';
import { ERASED_CUSTOMER_NAME } from '../../core/customers/erasure.js';

const NAME = '欧阳娜娜';
const MOBILE = '13912345678';
const ID_NUMBER = '11010119900307123X';
const RECORDING = 'https://rec.example.cn/2026/03/02/c-nana.wav';
const EMAIL = 'nana.ouyang@example.cn';
const needles = [NAME, MOBILE, '139-1234-5678', '139 1234 5678', ID_NUMBER, ID_NUMBER.toLowerCase(), EMAIL];

/** Every value of every column of every table (FTS shadow tables included on SQLite), as text. */
async function everyCell(database: Database): Promise<Array<{ table: string; column: string; value: string }>> {
  const db = database.db;
  const tables =
    database.dialect === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)).rows.map((r) => r.name);
  const cells: Array<{ table: string; column: string; value: string }> = [];
  for (const table of tables) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows;
    for (const r of rows) {
      for (const [column, v] of Object.entries(r)) {
        if (typeof v === 'string') cells.push({ table, column, value: v });
        else if (Buffer.isBuffer(v)) cells.push({ table, column, value: v.toString('utf8') });
      }
    }
  }
  return cells;
}

const dialects: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

describe.each(dialects)('erasing a customer [%s]', (dialect) => {
  let t: TestApp;
  afterEach(async () => t.close());

  it('leaves no phone, name or ID number of theirs in any table; tickets and calls stay with the link cut', async () => {
    t = await createTestApp({ dialect });
    const sup = await t.as('supervisor');
    const agent = await t.as('agent', { username: 'ana' });
    const post = async (url: string, payload: unknown, headers = sup, extra: Record<string, string> = {}) => {
      const res = await t.app.inject({ method: 'POST', url, headers: { ...headers, ...extra }, payload: payload as object });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res.json();
    };
    const created = await post('/api/customers', { name: NAME, phones: [{ number: '139 1234 5678', kind: 'mobile' }], email: EMAIL, note: `身份证 ${ID_NUMBER}，老客户`, tags: ['重要'] }, sup, { 'idempotency-key': 'create-nana' });
    const id = created.id as string;
    const other = await post('/api/customers', { name: '司马光', phones: [{ number: '13800001111', kind: 'mobile' }] });

    // A call from their number, with a transcript in which the number and ID number are read out.
    const at = Date.parse('2026-03-02T09:15:00+08:00');
    await post('/api/cti/events', { events: [{ type: 'offered', callId: 'c-nana', at, queue: 'hotline', caller: MOBILE }, { type: 'answered', callId: 'c-nana', at: at + 5000, agent: 'ana' }, { type: 'ended', callId: 'c-nana', at: at + 90_000, by: 'customer', recording: RECORDING }] });
    const callId = (await t.app.inject({ method: 'GET', url: '/api/calls', headers: sup })).json().items[0].id as string;
    await post(`/api/calls/${callId}/transcript`, {
      utterances: [
        { speaker: 'agent', text: '您好，这里是客服中心，我是客服专员小周，请问有什么可以帮您？', start: 5400, end: 9000 },
        { speaker: 'customer', text: `我是${NAME}，手机139-1234-5678，身份证${ID_NUMBER}。`, start: 9500, end: 15000 },
      ],
    });
    // Their tickets (one filed by an agent, retried with an Idempotency-Key), and a read of their unmasked data.
    const ticket = await post('/api/tickets', { type: 'complaint', complaintClass: 'billing', complaintGrade: 'general', customerId: id, callId: 'c-nana', description: `${NAME}来电，回拨 ${MOBILE}，身份证 ${ID_NUMBER}，9月账单多扣了50元` }, agent, { 'idempotency-key': 'ticket-nana' });
    const ticketId = ticket.ticket.id as string;
    expect((await t.app.inject({ method: 'GET', url: `/api/customers/${id}?reveal=pii`, headers: sup })).statusCode).toBe(200);
    const otherTicket = await post('/api/tickets', { type: 'complaint', complaintClass: 'billing', complaintGrade: 'general', customerId: other.id, description: '账单有误，要求核实并退还多扣的费用' });

    const before = (await everyCell(t.ctx.database)).filter((c) => needles.some((n) => c.value.includes(n)));
    // The fixture really spread them around: customers, tickets, calls, events, audit, cached answers.
    expect(new Set(before.map((c) => c.table)).size).toBeGreaterThanOrEqual(5);

    const copy = await exportCustomer(t.ctx.database.db, id, t.clock.now());
    expect(copy.customer.name).toBe(NAME);
    expect(copy.tickets.map((x) => x.id)).toContain(ticketId);
    expect(JSON.stringify(copy.calls)).toContain(ID_NUMBER);
    expect(JSON.stringify(copy.calls)).toContain(RECORDING);

    const summary = await eraseCustomer(t.ctx.database.db, dialect, id, t.clock.now());
    expect(summary.tickets).toBe(1);
    expect(summary.calls).toBe(1);

    const left = (await everyCell(t.ctx.database)).filter((c) => needles.some((n) => c.value.includes(n)));
    expect(left.map((c) => `${c.table}.${c.column}: ${c.value.slice(0, 80)}`)).toEqual([]);

    // Kept, with the link cut.
    const kept = await t.ctx.database.db.selectFrom('tickets').selectAll().where('id', '=', ticketId).executeTakeFirstOrThrow();
    expect(kept.customer_id).toBeNull();
    expect(kept.customer_name).toBe(ERASED_CUSTOMER_NAME);
    expect(kept.description).toContain('9月账单多扣了50元');
    const call = await t.ctx.database.db.selectFrom('calls').selectAll().where('id', '=', callId).executeTakeFirstOrThrow();
    expect(call.customer_id).toBeNull();
    expect(call.caller).toBeNull();
    expect(call.transcript).toContain('客服专员小周');
    // Their voice: no longer pointed at, neither by the call nor by the CTI event that named it.
    expect(call.recording).toBeNull();
    expect((await everyCell(t.ctx.database)).filter((c) => c.value.includes(RECORDING))).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: `/api/customers/${id}`, headers: sup })).statusCode).toBe(404);
    // Ticket search still works, and finds nothing by their number.
    expect((await t.app.inject({ method: 'GET', url: `/api/tickets?q=${MOBILE}`, headers: sup })).json().items).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: `/api/tickets/${ticketId}`, headers: sup })).statusCode).toBe(200);
    // Someone else is untouched.
    const otherRow = await t.ctx.database.db.selectFrom('customers').selectAll().where('id', '=', other.id).executeTakeFirstOrThrow();
    expect(otherRow.name).toBe('司马光');
    expect((await t.ctx.database.db.selectFrom('tickets').select('customer_id').where('id', '=', otherTicket.ticket.id).executeTakeFirstOrThrow()).customer_id).toBe(other.id);
  });
});

describe('kefu customer export / erase', () => {
  it('export prints the unmasked record; erase needs --yes; both are audited without the personal data', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { runCli } = await import('../cli/test-io.js');
    const { loadConfig } = await import('../../config.js');
    const { createAppContext } = await import('../../app.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-erase-'));
    try {
      const env = { KEFU_DATA_DIR: dir, DATABASE_URL: '', LOG_LEVEL: 'silent', USER: 'ops' };
      const ctx = await createAppContext(loadConfig(env), { live: false });
      const c = await ctx.crm.customers.create({ name: NAME, phones: [{ number: MOBILE, kind: 'mobile' }] }, { id: null, username: 'test', role: 'admin' });
      await ctx.close();

      const exported = await runCli(['customer', 'export', c.id], { env });
      expect(exported.code, exported.stderr).toBe(0);
      expect(JSON.parse(exported.stdout).customer.phones[0].number).toBe(MOBILE);
      expect((await runCli(['customer', 'erase', c.id], { env })).code).toBe(2);
      const erased = await runCli(['customer', 'erase', c.id, '--yes'], { env });
      expect(erased.code, erased.stderr).toBe(0);
      expect(erased.stdout).toMatch(/erased customer/);
      expect((await runCli(['customer', 'export', c.id], { env })).code).toBe(1);

      const check = await createAppContext(loadConfig(env), { live: false });
      const audit = await check.database.db.selectFrom('audit_log').selectAll().where('target_id', '=', c.id).orderBy('at').execute();
      await check.close();
      expect(audit.map((a) => [a.action, a.actor_name])).toEqual(expect.arrayContaining([['customer.exported', 'cli:ops'], ['customer.erased', 'cli:ops']]));
      expect(JSON.stringify(audit)).not.toContain(MOBILE);
      expect(JSON.stringify(audit)).not.toContain(NAME);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
