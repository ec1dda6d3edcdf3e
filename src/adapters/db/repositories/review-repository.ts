import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../schema.js';
import type { Dialect } from '../database.js';
import type { ReviewsTable } from '../tables/reviews.js';
import type { Page } from '../../../core/customers/ports.js';
import type { Review, ReviewStatus, SampleReason } from '../../../core/reviews/model.js';
import type { JudgedCall, ReviewQuery, ReviewStore, SampleMonthRecord, StoredQuality } from '../../../core/reviews/ports.js';
import type { SampledCall } from '../../../core/reviews/draw-sample.js';
import type { AgentCalls } from '../../../core/reviews/coverage.js';
import type { EngineMonth } from '../../../core/reviews/scorecard.js';
import type { DrillRun } from '../../../core/reviews/drill.js';

/** What the JSON body holds: the review minus its columns. */
type Body = Pick<Review, 'engine' | 'verdicts' | 'findings' | 'reviewerScore' | 'comment' | 'assignedAt' | 'timeSpentMs' | 'appeals' | 'history'>;

const CHUNK = 500;

function toRow(r: Review): Selectable<ReviewsTable> {
  const body: Body = { engine: r.engine, verdicts: r.verdicts, findings: r.findings, reviewerScore: r.reviewerScore, comment: r.comment, assignedAt: r.assignedAt, timeSpentMs: r.timeSpentMs, appeals: r.appeals, history: r.history };
  return {
    id: r.id,
    call_id: r.callId,
    agent: r.agent,
    month: r.month,
    week: r.week,
    reason: r.reason,
    call_started_at: r.callStartedAt,
    drawn_at: r.drawnAt,
    status: r.status,
    reviewer: r.reviewer,
    reviewed_at: r.reviewedAt,
    score: r.score,
    engine_score: r.engine.score,
    engine_fatal: r.engine.fatal ? 1 : 0,
    acknowledged_at: r.acknowledgedAt,
    appeal_open: r.appeals.some((a) => a.status === 'open') ? 1 : 0,
    body: JSON.stringify(body),
    updated_at: r.updatedAt,
  };
}

function fromRow(row: Selectable<ReviewsTable>): Review {
  const body = JSON.parse(row.body) as Body;
  return {
    id: row.id,
    callId: row.call_id,
    agent: row.agent,
    month: row.month,
    week: Number(row.week),
    reason: row.reason as SampleReason,
    callStartedAt: Number(row.call_started_at),
    drawnAt: Number(row.drawn_at),
    status: row.status as ReviewStatus,
    reviewer: row.reviewer,
    reviewedAt: row.reviewed_at === null ? null : Number(row.reviewed_at),
    score: row.score === null ? null : Number(row.score),
    acknowledgedAt: row.acknowledged_at === null ? null : Number(row.acknowledged_at),
    updatedAt: Number(row.updated_at),
    ...body,
  };
}

