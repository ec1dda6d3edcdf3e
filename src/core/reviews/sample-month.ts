import { newId } from '../shared/ids.js';
import { drawSample, type SamplePick } from './draw-sample.js';
import { drawnReview } from './engine-snapshot.js';
import { monthBounds, parseMonth, weekOfMonth } from './month.js';
import type { Review, SampleReason } from './model.js';
import type { ReviewContext } from './review-context.js';
import type { SampleMonthRecord } from './ports.js';

export interface SampleResult {
  month: string;
  seed: number;
  share: number;
  /** Calls this draw added, by reason. */
  added: Record<Exclude<SampleReason, 'extra'>, number>;
  /** Calls in the month's sample after it. */
  total: number;
  /** Judged calls of the month. */
  calls: number;
}

/**
 * QA-SAMPLE: draws the month's sample the first time (recording the seed) and tops it up every time
 * after, with the same seed: calls drawn earlier stay, new ones are added only where the month's new
 * calls ask for them. Idempotent: drawing again over the same calls adds nothing, and a review row
 * per call (unique) is the last word when two draws run at once.
 */
export async function sampleMonth(ctx: ReviewContext, month: string, o: { seed?: number } = {}): Promise<SampleResult> {
  parseMonth(month);
  const now = ctx.clock.now();
  const rules = await ctx.rules();
  return ctx.unitOfWork(async (store) => {
    let record: SampleMonthRecord | undefined = await store.findMonth(month);
    if (!record) record = await store.saveMonth({ month, seed: (o.seed ?? ctx.newSeed()) >>> 0, share: rules.share, firstDrawnAt: now, lastDrawnAt: now, draws: 0 });
    const { from, to } = monthBounds(month, ctx.zone);
    const judged = await store.judgedCalls(from, to);
    const existing = await store.sampledOf(month);
    const picks: SamplePick[] = drawSample({
      seed: record.seed,
      // The share recorded with the month's first draw, unless the pack now asks for more.
      share: Math.max(record.share, rules.share),
      calls: judged.map((c) => ({ callId: c.callId, agent: c.agent, week: weekOfMonth(c.startedAt, ctx.zone), fatal: c.fatal, complaint: c.complaint })),
      existing,
    });
    const startedAt = new Map(judged.map((c) => [c.callId, c.startedAt]));
    const quality = new Map((await store.qualityOf(picks.map((p) => p.callId))).map((q) => [q.callId, q]));
    const reviews: Review[] = picks.flatMap((p) => {
      const q = quality.get(p.callId);
      if (!q) return [];
      const d = { id: newId(ctx.random, now, 'rv_'), callId: p.callId, agent: p.agent, month, week: p.week, reason: p.reason, callStartedAt: startedAt.get(p.callId) ?? 0, reviewer: null, assignedAt: null };
      return [drawnReview(d, q, rules, now, { by: null, note: `${p.reason} · seed ${record.seed}` })];
    });
    const inserted = new Set(await store.insertReviews(reviews));
    await store.touchMonth(month, now);
    const added = { quota: 0, fatal: 0, complaint: 0 };
    for (const r of reviews) if (inserted.has(r.id)) added[r.reason as keyof typeof added]++;
    return { month, seed: record.seed, share: Math.max(record.share, rules.share), added, total: existing.length + inserted.size, calls: judged.length };
  });
}
