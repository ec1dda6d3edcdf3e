import { sql, type Kysely } from 'kysely';

/**
 * PostgreSQL: `audit_log` and `call_source_events` are partitioned by month (issue #20), so a year
 * of a large centre stays month-sized per index and retention can one day drop whole months. The
 * partition key is the row's instant in epoch ms (`audit_log.at`, `call_source_events.time`),
 * months in UTC. A DEFAULT partition takes anything no month covers (an old file imported, a clock
 * far off). Months are created 3 ahead: by migration 012 and by the daily retention run.
 * SQLite keeps plain tables.
 */
export const PARTITIONED: ReadonlyArray<{ table: string; key: string }> = [
  { table: 'audit_log', key: 'at' },
  { table: 'call_source_events', key: 'time' },
];

const MONTHS_AHEAD = 3;
/** Existing rows older than this many months go to the DEFAULT partition instead of months of their own. */
const MONTHS_BACK_MAX = 120;

/** [start, end) of the UTC month `offset` months after the month of `at`. */
export function monthBounds(at: number, offset = 0): { name: string; from: number; to: number } {
  const d = new Date(at);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + offset;
  const from = Date.UTC(y, m, 1);
  const to = Date.UTC(y, m + 1, 1);
  const s = new Date(from);
  return { name: `y${s.getUTCFullYear()}m${String(s.getUTCMonth() + 1).padStart(2, '0')}`, from, to };
}

/** Creates the month partitions from the month of `from` to `MONTHS_AHEAD` after `now`; answers those it could not (rows of that month sit in DEFAULT). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function ensureMonthPartitions(db: Kysely<any>, now: number, from: number = now): Promise<string[]> {
  const skipped: string[] = [];
  const start = Math.max(from, monthBounds(now, -MONTHS_BACK_MAX).from);
  for (const { table } of PARTITIONED) {
    for (let i = 0; ; i++) {
      const month = monthBounds(start, i);
      if (month.from > monthBounds(now, MONTHS_AHEAD).from) break;
      const name = `${table}_${month.name}`;
      const exists = await sql<{ n: number }>`select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() and c.relname = ${name}`.execute(db);
      if (exists.rows[0]!.n > 0) continue;
      try {
        await sql`create table ${sql.table(name)} partition of ${sql.table(table)} for values from (${sql.lit(month.from)}) to (${sql.lit(month.to)})`.execute(db);
      } catch {
        // The DEFAULT partition already holds rows of that month: they stay there.
        skipped.push(name);
      }
    }
  }
  return skipped;
}

/** Migration 012, PostgreSQL: the two tables become partitioned by month, their rows moved over. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function partitionByMonth(db: Kysely<any>, now: number): Promise<void> {
  // audit_log: the primary key must include the partition key.
  await sql`alter table audit_log rename to audit_log_unpartitioned`.execute(db);
  await sql`alter table audit_log_unpartitioned rename constraint audit_log_pkey to audit_log_unpartitioned_pkey`.execute(db);
  await sql`drop index audit_log_at`.execute(db);
  await sql`drop index audit_log_target`.execute(db);
  await sql`create table audit_log (
    id text not null, at bigint not null, actor_id text, actor_name text, action text not null,
    target_type text, target_id text, detail text, ip text,
    primary key (id, at)
  ) partition by range (at)`.execute(db);
  await sql`create index audit_log_at on audit_log (at)`.execute(db);
  await sql`create index audit_log_target on audit_log (target_type, target_id)`.execute(db);
  await sql`create table audit_log_default partition of audit_log default`.execute(db);

  await sql`alter table call_source_events rename to call_source_events_unpartitioned`.execute(db);
  await sql`drop index call_source_events_key`.execute(db);
  await sql`create table call_source_events (
    source text not null, external_id text not null, queue text not null, time bigint not null,
    event text not null, agent text not null, data text not null, line bigint not null, line_hash bigint not null
  ) partition by range (time)`.execute(db);
  await sql`create unique index call_source_events_key on call_source_events (source, external_id, time, line_hash)`.execute(db);
  await sql`create table call_source_events_default partition of call_source_events default`.execute(db);

  const oldest = await sql<{ a: string | null; t: string | null }>`select (select min(at) from audit_log_unpartitioned) as a, (select min(time) from call_source_events_unpartitioned where time > 100000000000) as t`.execute(db);
  const first = Math.min(now, Number(oldest.rows[0]?.a ?? now), Number(oldest.rows[0]?.t ?? now));
  await ensureMonthPartitions(db, now, first);
  await sql`insert into audit_log select id, at, actor_id, actor_name, action, target_type, target_id, detail, ip from audit_log_unpartitioned`.execute(db);
  await sql`insert into call_source_events select source, external_id, queue, time, event, agent, data, line, line_hash from call_source_events_unpartitioned`.execute(db);
  await sql`drop table audit_log_unpartitioned`.execute(db);
  await sql`drop table call_source_events_unpartitioned`.execute(db);
}