/** The review cycle's storage (issue #15): months with their seed, reviews, drills. */
export class ReviewRepository implements ReviewStore {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: Dialect,
  ) {}

  async findMonth(month: string): Promise<SampleMonthRecord | undefined> {
    const r = await this.db.selectFrom('review_months').selectAll().where('month', '=', month).executeTakeFirst();
    return r && { month: r.month, seed: Number(r.seed), share: Number(r.share), firstDrawnAt: Number(r.first_drawn_at), lastDrawnAt: Number(r.last_drawn_at), draws: Number(r.draws) };
  }

  async saveMonth(m: SampleMonthRecord): Promise<SampleMonthRecord> {
    await this.db
      .insertInto('review_months')
      .values({ month: m.month, seed: m.seed, share: m.share, first_drawn_at: m.firstDrawnAt, last_drawn_at: m.lastDrawnAt, draws: m.draws })
      .onConflict((oc) => oc.column('month').doNothing())
      .execute();
    return (await this.findMonth(m.month))!;
  }

  async touchMonth(month: string, at: number): Promise<void> {
    await this.db.updateTable('review_months').set((eb) => ({ last_drawn_at: at, draws: eb('draws', '+', 1) })).where('month', '=', month).execute();
  }

  async judgedCalls(from: number, to: number): Promise<JudgedCall[]> {
    const complaints = this.db.selectFrom('tickets').select('call_id').distinct().where('type', '=', 'complaint').where('call_id', 'is not', null).as('ct');
    const rows = await this.db
      .selectFrom('calls')
      .leftJoin(complaints, 'ct.call_id', 'calls.id')
      .select(['calls.id', 'calls.agent', 'calls.started_at', 'calls.quality_fatal', 'ct.call_id as complaint'])
      .where('calls.started_at', '>=', from)
      .where('calls.started_at', '<', to)
      .where('calls.quality_score', 'is not', null)
      .where('calls.agent', 'is not', null)
      .execute();
    return rows.map((r) => ({ callId: r.id, agent: r.agent!, startedAt: Number(r.started_at), fatal: Number(r.quality_fatal) === 1, complaint: r.complaint !== null }));
  }

  async sampledOf(month: string): Promise<SampledCall[]> {
    const rows = await this.db.selectFrom('reviews').select(['call_id', 'agent', 'week', 'reason']).where('month', '=', month).execute();
    return rows.map((r) => ({ callId: r.call_id, agent: r.agent, week: Number(r.week), reason: r.reason as SampleReason }));
  }

  async qualityOf(callIds: readonly string[]): Promise<StoredQuality[]> {
    const out: StoredQuality[] = [];
    for (let i = 0; i < callIds.length; i += CHUNK) {
      const ids = callIds.slice(i, i + CHUNK);
      if (ids.length === 0) break;
      const rows = await this.db.selectFrom('calls').select(['id', 'agent', 'started_at', 'quality_score', 'quality_fatal', 'quality']).where('id', 'in', ids).execute();
      for (const r of rows) {
        const q = r.quality ? (JSON.parse(r.quality) as { checks?: StoredQuality['checks'] }) : null;
        out.push({ callId: r.id, agent: r.agent, startedAt: r.started_at === null ? null : Number(r.started_at), score: r.quality_score === null ? null : Number(r.quality_score), fatal: Number(r.quality_fatal) === 1, checks: q?.checks ?? [] });
      }
    }
    return out;
  }

  async insertReviews(reviews: readonly Review[]): Promise<string[]> {
    const added: string[] = [];
    for (let i = 0; i < reviews.length; i += CHUNK) {
      const rows = await this.db
        .insertInto('reviews')
        .values(reviews.slice(i, i + CHUNK).map(toRow))
        // A call already under review (another draw, an extra review) stays as it is.
        .onConflict((oc) => oc.column('call_id').doNothing())
        .returning('id')
        .execute();
      for (const r of rows) added.push(r.id);
    }
    return added;
  }

  async find(id: string): Promise<Review | undefined> {
    const r = await this.db.selectFrom('reviews').selectAll().where('id', '=', id).executeTakeFirst();
    return r && fromRow(r);
  }

  async findForUpdate(id: string): Promise<Review | undefined> {
    let q = this.db.selectFrom('reviews').selectAll().where('id', '=', id);
    // SQLite has no row locks and needs none: its one writer runs transactions one at a time.
    if (this.dialect === 'postgres') q = q.forUpdate();
    const r = await q.executeTakeFirst();
    return r && fromRow(r);
  }

  async findByCall(callId: string): Promise<Review | undefined> {
    const r = await this.db.selectFrom('reviews').selectAll().where('call_id', '=', callId).executeTakeFirst();
    return r && fromRow(r);
  }

  async update(r: Review): Promise<void> {
    const { id, ...row } = toRow(r);
    await this.db.updateTable('reviews').set(row).where('id', '=', id).execute();
  }

  async list(q: ReviewQuery): Promise<Page<Review>> {
    let s = this.db.selectFrom('reviews').selectAll();
    if (q.month) s = s.where('month', '=', q.month);
    if (q.agent) s = s.where('agent', '=', q.agent);
    if (q.reviewer) s = s.where('reviewer', '=', q.reviewer);
    if (q.status) s = s.where('status', '=', q.status);
    if (q.reason) s = s.where('reason', '=', q.reason);
    if (q.appealOpen !== undefined) s = s.where('appeal_open', '=', q.appealOpen ? 1 : 0);
    if (q.cursor) s = s.where('id', '>', q.cursor);
    const rows = await s.orderBy('id').limit(q.limit + 1).execute();
    const items = rows.slice(0, q.limit).map(fromRow);
    return { items, nextCursor: rows.length > q.limit ? (items[items.length - 1]?.id ?? null) : null };
  }

  async reviewedBetween(from: number, to: number): Promise<Review[]> {
    const rows = await this.db.selectFrom('reviews').selectAll().where('status', '=', 'reviewed').where('reviewed_at', '>=', from).where('reviewed_at', '<', to).execute();
    return rows.map(fromRow);
  }

  async ofMonth(month: string): Promise<Review[]> {
    const rows = await this.db.selectFrom('reviews').selectAll().where('month', '=', month).execute();
    return rows.map(fromRow);
  }

  /** Coverage reads only columns: per call its agent, reason, status and the engine's fatal. */
  async sampleRows(month: string): Promise<Array<{ agent: string; reason: SampleReason; status: ReviewStatus; fatal: boolean }>> {
    const rows = await this.db.selectFrom('reviews').select(['agent', 'reason', 'status', 'engine_fatal']).where('month', '=', month).execute();
    return rows.map((r) => ({ agent: r.agent, reason: r.reason as SampleReason, status: r.status as ReviewStatus, fatal: Number(r.engine_fatal) === 1 }));
  }

  async agentCalls(from: number, to: number): Promise<AgentCalls[]> {
    const rows = await this.db
      .selectFrom('calls')
      .select((eb) => ['agent', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('quality_fatal').as('fatal')])
      .where('started_at', '>=', from)
      .where('started_at', '<', to)
      .where('quality_score', 'is not', null)
      .where('agent', 'is not', null)
      .groupBy('agent')
      .execute();
    return rows.map((r) => ({ agent: r.agent!, calls: Number(r.n), fatal: Number(r.fatal ?? 0) }));
  }

  async engineMonth(from: number, to: number): Promise<EngineMonth[]> {
    const rows = await this.db
      .selectFrom('calls')
      .select((eb) => ['agent', eb.fn.countAll<number>().as('n'), eb.fn.avg<number>('quality_score').as('avg'), eb.fn.sum<number>('quality_fatal').as('fatal')])
      .where('started_at', '>=', from)
      .where('started_at', '<', to)
      .where('quality_score', 'is not', null)
      .where('agent', 'is not', null)
      .groupBy('agent')
      .execute();
    return rows.map((r) => ({ agent: r.agent!, calls: Number(r.n), averageScore: r.avg === null ? null : Math.round(Number(r.avg) * 100) / 100, fatal: Number(r.fatal ?? 0) }));
  }

  // ----- drills (QA-TRAIN) -----

  async saveDrill(run: DrillRun, now: number): Promise<void> {
    const { id, scenario, trainee, startedAt, finishedAt, ...rest } = run;
    const row = { scenario, trainee, started_at: startedAt, finished_at: finishedAt, score: run.result?.score ?? null, fatal: run.result ? (run.result.fatal ? 1 : 0) : null, body: JSON.stringify(rest), updated_at: now };
    await this.db
      .insertInto('drill_runs')
      .values({ id, ...row })
      .onConflict((oc) => oc.column('id').doUpdateSet(row))
      .execute();
  }

  async findDrill(id: string): Promise<DrillRun | undefined> {
    const r = await this.db.selectFrom('drill_runs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) return undefined;
    const rest = JSON.parse(r.body) as Omit<DrillRun, 'id' | 'scenario' | 'trainee' | 'startedAt' | 'finishedAt'>;
    return { id: r.id, scenario: r.scenario, trainee: r.trainee, startedAt: Number(r.started_at), finishedAt: r.finished_at === null ? null : Number(r.finished_at), ...rest };
  }

  async listDrills(o: { trainee?: string; from?: number; to?: number; limit: number }): Promise<Array<{ id: string; scenario: string; trainee: string; startedAt: number; finishedAt: number | null; score: number | null; fatal: boolean | null }>> {
    let s = this.db.selectFrom('drill_runs').select(['id', 'scenario', 'trainee', 'started_at', 'finished_at', 'score', 'fatal']);
    if (o.trainee) s = s.where('trainee', '=', o.trainee);
    if (o.from !== undefined) s = s.where('started_at', '>=', o.from);
    if (o.to !== undefined) s = s.where('started_at', '<', o.to);
    const rows = await s.orderBy('started_at', 'desc').limit(o.limit).execute();
    return rows.map((r) => ({ id: r.id, scenario: r.scenario, trainee: r.trainee, startedAt: Number(r.started_at), finishedAt: r.finished_at === null ? null : Number(r.finished_at), score: r.score === null ? null : Number(r.score), fatal: r.fatal === null ? null : Number(r.fatal) === 1 }));
  }
}
