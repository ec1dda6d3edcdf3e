import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../http/test-app.js';
import type { Dialect } from './database.js';
import { refreshSearchTokens } from './search-reindex.js';
import { SEARCH_FORM } from '../../core/search/search-text.js';

const dialects: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

for (const dialect of dialects) {
  describe(`search tokens after an upgrade [${dialect}]`, () => {
    let t: TestApp;
    afterEach(async () => t.close());

    // A ticket stored before 帐/帳 were folded to 账 carries 帐 in its tokens: after the upgrade a
    // search for 账单 (or 帳單, which now folds to 账单) must find it, without anyone re-saving it.
    it('re-tokenizes rows stored under an older form once, and leaves current rows alone', async () => {
      t = await createTestApp({ dialect });
      const agent = await t.as('agent');
      const post = async (payload: object) => (await t.app.inject({ method: 'POST', url: '/api/tickets', headers: agent, payload })).json() as { ticket: { id: string } };
      const old = await post({ type: 'inquiry', customerName: '周女士', contactPhone: '13900001111', description: '客户说帳單重复扣款，要求核实' });
      await post({ type: 'inquiry', customerName: '吴先生', contactPhone: '13900002222', description: '宽带报修，光猫红灯' });
      const db = t.ctx.database.db;
      // What the old form stored: 帐 where the current form has 账.
      const row = await db.selectFrom('tickets').select(['search_tokens', 'search_seq']).where('id', '=', old.ticket.id).executeTakeFirstOrThrow();
      const oldTokens = row.search_tokens.replaceAll('账', '帐');
      expect(oldTokens).not.toBe(row.search_tokens);
      await db.updateTable('tickets').set({ search_tokens: oldTokens }).where('id', '=', old.ticket.id).execute();
      if (dialect === 'sqlite') {
        await sql`delete from ticket_fts where rowid = ${row.search_seq}`.execute(db);
        await sql`insert into ticket_fts(rowid, tokens) values (${row.search_seq}, ${oldTokens})`.execute(db);
      }
      await t.ctx.settings.put('search.form', SEARCH_FORM - 1, t.clock.now());
      const found = async (q: string) => ((await t.app.inject({ url: `/api/tickets?q=${encodeURIComponent(q)}`, headers: agent })).json() as { items: Array<{ id: string }> }).items.map((i) => i.id);
      expect(await found('帳單')).toEqual([]);

      expect(await refreshSearchTokens(db, dialect, t.ctx.settings, t.clock)).toEqual({ tickets: 1, customers: 0 });
      for (const q of ['帳單', '账单', '帐单']) expect(await found(q)).toEqual([old.ticket.id]);
      // Once at the current form, nothing more is done.
      expect(await refreshSearchTokens(db, dialect, t.ctx.settings, t.clock)).toBeNull();
    });
  });
}
