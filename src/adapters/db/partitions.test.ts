import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from './test-databases.js';
import { ensureMonthPartitions, monthBounds } from './partitions.js';

describe('monthBounds', () => {
  it('names and bounds UTC months, across a year end', () => {
    const at = Date.UTC(2026, 11, 7, 4, 0);
    expect(monthBounds(at)).toEqual({ name: 'y2026m12', from: Date.UTC(2026, 11, 1), to: Date.UTC(2027, 0, 1) });
    expect(monthBounds(at, 1).name).toBe('y2027m01');
    expect(monthBounds(at, -12).name).toBe('y2025m12');
  });
});

describeEachDatabase('call events and audit rows partitioned by month', (getDb, dialect) => {
  it.skipIf(dialect !== 'postgres')('rows land in their month; months are kept 3 ahead; the idempotent CTI insert still holds', async () => {
    const { db } = getDb();
    const now = Date.now();
    const where = async (table: string, key: string, value: number) =>
      (await sql<{ p: string }>`select tableoid::regclass::text as p from ${sql.table(table)} where ${sql.ref(key)} = ${value}`.execute(db)).rows.map((r) => r.p.replace(/^.*\./, ''));
    await db.insertInto('audit_log').values([
      { id: 'a1', at: now, actor_id: null, actor_name: null, action: 'probe', target_type: null, target_id: null, detail: null, ip: null },
      { id: 'a2', at: Date.UTC(2099, 0, 1), actor_id: null, actor_name: null, action: 'probe', target_type: null, target_id: null, detail: null, ip: null },
    ]).execute();
    expect(await where('audit_log', 'at', now)).toEqual([`audit_log_${monthBounds(now).name}`]);
    expect(await where('audit_log', 'at', Date.UTC(2099, 0, 1))).toEqual(['audit_log_default']);
    const ev = { source: 'cti', external_id: 'c1', queue: '', time: now, event: 'answered', agent: 'ana', data: '{}', line: 0, line_hash: 7 };
    await sql`insert into call_source_events (source, external_id, queue, time, event, agent, data, line, line_hash) values (${ev.source}, ${ev.external_id}, ${ev.queue}, ${ev.time}, ${ev.event}, ${ev.agent}, ${ev.data}, ${ev.line}, ${ev.line_hash}) on conflict do nothing`.execute(db);
    const again = await sql`insert into call_source_events (source, external_id, queue, time, event, agent, data, line, line_hash) values (${ev.source}, ${ev.external_id}, ${ev.queue}, ${ev.time}, ${ev.event}, ${ev.agent}, ${ev.data}, ${ev.line}, ${ev.line_hash}) on conflict do nothing`.execute(db);
    expect(Number(again.numAffectedRows)).toBe(0);
    expect(await where('call_source_events', 'time', now)).toEqual([`call_source_events_${monthBounds(now).name}`]);
    const parts = (await sql<{ name: string }>`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent where p.relname = 'audit_log' and c.relnamespace = p.relnamespace`.execute(db)).rows.map((r) => r.name);
    for (let i = 0; i <= 3; i++) expect(parts).toContain(`audit_log_${monthBounds(now, i).name}`);
    // The daily run a month later adds the next month; a second run adds nothing.
    expect(await ensureMonthPartitions(db, monthBounds(now, 1).from)).toEqual([]);
    const after = (await sql<{ n: number }>`select count(*)::int as n from pg_inherits i join pg_class p on p.oid = i.inhparent where p.relname = 'audit_log' and p.relnamespace = (select oid from pg_namespace where nspname = current_schema())`.execute(db)).rows[0]!.n;
    expect(after).toBe(parts.length + 1);
  });
});
