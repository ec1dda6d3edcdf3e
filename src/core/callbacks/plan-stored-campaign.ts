import { AppError } from '../shared/app-error.js';
import { newId } from '../shared/ids.js';
import { scheduleTaskTimers, type CallbackContext } from './callback-context.js';
import { selectFor } from './campaign-commands.js';
import { planCampaign, type PlanSummary } from './plan-campaign.js';
import type { StoredTask } from './ports.js';
import type { SkipReason } from './select-targets.js';

export interface StoredPlanResult {
  dryRun: boolean;
  summary: PlanSummary;
  /** Customers the rule matched but who may not be called, by reason. */
  skipped: Record<SkipReason, number>;
  matched: number;
  /** The first planned tasks (all of them on a dry run up to 50): for the screen's preview. */
  sample: StoredTask[];
}

/** Tasks written per transaction: a plan of 100,000 tasks commits in batches (resumable). */
export const PLAN_WRITE_BATCH = 2000;

/**
 * Plans a stored campaign: selects its targets again (new customers may match), keeps every task
 * planned before (their slots stay taken) and adds only new ones, with their timers, in batches of
 * PLAN_WRITE_BATCH per transaction. A plan interrupted half-way (a crash, a restart) has committed
 * whole batches: planning again keeps them and adds the rest, so it resumes. Planning twice adds
 * nothing: the planner skips known keys and the unique key is the last word. A dry run plans the
 * same way and writes nothing.
 */
export async function planStoredCampaign(ctx: CallbackContext, campaignId: string, o: { dryRun: boolean }): Promise<StoredPlanResult> {
  const campaign = await ctx.read.findCampaign(campaignId);
  if (!campaign) throw AppError.notFound('回访活动 / campaign');
  const rules = await ctx.rules();
  const selection = await selectFor(ctx, campaign, { keepTargets: true });
  const agents = await ctx.agentsOf(campaign.ownerTeam);
  if (agents.length === 0) {
    const message = `负责团队“${campaign.ownerTeam}”没有坐席，无法安排回访 / the owner team has no agents`;
    throw AppError.validation(message, [{ path: 'ownerTeam', message, code: 'no_agents', params: { team: campaign.ownerTeam } }]);
  }
  const existing = await ctx.read.existingOf(campaign.id);
  const plan = planCampaign({ campaign, agents, targets: selection.targets, existing }, { rules });
  const now = ctx.clock.now();
  const tasks: StoredTask[] = plan.tasks.map((t) => ({ ...t, id: newId(ctx.random, now, 'cb_'), team: campaign.ownerTeam, createdAt: now, updatedAt: now }));
  if (!o.dryRun) {
    let planned = 0;
    for (let i = 0; i < tasks.length; i += PLAN_WRITE_BATCH) {
      const batch = tasks.slice(i, i + PLAN_WRITE_BATCH);
      planned += await ctx.unitOfWork(async (st) => {
        const added = new Set(await st.callbacks.insertTasks(batch));
        await scheduleTaskTimers(st.scheduler, added.size === batch.length ? batch : batch.filter((t) => added.has(t.id)), now);
        return added.size;
      });
    }
    // Another plan of the same campaign committed first: its tasks are the ones that count.
    plan.summary.alreadyPlanned += tasks.length - planned;
    plan.summary.planned = planned;
    await ctx.unitOfWork((st) => st.callbacks.updateCampaign({ ...campaign, updatedAt: now, lastPlan: plan.summary }));
  }
  return { dryRun: o.dryRun, summary: plan.summary, skipped: selection.skipped, matched: selection.matched, sample: tasks.slice(0, 50) };
}
