import type { MigrationContext } from './index.js';

/**
 * Issue #15 (the quality review cycle): the month's sample with its recorded seed, one review per
 * sampled call (unique call: drawing twice adds nothing), and the role-play drills (QA-TRAIN).
 * What nobody filters on (the engine's checks, verdicts, findings, appeals, history) is one JSON
 * body per review; what the queue, coverage and scorecards filter on has a column.
 */
export async function up({ db }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('review_months')
    .addColumn('month', 'text', (c) => c.primaryKey())
    .addColumn('seed', 'bigint', (c) => c.notNull())
    .addColumn('share', 'real', (c) => c.notNull())
    .addColumn('first_drawn_at', 'bigint', (c) => c.notNull())
    .addColumn('last_drawn_at', 'bigint', (c) => c.notNull())
    .addColumn('draws', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('call_id', 'text', (c) => c.notNull().unique())
    .addColumn('agent', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('week', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('call_started_at', 'bigint', (c) => c.notNull())
    .addColumn('drawn_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reviewer', 'text')
    .addColumn('reviewed_at', 'bigint')
    .addColumn('score', 'real')
    .addColumn('engine_score', 'real', (c) => c.notNull())
    .addColumn('engine_fatal', 'integer', (c) => c.notNull())
    .addColumn('acknowledged_at', 'bigint')
    // 1 while an appeal waits for its decision (the appeals queue).
    .addColumn('appeal_open', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  for (const [name, cols] of [
    ['reviews_month_agent', ['month', 'agent']],
    ['reviews_reviewer_status', ['reviewer', 'status']],
    ['reviews_reviewed_at', ['reviewed_at']],
    ['reviews_agent_status', ['agent', 'status']],
  ] as const) {
    await db.schema.createIndex(name).on('reviews').columns([...cols]).execute();
  }

  await db.schema
    .createTable('drill_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scenario', 'text', (c) => c.notNull())
    .addColumn('trainee', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .addColumn('score', 'real')
    .addColumn('fatal', 'integer')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('drill_runs_trainee').on('drill_runs').columns(['trainee', 'started_at']).execute();
}
