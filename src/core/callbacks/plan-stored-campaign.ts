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

/**
 * Plans a stored campaign: selects its targets again (new customers may match), keeps every task
 * planned before (their slots stay taken) and adds only new ones, with their timers, in one
 * transaction. Planning twice adds nothing: the planner skips known keys and the unique key is
 * the last word. A dry run plans the same way and writes nothing.
 */
export async function planStoredCampaign(ctx: CallbackContext, campaignId: string, o: { dryRun: boolean }): Promise<StoredPlanResult> {
  const campaign = await ctx.read.findCampaign(campaignId);
  if (!campaign) throw AppError.notFound('回访活动 / campaign');
  const rules = await ctx.rules();
  const selection = await selectFor(ctx, campaign);
  const agents = await ctx.agentsOf(campaign.ownerTeam);
  if (agents.length === 0) {
    const message = `负责团队“${campaign.ownerTeam}”没有坐席，无法安排回访 / the owner team has no agents`;
    throw AppError.validation(message, [{ path: 'ownerTeam', message }]);
  }
  const existing = await ctx.read.existingOf(campaign.id);
  const plan = planCampaign({ campaign, agents, targets: selection.targets, existing }, { rules });
  const now = ctx.clock.now();
  const tasks: StoredTask[] = plan.tasks.map((t) => ({ ...t, id: newId(ctx.random, now, 'cb_'), createdAt: now, updatedAt: now }));
  if (!o.dryRun) {
    await ctx.unitOfWork(async (st) => {
      const added = new Set(await st.callbacks.insertTasks(tasks));
      // Another plan of the same campaign committed first: its tasks are the ones that count.
      plan.summary.alreadyPlanned += tasks.length - added.size;
      plan.summary.planned = added.size;
      await scheduleTaskTimers(st.scheduler, added.size === tasks.length ? tasks : tasks.filter((t) => added.has(t.id)), now);
      await st.callbacks.updateCampaign({ ...campaign, updatedAt: now, lastPlan: plan.summary });
    });
  }
  return { dryRun: o.dryRun, summary: plan.summary, skipped: selection.skipped, matched: selection.matched, sample: tasks.slice(0, 50) };
}
