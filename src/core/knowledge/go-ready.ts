import { pendingBulletins, unreadBulletinsConflict } from './bulletin-rules.js';
import { localDateOf } from './dates.js';
import type { AgentReadiness, AgentState, Bulletin } from './model.js';
import type { Actor, KnowledgeContext, KnowledgeStores } from './ports.js';

/** The caller's unacknowledged bulletins in force today. */
export async function pendingFor(ctx: Pick<KnowledgeContext, 'clock' | 'zone'>, st: KnowledgeStores, actor: Actor): Promise<Bulletin[]> {
  const today = localDateOf(ctx.clock.now(), ctx.zone);
  const inForce = await st.bulletins.bulletinsInForce(today);
  if (inForce.length === 0) return [];
  const acks = await st.bulletins.acksOf(actor.id, inForce.map((b) => b.id));
  return pendingBulletins(inForce, acks, actor.team, today);
}

/**
 * PH-NOTIFY: an agent goes ready (示闲, takes calls) only once every bulletin in force addressed to
 * them is acknowledged; otherwise a 409 listing them. Already ready stays ready, since unchanged.
 */
export async function goReady(ctx: Pick<KnowledgeContext, 'clock' | 'zone' | 'unitOfWork'>, actor: Actor): Promise<AgentState> {
  return ctx.unitOfWork(async (st) => {
    const pending = await pendingFor(ctx, st, actor);
    if (pending.length > 0) throw unreadBulletinsConflict(pending);
    return setState(ctx, st, actor, 'ready');
  });
}

/** 置忙 / signing off calls: no conditions. */
export async function goNotReady(ctx: Pick<KnowledgeContext, 'clock' | 'unitOfWork'>, actor: Actor): Promise<AgentState> {
  return ctx.unitOfWork((st) => setState(ctx, st, actor, 'not_ready'));
}

async function setState(ctx: Pick<KnowledgeContext, 'clock'>, st: KnowledgeStores, actor: Actor, state: AgentReadiness): Promise<AgentState> {
  const current = await st.bulletins.agentState(actor.id);
  if (current?.state === state) return current;
  const next: AgentState = { userId: actor.id, username: actor.username, state, since: ctx.clock.now() };
  await st.bulletins.setAgentState(next);
  return next;
}
