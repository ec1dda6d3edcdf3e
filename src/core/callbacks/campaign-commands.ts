import { AppError } from '../shared/app-error.js';
import { newId } from '../shared/ids.js';
import type { CallbackContext } from './callback-context.js';
import { parseCampaign } from './campaign-input.js';
import type { Campaign } from './model.js';
import type { StoredCampaign } from './ports.js';
import { drawRandom, SelectionTally, type SelectionResult } from './select-targets.js';

/** CB-SELECT before creating: how many the rule selects, a sample, and who is skipped and why. */
export async function previewCampaign(ctx: CallbackContext, input: unknown): Promise<{ campaign: Campaign; selection: SelectionResult }> {
  const campaign = parseCampaign({ id: 'preview', ...(typeof input === 'object' && input !== null ? input : {}) });
  return { campaign, selection: await selectFor(ctx, campaign, { keepTargets: false }) };
}

/**
 * The campaign's selection, streamed: customers arrive in batches and only the count, the skips and
 * a sample are kept unless the targets are asked for (planning). The random draw reads the pool's
 * codes first and then only the drawn customers' records.
 */
export async function selectFor(ctx: CallbackContext, campaign: Campaign, o: { keepTargets: boolean }): Promise<SelectionResult> {
  const rules = await ctx.rules();
  const rule = campaign.selection;
  const tally = new SelectionTally(rule, { settings: rules.settings, type: campaign.type, now: ctx.clock.now() }, o);
  const ids = rule.kind === 'random' ? drawRandom(await ctx.randomPool(), rule).map((r) => r.customerId) : undefined;
  if (ids?.length === 0) return tally.result();
  for await (const batch of ctx.candidates(rule, ids)) tally.add(batch);
  return tally.result();
}

/** "A rule that selects no one says so before creating": 400 naming `selection` with the reason. */
function assertSelects(selection: SelectionResult): void {
  if (selection.empty) {
    const message = `${selection.empty.reason} / ${selection.empty.reasonEn}`;
    throw AppError.validation(message, [{ path: 'selection', message, code: 'selects_none', params: { matched: selection.matched } }]);
  }
}

export async function createCampaign(ctx: CallbackContext, input: unknown, actor: { id: string | null }): Promise<{ campaign: StoredCampaign; selection: SelectionResult }> {
  const now = ctx.clock.now();
  const campaign = parseCampaign({ ...(typeof input === 'object' && input !== null ? input : {}), id: newId(ctx.random, now, 'cmp_') });
  const selection = await selectFor(ctx, campaign, { keepTargets: false });
  assertSelects(selection);
  const stored: StoredCampaign = { ...campaign, createdBy: actor.id, createdAt: now, updatedAt: now, lastPlan: null };
  await ctx.unitOfWork((st) => st.callbacks.insertCampaign(stored));
  return { campaign: stored, selection };
}

/** Name, script, period and owner team may change; the type and rule too until the campaign is planned. */
export async function updateCampaign(ctx: CallbackContext, id: string, patch: Record<string, unknown>): Promise<StoredCampaign> {
  const current = await ctx.read.findCampaign(id);
  if (!current) throw AppError.notFound('回访活动 / campaign');
  const { createdBy, createdAt, updatedAt: _u, lastPlan, ...base } = current;
  if (current.lastPlan && ('selection' in patch || 'type' in patch)) {
    const message = '活动已安排任务，不能再改选择规则或回访类型；请新建活动 / a planned campaign keeps its rule and type';
    throw AppError.conflict(message, [{ path: 'selection' in patch ? 'selection' : 'type', message, code: 'campaign_planned' }]);
  }
  const campaign = parseCampaign({ ...base, ...patch, id });
  if ('selection' in patch) assertSelects(await selectFor(ctx, campaign, { keepTargets: false }));
  const stored: StoredCampaign = { ...campaign, createdBy, createdAt, updatedAt: ctx.clock.now(), lastPlan };
  await ctx.unitOfWork((st) => st.callbacks.updateCampaign(stored));
  return stored;
}
